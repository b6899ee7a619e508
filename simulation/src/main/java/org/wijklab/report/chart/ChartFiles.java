package org.wijklab.report.chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Writes a chart as a PNG image and as a standalone SVG document. The same chart written twice gives
 * byte-identical files: the SVG's definition ids are prefixed with the chart's id instead of a clock
 * value.
 */
public final class ChartFiles {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private ChartFiles() {
    }

    /**
     * Writes {@code dir/id.png} and {@code dir/id.svg} of {@code width} x {@code height} pixels and
     * returns their paths, PNG first. The SVG has a {@code viewBox}, so browsers can scale it. {@code id}
     * must match {@code [a-z0-9][a-z0-9-]*}. Creates {@code dir} if needed (not its parents); each file is written under a
     * temporary name in {@code dir} and then renamed into place.
     */
    public static List<Path> write(Chart chart, Path dir, String id, int width, int height) throws IOException {
        Checks.notNull(chart, "chart");
        Checks.notNull(dir, "dir");
        Checks.notNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id '" + id + "' does not match [a-z0-9][a-z0-9-]*");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size " + width + " x " + height + " is not positive");
        }
        // the folder itself, not its parents: a report's partial folder removed on SIGTERM stays removed
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir);
        }
        Path png = dir.resolve(id + ".png");
        Path svg = dir.resolve(id + ".svg");
        writeAtomically(png, png(chart, width, height));
        writeAtomically(svg, svg(chart, id, width, height).getBytes(StandardCharsets.UTF_8));
        return List.of(png, svg);
    }

    private static byte[] png(Chart chart, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            paint(chart, g, width, height);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
        if (param.canWriteCompressed()) {
            // the strongest deflate: the report's reference copy is committed, so bytes count
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.0f);
        }
        // cached in memory, never in the system's temporary folder (which may be missing or full)
        try (javax.imageio.stream.ImageOutputStream out = new javax.imageio.stream.MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static String svg(Chart chart, String id, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(id + "-");
        // one decimal is a tenth of a pixel: enough for the eye, and it keeps the files small
        g.setGeomDoubleConverter(v -> decimals(v, 10.0));
        g.setTransformDoubleConverter(v -> decimals(v, 100.0));
        paint(chart, g, width, height);
        return XML_DECLARATION + g.getSVGElement(null, true, new ViewBox(0, 0, width, height), null, null) + "\n";
    }

    /** v rounded to 1 / scale, in plain notation. */
    private static String decimals(double v, double scale) {
        return java.math.BigDecimal.valueOf(Math.round(v * scale) / scale).toPlainString();
    }

    private static void paint(Chart chart, Graphics2D g, int width, int height) {
        Rectangle2D area = new Rectangle2D.Double(0, 0, width, height);
        g.setPaint(Color.WHITE);
        g.fill(area);
        chart.draw(g, area);
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}

package org.wijklab.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The schematic city map in plain Java2D. Its layout depends only on the drawing area and the map's
 * contents (text is measured with a fixed anti-aliased, fractional-metrics font context):
 * <ul>
 * <li>a margin of {@value #MARGIN} px on every side;</li>
 * <li>the title centred at the top, in a band {@value #TITLE_BAND} px high;</li>
 * <li>the legend at the bottom, centred rows {@value #LEGEND_ROW} px high, as many as the class names
 * (and "no data", if a tile has no class) need at the area's width;</li>
 * <li>the grid in the space between: with {@code columns} and {@code rows} one more than the largest
 * tile column and row, a cell's side is {@code min(width / columns, height / rows)}, the grid is
 * centred in the space, and each tile is its cell less a gap of {@value #GAP} of the side, split
 * evenly around it.</li>
 * </ul>
 */
final class CityMap implements Chart {
    static final double MARGIN = 12;
    static final double TITLE_BAND = 30;
    static final double LEGEND_ROW = 22;
    static final double GAP = 0.06;

    private static final double SWATCH = 14;
    private static final double SWATCH_TEXT_GAP = 6;
    private static final double LEGEND_ITEM_GAP = 20;
    private static final double LEGEND_TOP_GAP = 8;
    private static final double TEXT_PADDING = 4;
    private static final float NAME_MAX_SIZE = 13;
    private static final float NAME_MIN_SIZE = 8;
    private static final float VALUE_SCALE = 0.92f;
    private static final String NO_DATA = "no data";
    private static final String ELLIPSIS = "…";
    private static final Font LEGEND_FONT = ChartStyle.TICK_LABEL;
    private static final Color SWATCH_OUTLINE = new Color(0x999999);
    private static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);

    private final String title;
    private final List<Tile> tiles;
    private final List<String> classNames;
    private final int columns;
    private final int rows;

    CityMap(String title, List<Tile> tiles, List<String> classNames) {
        this.title = title;
        this.tiles = tiles;
        this.classNames = classNames;
        this.columns = tiles.stream().mapToInt(Tile::column).max().orElseThrow() + 1;
        this.rows = tiles.stream().mapToInt(Tile::row).max().orElseThrow() + 1;
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setPaint(Color.WHITE);
        g.fill(area);
        drawTitle(g, area);
        for (Tile tile : tiles) {
            Rectangle2D box = tileBounds(area, tile.column(), tile.row());
            Color fill = Palette.classColour(tile.cls(), classNames.size());
            g.setPaint(fill);
            g.fill(box);
            drawTileText(g, tile, box, Palette.textOn(fill));
        }
        drawLegend(g, area);
    }

    /** The square of the tile in {@code column} and {@code row} when the map is drawn into {@code area}. */
    Rectangle2D tileBounds(Rectangle2D area, int column, int row) {
        Rectangle2D grid = gridSpace(area);
        double cell = Math.max(0, Math.min(grid.getWidth() / columns, grid.getHeight() / rows));
        double left = grid.getX() + (grid.getWidth() - cell * columns) / 2;
        double top = grid.getY() + (grid.getHeight() - cell * rows) / 2;
        double gap = cell * GAP;
        return new Rectangle2D.Double(left + column * cell + gap / 2, top + row * cell + gap / 2, cell - gap,
                cell - gap);
    }

    private Rectangle2D gridSpace(Rectangle2D area) {
        double top = area.getY() + MARGIN + TITLE_BAND;
        double bottom = area.getMaxY() - MARGIN - legendRows(area).size() * LEGEND_ROW - LEGEND_TOP_GAP;
        return new Rectangle2D.Double(area.getX() + MARGIN, top, Math.max(0, area.getWidth() - 2 * MARGIN),
                Math.max(0, bottom - top));
    }

    private void drawTitle(Graphics2D g, Rectangle2D area) {
        g.setFont(ChartStyle.TITLE);
        g.setPaint(Palette.TEXT);
        LineMetrics metrics = ChartStyle.TITLE.getLineMetrics(title, MEASURE);
        double baseline = area.getY() + MARGIN + (TITLE_BAND - metrics.getHeight()) / 2 + metrics.getAscent();
        g.drawString(title, (float) (area.getCenterX() - width(title, ChartStyle.TITLE) / 2), (float) baseline);
    }

    /** The legend's entries: each class name, then "no data" if some tile has no class. */
    private List<String> legendEntries() {
        List<String> entries = new ArrayList<>(classNames);
        if (tiles.stream().anyMatch(t -> t.cls() < 0)) {
            entries.add(NO_DATA);
        }
        return entries;
    }

    /** The legend's entries split into rows that fit the area's width, as indices into the entries. */
    private List<List<Integer>> legendRows(Rectangle2D area) {
        List<String> entries = legendEntries();
        double available = area.getWidth() - 2 * MARGIN;
        List<List<Integer>> lines = new ArrayList<>();
        List<Integer> line = new ArrayList<>();
        double used = 0;
        for (int i = 0; i < entries.size(); i++) {
            double w = entryWidth(entries.get(i));
            if (!line.isEmpty() && used + LEGEND_ITEM_GAP + w > available) {
                lines.add(line);
                line = new ArrayList<>();
                used = 0;
            }
            used += (line.isEmpty() ? 0 : LEGEND_ITEM_GAP) + w;
            line.add(i);
        }
        lines.add(line);
        return lines;
    }

    private static double entryWidth(String entry) {
        return SWATCH + SWATCH_TEXT_GAP + width(entry, LEGEND_FONT);
    }

    private void drawLegend(Graphics2D g, Rectangle2D area) {
        List<String> entries = legendEntries();
        List<List<Integer>> lines = legendRows(area);
        LineMetrics metrics = LEGEND_FONT.getLineMetrics("Ag", MEASURE);
        g.setFont(LEGEND_FONT);
        g.setStroke(new BasicStroke(1f));
        double top = area.getMaxY() - MARGIN - lines.size() * LEGEND_ROW;
        for (List<Integer> line : lines) {
            double lineWidth = (line.size() - 1) * LEGEND_ITEM_GAP;
            for (int i : line) {
                lineWidth += entryWidth(entries.get(i));
            }
            double x = area.getCenterX() - lineWidth / 2;
            double middle = top + LEGEND_ROW / 2;
            for (int i : line) {
                Rectangle2D swatch = new Rectangle2D.Double(x, middle - SWATCH / 2, SWATCH, SWATCH);
                g.setPaint(Palette.classColour(i < classNames.size() ? i : -1, classNames.size()));
                g.fill(swatch);
                g.setPaint(SWATCH_OUTLINE);
                g.draw(swatch);
                g.setPaint(Palette.TEXT);
                float baseline = (float) (middle + (metrics.getAscent() - metrics.getDescent()) / 2);
                g.drawString(entries.get(i), (float) (x + SWATCH + SWATCH_TEXT_GAP), baseline);
                x += entryWidth(entries.get(i)) + LEGEND_ITEM_GAP;
            }
            top += LEGEND_ROW;
        }
    }

    /**
     * The tile's name (on one line, or two if it has a space or hyphen and one is too narrow) and value
     * label, centred in the tile at the largest size that fits, shortened with an ellipsis if even the
     * smallest size does not.
     */
    private static void drawTileText(Graphics2D g, Tile tile, Rectangle2D box, Color colour) {
        double room = box.getWidth() - 2 * TEXT_PADDING;
        float largest = (float) Math.max(NAME_MIN_SIZE, Math.min(NAME_MAX_SIZE, box.getWidth() / 6));
        List<String> name = List.of(tile.name());
        Font nameFont = fit(name, room, largest);
        List<String> split = split(tile.name());
        if (nameFont.getSize2D() < largest && split.size() == 2) {
            Font splitFont = fit(split, room, largest);
            if (splitFont.getSize2D() > nameFont.getSize2D()) {
                name = split;
                nameFont = splitFont;
            }
        }
        Font valueFont = nameFont.deriveFont(Font.PLAIN, nameFont.getSize2D() * VALUE_SCALE);
        List<String> lines = new ArrayList<>();
        List<Font> fonts = new ArrayList<>();
        for (String part : name) {
            lines.add(shorten(part, nameFont, room));
            fonts.add(nameFont);
        }
        if (!tile.valueLabel().isEmpty()) {
            lines.add(shorten(tile.valueLabel(), valueFont, room));
            fonts.add(valueFont);
        }
        double height = 0;
        for (int i = 0; i < lines.size(); i++) {
            height += fonts.get(i).getLineMetrics(lines.get(i), MEASURE).getHeight();
        }
        double y = box.getCenterY() - height / 2;
        g.setPaint(colour);
        for (int i = 0; i < lines.size(); i++) {
            LineMetrics metrics = fonts.get(i).getLineMetrics(lines.get(i), MEASURE);
            g.setFont(fonts.get(i));
            g.drawString(lines.get(i), (float) (box.getCenterX() - width(lines.get(i), fonts.get(i)) / 2),
                    (float) (y + metrics.getAscent()));
            y += metrics.getHeight();
        }
    }

    /** The bold font, from {@code largest} down to the minimum size in half points, at which all lines fit. */
    private static Font fit(List<String> lines, double room, float largest) {
        Font font = new Font(ChartStyle.FAMILY, Font.BOLD, 1).deriveFont(largest);
        while (font.getSize2D() > NAME_MIN_SIZE && !fits(lines, font, room)) {
            font = font.deriveFont(Math.max(NAME_MIN_SIZE, font.getSize2D() - 0.5f));
        }
        return font;
    }

    private static boolean fits(List<String> lines, Font font, double room) {
        return lines.stream().allMatch(line -> width(line, font) <= room);
    }

    /**
     * The name split in two at the space or hyphen that best balances the two parts (a hyphen stays
     * with the first part), or the name alone if it has neither.
     */
    private static List<String> split(String name) {
        List<String> best = List.of(name);
        int bestLonger = Integer.MAX_VALUE;
        for (int i = 1; i < name.length() - 1; i++) {
            char c = name.charAt(i);
            if (c != ' ' && c != '-') {
                continue;
            }
            String first = c == ' ' ? name.substring(0, i) : name.substring(0, i + 1);
            String second = name.substring(i + 1);
            int longer = Math.max(first.length(), second.length());
            if (longer < bestLonger) {
                best = List.of(first, second);
                bestLonger = longer;
            }
        }
        return best;
    }

    /** {@code text}, or its longest start followed by an ellipsis that fits in {@code room}. */
    private static String shorten(String text, Font font, double room) {
        if (width(text, font) <= room) {
            return text;
        }
        for (int end = text.length() - 1; end > 0; end--) {
            String shorter = text.substring(0, end) + ELLIPSIS;
            if (width(shorter, font) <= room) {
                return shorter;
            }
        }
        return ELLIPSIS;
    }

    private static double width(String text, Font font) {
        return font.getStringBounds(text, MEASURE).getWidth();
    }
}

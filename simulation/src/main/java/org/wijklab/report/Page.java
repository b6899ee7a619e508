package org.wijklab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.wijklab.report.chart.Chart;
import org.wijklab.report.chart.ChartFiles;

/**
 * A report page being written into a folder: {@code index.html} (offline: no external scripts,
 * fonts or styles), its charts under {@code charts/} as PNG and SVG, and whatever CSV files its
 * sections write beside it. {@link #write} renders a list of {@link Section}s in order, after the
 * page's head, its opening ({@link #intro}) and, when asked ({@link #nav}), a navigation built from
 * the sections' titles.
 */
public final class Page {
    /** Chart sizes in pixels: a small chart of a grid, and a wide one alone on its line. */
    static final int SMALL_W = 440;
    static final int SMALL_H = 275;
    static final int WIDE_W = 960;
    static final int WIDE_H = 440;

    private final Path dir;
    private final String title;
    private final StringBuilder html = new StringBuilder();
    private final List<String> charts = new ArrayList<>();
    private String intro = "";
    private boolean nav;
    private boolean overflowProbe;

    /** A page titled {@code title} in folder {@code dir} (which exists; {@code charts/} is made in it). */
    public Page(Path dir, String title) {
        this.dir = dir;
        this.title = title;
    }

    /** HTML between the page's head and its navigation (its heading and lead paragraph). */
    public Page intro(String introHtml) {
        this.intro = introHtml;
        return this;
    }

    /** Whether the page opens with links to its titled sections. */
    public Page nav(boolean withNav) {
        this.nav = withNav;
        return this;
    }

    /** Whether the closing script also records if the page is wider than the window (for the browser tests). */
    public Page overflowProbe(boolean probe) {
        this.overflowProbe = probe;
        return this;
    }

    /** The folder the page is written into. */
    public Path dir() {
        return dir;
    }

    /** The page's HTML so far; a section appends to it. */
    public StringBuilder html() {
        return html;
    }

    /** The ids of the charts written so far, in order. */
    public List<String> charts() {
        return Collections.unmodifiableList(charts);
    }

    /**
     * Writes the page: its head, opening and navigation, every section in order, the closing script;
     * then {@code index.html}.
     */
    public void write(List<? extends Section> sections) throws IOException {
        Files.createDirectories(dir.resolve("charts"));
        html.append(head(title)).append(intro);
        if (nav) {
            html.append(nav(sections));
        }
        for (Section s : sections) {
            s.write(this);
        }
        html.append("<script>\nwindow.addEventListener('load', function () {\n  var imgs = document.images, ok = 0;\n"
                + "  for (var i = 0; i < imgs.length; i++) { if (imgs[i].complete && imgs[i].naturalWidth > 0) { ok++; } }\n"
                + "  document.body.setAttribute('data-images-loaded', ok + '/' + imgs.length);\n"
                + (overflowProbe ? "  document.body.setAttribute('data-overflows', String(document.documentElement"
                        + ".scrollWidth > window.innerWidth));\n" : "")
                + "});\n</script>\n</body>\n</html>\n");
        Files.writeString(dir.resolve("index.html"), html.toString(), StandardCharsets.UTF_8);
    }

    /** The navigation: a link per section with a title, in the sections' order. */
    static String nav(List<? extends Section> sections) {
        StringBuilder b = new StringBuilder("<nav>");
        for (Section s : sections) {
            if (s.title() != null) {
                b.append("<a href=\"#").append(Html.esc(s.id())).append("\">").append(Html.esc(s.title())).append("</a>");
            }
        }
        return b.append("</nav>\n").toString();
    }

    /**
     * Writes a chart as PNG and SVG under {@code charts/} and appends its figure: the image (with the
     * caption as its alt text), the caption and a link to the SVG. A chart as wide as
     * {@link #WIDE_W} or wider gets a figure of its own width.
     */
    public void figure(Chart chart, String id, int w, int h, String captionHtml) throws IOException {
        figure(chart, id, w, h, captionHtml, w >= WIDE_W);
    }

    /**
     * {@link #figure(Chart, String, int, int, String)}, saying whether the figure is a wide one (at most
     * as wide as a {@link #WIDE_W} chart's) whatever the chart's size.
     */
    public void figure(Chart chart, String id, int w, int h, String captionHtml, boolean wide) throws IOException {
        ChartFiles.write(chart, dir.resolve("charts"), id, w, h);
        charts.add(id);
        html.append("<figure").append(wide ? " class=\"wide\"" : "").append("><img src=\"charts/").append(id)
                .append(".png\" width=\"").append(w).append("\" height=\"").append(h).append("\" alt=\"")
                .append(Html.esc(Html.stripTags(captionHtml))).append("\"><figcaption>").append(captionHtml)
                .append(" <a href=\"charts/").append(id).append(".svg\">SVG</a></figcaption></figure>\n");
    }

    /** The start of a report page up to its body: the title and the offline style sheet. */
    static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.esc(title) + "</title>\n<style>\n"
                + "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:0 auto;"
                + "max-width:1280px;padding:0 24px 48px;color:#1a1a1a;line-height:1.45}\n"
                + "h1{font-size:1.7em;margin:24px 0 4px}h2{font-size:1.3em;margin-top:40px;border-bottom:1px solid #ddd;"
                + "padding-bottom:4px}h3{font-size:1.05em;margin:20px 0 6px}\n"
                + ".lead{color:#444;max-width:70em}nav{font-size:.95em;margin:12px 0}nav a{margin-right:14px}\n"
                + "table{border-collapse:collapse;font-size:.9em;margin:8px 0 4px;display:block;overflow-x:auto}"
                + "th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}"
                + "th{background:#f4f4f4}td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
                + ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:18px}\n"
                + "figure{margin:8px 0}figure img{width:100%;height:auto;border:1px solid #eee}"
                + "figcaption{font-size:.88em;color:#333;margin-top:4px}figcaption a{font-size:.9em;color:#666}\n"
                + ".wide{max-width:980px}.note{color:#555;font-size:.92em}code{font-size:.92em}\n"
                + "table.summary td,table.summary th{padding:2px 6px;line-height:1.2}"
                + "table.summary .note{font-size:.82em}\n"
                + "</style>\n</head>\n<body>\n";
    }
}

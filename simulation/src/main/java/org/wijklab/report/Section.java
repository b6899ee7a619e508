package org.wijklab.report;

import java.io.IOException;

/**
 * One section of a report page: its data, its charts and its HTML in one class, so that a reader who
 * wants to change, say, the costs opens {@code CostsSection}. A {@link Page} renders a list of
 * sections in order and builds its navigation from that list: a section with a {@link #title()} gets
 * a link to {@code #}{@link #id()} (its heading must carry that id), one without a title is a
 * sub-section (it follows the one before it, unlisted).
 *
 * <p>A section writes through the page: {@link Page#html()} to append its HTML, {@link Page#dir()}
 * for the files beside {@code index.html} (its {@code summary-*.csv}), {@link Page#figure} for a
 * chart (PNG and SVG under {@code charts/}, a figure with its caption and alt text). What a section
 * needs beyond that (the comparison's {@link Summary}, a sweep's files) it is given when made.
 *
 * <p>A standalone page converts in a few lines (as {@link CalibrationReport} and {@link DiscoveryReport}
 * did): move what its build method appends between the page head and the closing script into
 * sections' {@code write(Page page)}, with {@code page.html().append(...)} for {@code html.append(...)}
 * and {@code page.figure(...)} for its own figure method, its heading and lead into the page's
 * {@link Page#intro}, and write the page with
 * <pre>{@code
 * return Folders.writeWhole(out, tmp -> {
 *     Page page = new Page(tmp, "WijkLab calibration report: " + name).intro(intro(files)).nav(true);
 *     page.write(sections(files));
 *     return new Report.Written(out.resolve("index.html"), 1, particles.size(), page.charts().size());
 * });
 * }</pre>
 */
public interface Section {
    /** The anchor of the section's heading ({@code <h2 id="...">}); "" for a section without one. */
    String id();

    /** Its title in the page's navigation, or null to leave it out (a sub-section, or a page's opening). */
    String title();

    /** Appends its HTML to the page and writes its charts and CSV files into the page's folder. */
    void write(Page page) throws IOException;
}

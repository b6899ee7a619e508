package org.wijklab.report.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/** A rendered chart: something that can draw itself into a rectangle of a {@link Graphics2D}. */
public interface Chart {
    /** Draws the whole chart, background included, into {@code area} of {@code g}. */
    void draw(Graphics2D g, Rectangle2D area);
}

package org.wijklab.report.chart;

import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import org.jfree.chart.plot.PlotOrientation;

/** Draws one confidence-interval error bar: a line between the two bounds with a cap at each end. */
final class ErrorBars {
    private ErrorBars() {
    }

    /**
     * Draws an error bar at {@code at} along the category or x axis, from {@code from} to {@code to}
     * along the value axis (all in Java2D coordinates), with caps {@code 2 * halfCap} long. In a
     * {@link PlotOrientation#VERTICAL} plot the bar is vertical, otherwise horizontal.
     */
    static void draw(Graphics2D g, PlotOrientation orientation, double at, double from, double to, double halfCap) {
        g.setPaint(Palette.ERROR_BAR);
        g.setStroke(ChartStyle.ERROR_BAR);
        if (orientation == PlotOrientation.VERTICAL) {
            g.draw(new Line2D.Double(at, from, at, to));
            g.draw(new Line2D.Double(at - halfCap, from, at + halfCap, from));
            g.draw(new Line2D.Double(at - halfCap, to, at + halfCap, to));
        } else {
            g.draw(new Line2D.Double(from, at, to, at));
            g.draw(new Line2D.Double(from, at - halfCap, from, at + halfCap));
            g.draw(new Line2D.Double(to, at - halfCap, to, at + halfCap));
        }
    }

    /** True if both bounds are known, so that an error bar can be drawn. */
    static boolean known(double lo, double hi) {
        return !Double.isNaN(lo) && !Double.isNaN(hi);
    }
}

package org.wijklab.report.chart;

import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * Round points joined by lines, each point with the vertical error bar of its y interval from an
 * {@link IntervalXYDataset}; a NaN bound leaves that point without an error bar. The range axis's
 * auto-range covers the points and every known bound.
 */
final class XYErrorBarRenderer extends XYLineAndShapeRenderer {
    private static final double HALF_CAP = 4;
    private static final double POINT_RADIUS = 3.5;

    XYErrorBarRenderer() {
        super(true, true);
        setDefaultShape(new Ellipse2D.Double(-POINT_RADIUS, -POINT_RADIUS, 2 * POINT_RADIUS, 2 * POINT_RADIUS));
        setAutoPopulateSeriesShape(false);
    }

    @Override
    public Range findRangeBounds(XYDataset dataset) {
        return findRangeBounds(dataset, true);
    }

    @Override
    public void drawItem(Graphics2D g, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
            XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
            CrosshairState crosshairState, int pass) {
        if (isLinePass(pass) && dataset instanceof IntervalXYDataset intervals) {
            double lo = intervals.getStartYValue(series, item);
            double hi = intervals.getEndYValue(series, item);
            if (ErrorBars.known(lo, hi)) {
                RectangleEdge rangeEdge = plot.getRangeAxisEdge();
                double at = domainAxis.valueToJava2D(intervals.getXValue(series, item), dataArea,
                        plot.getDomainAxisEdge());
                ErrorBars.draw(g, plot.getOrientation(), at, rangeAxis.valueToJava2D(lo, dataArea, rangeEdge),
                        rangeAxis.valueToJava2D(hi, dataArea, rangeEdge), HALF_CAP);
            }
        }
        super.drawItem(g, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState,
                pass);
    }
}

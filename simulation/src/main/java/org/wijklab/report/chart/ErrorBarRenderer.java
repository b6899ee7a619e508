package org.wijklab.report.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;
import org.jfree.data.category.CategoryDataset;

/**
 * Flat bars, each with the error bar of its confidence interval. The bounds are indexed like the
 * dataset, {@code [row][column]}; a NaN bound leaves that bar without an error bar. The value axis's
 * auto-range covers the bars, zero and every known bound.
 */
final class ErrorBarRenderer extends BarRenderer {
    private static final double MAX_HALF_CAP = 6;

    private final double[][] lo;
    private final double[][] hi;

    ErrorBarRenderer(double[][] lo, double[][] hi) {
        this.lo = lo;
        this.hi = hi;
        setBarPainter(new StandardBarPainter());
        setShadowVisible(false);
        setDrawBarOutline(false);
        setItemMargin(0.05);
        setIncludeBaseInRange(true);
    }

    @Override
    public Range findRangeBounds(CategoryDataset dataset) {
        Range range = super.findRangeBounds(dataset);
        for (int row = 0; row < lo.length; row++) {
            for (int column = 0; column < lo[row].length; column++) {
                if (ErrorBars.known(lo[row][column], hi[row][column])) {
                    range = Range.expandToInclude(Range.expandToInclude(range, lo[row][column]), hi[row][column]);
                }
            }
        }
        return range;
    }

    @Override
    public void drawItem(Graphics2D g, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
            CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column, int pass) {
        super.drawItem(g, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        int visibleRow = state.getVisibleSeriesIndex(row);
        if (visibleRow < 0 || !ErrorBars.known(lo[row][column], hi[row][column])) {
            return;
        }
        double barWidth = state.getBarWidth();
        double centre = calculateBarW0(plot, plot.getOrientation(), dataArea, domainAxis, state, visibleRow, column)
                + barWidth / 2;
        RectangleEdge edge = plot.getRangeAxisEdge();
        double from = rangeAxis.valueToJava2D(lo[row][column], dataArea, edge);
        double to = rangeAxis.valueToJava2D(hi[row][column], dataArea, edge);
        ErrorBars.draw(g, plot.getOrientation(), centre, from, to, Math.min(barWidth / 4, MAX_HALF_CAP));
    }
}

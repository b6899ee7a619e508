package org.wijklab.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts of scenario discovery's report: PRIM's trade-off curve, a box's limits against the
 * parameters' ranges, and the feature scores with the noise reference's line.
 */
public final class DiscoveryCharts {
    private DiscoveryCharts() {
    }

    /** Density against coverage along the peeling trajectory, the chosen step marked and named. */
    public static Chart tradeOff(String title, double[] coverage, double[] density, int chosen) {
        Checks.notNull(coverage, "coverage");
        Checks.length(density.length, coverage.length, "density", "coverage");
        if (chosen < 0 || chosen >= coverage.length) {
            throw new IllegalArgumentException("chosen " + chosen + " is not a step of " + coverage.length);
        }
        XYSeries curve = new XYSeries("peeling trajectory", false, true);
        for (int i = 0; i < coverage.length; i++) {
            Checks.finite(coverage[i], "coverage[" + i + "]");
            Checks.finite(density[i], "density[" + i + "]");
            curve.add(coverage[i], density[i]);
        }
        XYSeries box = new XYSeries("chosen box (step " + chosen + ")", false, true);
        box.add(coverage[chosen], density[chosen]);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(curve);
        data.addSeries(box);
        JFreeChart chart = ChartStyle.apply(ChartFactory.createXYLineChart(title, "coverage (share of the cases of interest in the box)",
                "density (share of the box's cases of interest)", data, PlotOrientation.VERTICAL, true, false, false));
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, Palette.series(0));
        r.setSeriesStroke(0, ChartStyle.SOLID_LINE);
        r.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        r.setSeriesPaint(1, Palette.series(1));
        r.setSeriesLinesVisible(1, false);
        r.setSeriesShape(1, new Ellipse2D.Double(-6, -6, 12, 12));
        plot.setRenderer(r);
        boolean right = coverage[chosen] > 0.8;
        XYTextAnnotation label = new XYTextAnnotation(right ? "step " + chosen + "   " : "   step " + chosen, coverage[chosen],
                density[chosen]);
        // named on the side with room: left of a point near coverage 1
        label.setTextAnchor(right ? TextAnchor.TOP_RIGHT : TextAnchor.BOTTOM_LEFT);
        label.setFont(ChartStyle.TICK_LABEL);
        plot.addAnnotation(label);
        ((NumberAxis) plot.getDomainAxis()).setRange(0, 1.02);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 1.02);
        return chart::draw;
    }

    /**
     * Per parameter, its whole range and the box's interval, both as shares of the range (0 = the
     * range's low end, 1 = its high end).
     */
    public static Chart boxLimits(String title, List<String> parameters, double[] low, double[] high) {
        Checks.names(parameters, "parameters");
        Checks.length(low.length, parameters.size(), "low", "parameters");
        Checks.length(high.length, parameters.size(), "high", "parameters");
        int n = parameters.size();
        Number[][] starts = new Number[2][n];
        Number[][] ends = new Number[2][n];
        for (int i = 0; i < n; i++) {
            Checks.finite(low[i], "low[" + i + "]");
            Checks.finite(high[i], "high[" + i + "]");
            starts[0][i] = 0.0;
            ends[0][i] = 1.0;
            starts[1][i] = low[i];
            ends[1][i] = high[i];
        }
        DefaultIntervalCategoryDataset data = new DefaultIntervalCategoryDataset(new Comparable[] {"range", "box"},
                parameters.toArray(new Comparable[0]), starts, ends);
        JFreeChart chart = ChartStyle.apply(ChartFactory.createBarChart(title, null,
                "share of the parameter's range (0 = low end, 1 = high end)", data, PlotOrientation.HORIZONTAL, true, false, false));
        CategoryPlot plot = chart.getCategoryPlot();
        IntervalBarRenderer r = new IntervalBarRenderer();
        r.setSeriesPaint(0, Palette.NO_DATA);
        r.setSeriesPaint(1, Palette.series(0));
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setBarPainter(new StandardBarPainter());
        plot.setRenderer(r);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.4f);
        ((NumberAxis) plot.getRangeAxis()).setRange(-0.02, 1.02);
        return chart::draw;
    }

    /** Feature scores as horizontal bars, largest at the top, with a dashed line at the reference's score. */
    public static Chart scores(String title, List<String> parameters, double[] scores, String reference, double floor) {
        Checks.names(parameters, "parameters");
        Checks.length(scores.length, parameters.size(), "scores", "parameters");
        List<Integer> order = IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i])).toList();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int i : order) {
            Checks.bound(scores[i], "scores[" + i + "]");
            data.addValue(Double.isNaN(scores[i]) ? 0 : scores[i], "score", parameters.get(i));
        }
        JFreeChart chart = ChartStyle.apply(ChartFactory.createBarChart(title, null, "feature score (share of the impurity decrease)",
                data, PlotOrientation.HORIZONTAL, false, false, false));
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setSeriesPaint(0, Palette.series(0));
        r.setMaximumBarWidth(0.08);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.4f);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        if (reference != null && Double.isFinite(floor)) {
            ValueMarker m = new ValueMarker(floor, new Color(0x555555), new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
            m.setLabel(reference + " (noise floor)");
            m.setLabelFont(ChartStyle.TICK_LABEL);
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addRangeMarker(m, Layer.FOREGROUND);
        }
        return chart::draw;
    }
}

package org.wijklab.report.chart;

import java.awt.Color;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Factory of the comparison report's chart types. Every method checks its arguments when called
 * (null, empty lists, lengths that differ, duplicate names, NaN or infinite values throw an
 * IllegalArgumentException naming the problem), except that a NaN confidence bound is drawn as no
 * band or error bar at that point. Colours are handed out in the order series appear, so the same
 * input always gives the same colours.
 */
public final class Charts {
    private static final double LEGEND_LINE_HALF_LENGTH = 12;
    /** Widest bar as a share of the plot's width, so that a few categories do not give slabs. */
    private static final double MAX_BAR_WIDTH = 0.12;

    private Charts() {
    }

    /**
     * Lines with translucent 95 % confidence bands, x and y axes auto-ranged to the data. Bands whose
     * labels share the text before " — " share a colour, so "krachtwijk — targets" (solid) and
     * "krachtwijk — rest of city" (dashed) are told apart by their dashes only.
     */
    public static Chart timeSeries(String title, String xLabel, String yLabel, List<Band> bands) {
        return timeSeries(title, xLabel, yLabel, bands, null);
    }

    /**
     * The same on a given y range ({lower, upper}; null: auto-ranged), so that the small charts of one
     * figure share their axis and can be read across.
     */
    public static Chart timeSeries(String title, String xLabel, String yLabel, List<Band> bands, double[] yRange) {
        checkTexts(title, xLabel, yLabel);
        Checks.bands(bands);
        XYPlot plot = bandChart(title, xLabel, yLabel, bands, Palette.byFamily(bands.stream().map(Band::label).toList()));
        autoRangeWithoutZero(plot);
        fixRange(plot, yRange);
        return plot.getChart()::draw;
    }

    /** The y range that holds every band's means and bounds, widened by 4 % on each side; null if none is finite. */
    public static double[] commonRange(List<Band> bands, boolean withZero) {
        double lo = withZero ? 0.0 : Double.POSITIVE_INFINITY;
        double hi = withZero ? 0.0 : Double.NEGATIVE_INFINITY;
        for (Band b : bands) {
            for (double[] a : List.of(b.mean(), b.lo(), b.hi())) {
                for (double v : a) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            return null;
        }
        double pad = hi > lo ? 0.04 * (hi - lo) : Math.max(1e-9, Math.abs(hi) * 0.04 + 1e-9);
        return new double[] {lo - pad, hi + pad};
    }

    private static void fixRange(XYPlot plot, double[] yRange) {
        if (yRange != null) {
            if (yRange.length != 2 || !(yRange[0] < yRange[1]) || !Double.isFinite(yRange[0])
                    || !Double.isFinite(yRange[1])) {
                throw new IllegalArgumentException("y range must be two finite ascending values");
            }
            plot.getRangeAxis().setRange(yRange[0], yRange[1]);
        }
    }

    /** Lines with their bands (drawn behind them, in their colours) on one plot. */
    private static XYPlot bandChart(String title, String xLabel, String yLabel, List<Band> bands, List<Color> colours) {
        XYSeriesCollection lines = new XYSeriesCollection();
        YIntervalSeriesCollection shading = new YIntervalSeriesCollection();
        DeviationRenderer shadingRenderer = new DeviationRenderer(false, false);
        shadingRenderer.setAlpha(Palette.BAND_ALPHA);
        shadingRenderer.setDefaultSeriesVisibleInLegend(false);
        for (int b = 0; b < bands.size(); b++) {
            Band band = bands.get(b);
            XYSeries line = new XYSeries(band.label(), false, true);
            for (int i = 0; i < band.x().length; i++) {
                line.add(band.x()[i], band.mean()[i]);
            }
            lines.addSeries(line);
            for (YIntervalSeries stretch : knownStretches(band)) {
                shadingRenderer.setSeriesFillPaint(shading.getSeriesCount(), colours.get(b));
                shading.addSeries(stretch);
            }
        }
        JFreeChart chart = ChartStyle.apply(ChartFactory.createXYLineChart(title, xLabel, yLabel, lines,
                PlotOrientation.VERTICAL, true, false, false));
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(0, styleLines(new XYLineAndShapeRenderer(true, false), bands, colours));
        plot.setDataset(1, shading);
        plot.setRenderer(1, shadingRenderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        return plot;
    }

    /**
     * Effect curves: one line per scenario with its 95 % band, each in its own colour (none
     * repeats), a line at zero, and the given periods (in x units, e.g. programmes' running years)
     * shaded lightly behind them.
     */
    public static Chart effectCurves(String title, String xLabel, String yLabel, List<Band> bands, List<double[]> periods) {
        return effectCurves(title, xLabel, yLabel, bands, periods, null);
    }

    /** The same on a given y range ({lower, upper}; null: auto-ranged with zero). */
    public static Chart effectCurves(String title, String xLabel, String yLabel, List<Band> bands, List<double[]> periods,
            double[] yRange) {
        checkTexts(title, xLabel, yLabel);
        Checks.bands(bands);
        Checks.notNull(periods, "periods");
        List<Color> colours = new ArrayList<>();
        for (int b = 0; b < bands.size(); b++) {
            colours.add(Palette.series(b));
        }
        return effectPlot(title, xLabel, yLabel, bands, colours, periods, yRange, false);
    }

    /**
     * One panel of small multiples, one scenario's: the reference in grey (e.g. its line at zero, the
     * difference of the counterfactual with itself), then the scenario's bands (told apart by their
     * dashes) in the colour it has as series {@code colour} of one chart, a line at zero, the given
     * periods shaded; on the given y range, shared by the panels of one figure (null: auto-ranged
     * with zero).
     */
    public static Chart effectPanel(String title, String xLabel, String yLabel, Band reference, List<Band> bands,
            int colour, List<double[]> periods, double[] yRange) {
        checkTexts(title, xLabel, yLabel);
        Checks.notNull(reference, "reference");
        Checks.notNull(bands, "bands");
        List<Band> all = new ArrayList<>();
        all.add(reference);
        all.addAll(bands);
        Checks.bands(all);
        Checks.notNull(periods, "periods");
        if (colour < 0) {
            throw new IllegalArgumentException("colour must be 0 or more, not " + colour);
        }
        List<Color> colours = new ArrayList<>();
        colours.add(Palette.REFERENCE);
        for (int b = 0; b < bands.size(); b++) {
            colours.add(Palette.series(colour));
        }
        return effectPlot(title, xLabel, yLabel, all, colours, periods, yRange, true);
    }

    /** Effect curves; the line at zero behind the lines (so that a reference drawn at zero shows) or in front. */
    private static Chart effectPlot(String title, String xLabel, String yLabel, List<Band> bands, List<Color> colours,
            List<double[]> periods, double[] yRange, boolean zeroBehind) {
        XYPlot plot = bandChart(title, xLabel, yLabel, bands, colours);
        for (double[] p : periods) {
            org.jfree.chart.plot.IntervalMarker m = new org.jfree.chart.plot.IntervalMarker(p[0], p[1]);
            m.setPaint(new Color(0xF2F2F2));
            m.setAlpha(0.6f);
            plot.addDomainMarker(m, org.jfree.chart.ui.Layer.BACKGROUND);
        }
        org.jfree.chart.plot.ValueMarker zero = new org.jfree.chart.plot.ValueMarker(0.0);
        zero.setPaint(Palette.ZERO_LINE);
        zero.setStroke(new java.awt.BasicStroke(1.0f));
        plot.addRangeMarker(0, zero, zeroBehind ? org.jfree.chart.ui.Layer.BACKGROUND : org.jfree.chart.ui.Layer.FOREGROUND);
        ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        fixRange(plot, yRange);
        return plot.getChart()::draw;
    }

    /**
     * Vertical grouped bars: categories along the x axis, one bar per series in each category, each
     * with the error bar of its confidence interval. {@code values[s][c]} is series s in category c.
     * The value axis includes zero, drawn as a line; negative values go below it.
     */
    public static Chart groupedBars(String title, String yLabel, List<String> categories, List<String> series,
            Estimate[][] values) {
        checkTexts(title, "", yLabel);
        Checks.names(categories, "categories");
        Checks.names(series, "series");
        Checks.notNull(values, "values");
        Checks.length(values.length, series.size(), "values", "series");
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        double[][] lo = new double[series.size()][categories.size()];
        double[][] hi = new double[series.size()][categories.size()];
        for (int s = 0; s < series.size(); s++) {
            Checks.notNull(values[s], "values[" + s + "]");
            Checks.length(values[s].length, categories.size(), "values[" + s + "]", "categories");
            for (int c = 0; c < categories.size(); c++) {
                Estimate e = values[s][c];
                Checks.estimate(e, "values[" + s + "][" + c + "]");
                dataset.addValue(e.mean(), series.get(s), categories.get(c));
                lo[s][c] = e.lo();
                hi[s][c] = e.hi();
            }
        }
        JFreeChart chart = ChartStyle.apply(ChartFactory.createBarChart(title, null, yLabel, dataset,
                PlotOrientation.VERTICAL, true, false, false));
        ErrorBarRenderer renderer = new ErrorBarRenderer(lo, hi);
        renderer.setMaximumBarWidth(MAX_BAR_WIDTH);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, Palette.series(s));
        }
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setRenderer(renderer);
        styleCategoryAxis(plot.getDomainAxis(), categories.size());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        return chart::draw;
    }

    /**
     * Vertical stacked bars, {@code values[s][c]} stacked per category c; negative parts stack below
     * the zero line (the "leaky bucket": stayers' own change, who came in, who left).
     */
    public static Chart stackedBars(String title, String yLabel, List<String> categories, List<String> series,
            double[][] values) {
        return stackedBars(title, yLabel, categories, series, values, 0);
    }

    /**
     * Stacked bars whose first {@code classSeries} series are ordered classes (worst first), coloured
     * like the city map's classes; any series after them (e.g. "outside the city") take the first
     * colours of the ordinary palette's end (dark grey first).
     */
    public static Chart classStackedBars(String title, String yLabel, List<String> categories, List<String> series,
            double[][] values, int classSeries) {
        if (classSeries < 1 || classSeries > series.size()) {
            throw new IllegalArgumentException("classSeries " + classSeries + " is not in 1.." + series.size());
        }
        return stackedBars(title, yLabel, categories, series, values, classSeries);
    }

    private static Chart stackedBars(String title, String yLabel, List<String> categories, List<String> series,
            double[][] values, int classSeries) {
        return stackedBarChart(title, yLabel, categories, series, values, classSeries)::draw;
    }

    /**
     * Stacked shares per category ({@code values[s][c]}, series in the ordinary palette) with a
     * horizontal band from {@code bandLow} to {@code bandHigh} on the value axis, labelled
     * {@code bandLabel}: where the top of a group of the lower series should lie (e.g. a calibration
     * target for the share of moves that stay in the city: the top of the last in-city series). The
     * value axis runs from 0 to 1.
     */
    public static Chart stackedSharesWithBand(String title, String yLabel, List<String> categories, List<String> series,
            double[][] values, double bandLow, double bandHigh, String bandLabel) {
        Checks.notNull(bandLabel, "bandLabel");
        Checks.finite(bandLow, "bandLow");
        Checks.finite(bandHigh, "bandHigh");
        if (!(bandLow <= bandHigh)) {
            throw new IllegalArgumentException("bandLow " + bandLow + " is above bandHigh " + bandHigh);
        }
        JFreeChart chart = stackedBarChart(title, yLabel, categories, series, values, 0);
        CategoryPlot plot = chart.getCategoryPlot();
        org.jfree.chart.plot.IntervalMarker band = new org.jfree.chart.plot.IntervalMarker(bandLow, bandHigh,
                new Color(0, 0, 0, 40), new java.awt.BasicStroke(1f), Palette.ZERO_LINE, new java.awt.BasicStroke(1.5f), 1f);
        // named in the legend, not on the plot, where the label would cover a bar
        org.jfree.chart.LegendItemCollection legend = new org.jfree.chart.LegendItemCollection();
        legend.addAll(plot.getLegendItems());
        org.jfree.chart.LegendItem item = new org.jfree.chart.LegendItem(bandLabel, null, null, null,
                new java.awt.geom.Rectangle2D.Double(-6, -6, 12, 12), new Color(0, 0, 0, 60));
        item.setLabelFont(chart.getLegend().getItemFont());
        item.setLabelPaint(Palette.TEXT);
        legend.add(item);
        plot.setFixedLegendItems(legend);
        plot.addRangeMarker(band, org.jfree.chart.ui.Layer.FOREGROUND);
        plot.getRangeAxis().setRange(0, 1.08);
        return chart::draw;
    }

    private static JFreeChart stackedBarChart(String title, String yLabel, List<String> categories, List<String> series,
            double[][] values, int classSeries) {
        checkTexts(title, "", yLabel);
        Checks.names(categories, "categories");
        Checks.names(series, "series");
        Checks.notNull(values, "values");
        Checks.length(values.length, series.size(), "values", "series");
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (int s = 0; s < series.size(); s++) {
            Checks.notNull(values[s], "values[" + s + "]");
            Checks.length(values[s].length, categories.size(), "values[" + s + "]", "categories");
            for (int c = 0; c < categories.size(); c++) {
                Checks.finite(values[s][c], "values[" + s + "][" + c + "]");
                dataset.addValue(values[s][c], series.get(s), categories.get(c));
            }
        }
        JFreeChart chart = ChartStyle.apply(ChartFactory.createStackedBarChart(title, null, yLabel, dataset,
                PlotOrientation.VERTICAL, true, false, false));
        StackedBarRenderer renderer = new StackedBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setMaximumBarWidth(MAX_BAR_WIDTH);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, s < classSeries ? Palette.classColour(s, classSeries)
                    : classSeries > 0 ? Palette.OTHER[(s - classSeries) % Palette.OTHER.length] : Palette.series(s));
        }
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setRenderer(renderer);
        styleCategoryAxis(plot.getDomainAxis(), categories.size());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        return chart;
    }

    /**
     * Rank at the start against rank at the end, one point per neighbourhood (rank 1 = best, both axes
     * from 1 to the number of neighbourhoods, best at the bottom left), with the diagonal of an
     * unchanged rank drawn in grey: points above it lost places, points below gained. Points with
     * {@code highlighted[i]} (e.g. a programme's targets) are a second series in the second colour.
     */
    public static Chart rankScatter(String title, String xLabel, String yLabel, double[] start, double[] end,
            boolean[] highlighted, String label, String highlightedLabel) {
        checkTexts(title, xLabel, yLabel);
        Checks.notNull(start, "start");
        Checks.notNull(end, "end");
        Checks.notNull(highlighted, "highlighted");
        Checks.notNull(label, "label");
        Checks.notNull(highlightedLabel, "highlightedLabel");
        Checks.length(end.length, start.length, "end", "start");
        Checks.length(highlighted.length, start.length, "highlighted", "start");
        if (start.length == 0) {
            throw new IllegalArgumentException("start: no neighbourhoods");
        }
        if (label.equals(highlightedLabel)) {
            throw new IllegalArgumentException("label and highlightedLabel are both '" + label + "'");
        }
        XYSeries plain = new XYSeries(label, false, true);
        XYSeries marked = new XYSeries(highlightedLabel, false, true);
        for (int i = 0; i < start.length; i++) {
            Checks.finite(start[i], "start[" + i + "]");
            Checks.finite(end[i], "end[" + i + "]");
            (highlighted[i] ? marked : plain).add(start[i], end[i]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(plain);
        boolean anyMarked = marked.getItemCount() > 0;
        if (anyMarked) {
            data.addSeries(marked);
        }
        JFreeChart chart = ChartStyle.apply(ChartFactory.createScatterPlot(title, xLabel, yLabel, data,
                PlotOrientation.VERTICAL, anyMarked, false, false));
        XYPlot plot = chart.getXYPlot();
        plot.getRenderer().setSeriesPaint(0, Palette.series(0));
        plot.getRenderer().setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-3.5, -3.5, 7, 7));
        if (anyMarked) {
            plot.getRenderer().setSeriesPaint(1, Palette.series(1));
            plot.getRenderer().setSeriesShape(1, new java.awt.geom.Rectangle2D.Double(-4, -4, 8, 8));
        }
        double n = start.length;
        plot.addAnnotation(new org.jfree.chart.annotations.XYLineAnnotation(0.5, 0.5, n + 0.5, n + 0.5,
                new java.awt.BasicStroke(1f), Palette.REFERENCE));
        plot.getDomainAxis().setRange(0.5, n + 0.5);
        plot.getRangeAxis().setRange(0.5, n + 0.5);
        for (NumberAxis axis : new NumberAxis[] {(NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis()}) {
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(java.util.Locale.ROOT));
        }
        return chart::draw;
    }

    /**
     * Points with confidence-interval error bars joined by lines, one line per band: a response curve
     * of a metric against a parameter's value. Colours follow label families as in
     * {@link #timeSeries}; dashed bands are drawn dashed.
     */
    public static Chart responseCurve(String title, String xLabel, String yLabel, List<Band> bands) {
        checkTexts(title, xLabel, yLabel);
        Checks.bands(bands);
        List<Color> colours = Palette.byFamily(bands.stream().map(Band::label).toList());
        YIntervalSeriesCollection points = new YIntervalSeriesCollection();
        for (Band band : bands) {
            YIntervalSeries curve = new YIntervalSeries(band.label(), false, true);
            for (int i = 0; i < band.x().length; i++) {
                curve.add(band.x()[i], band.mean()[i], band.lo()[i], band.hi()[i]);
            }
            points.addSeries(curve);
        }
        JFreeChart chart = ChartStyle.apply(ChartFactory.createXYLineChart(title, xLabel, yLabel, points,
                PlotOrientation.VERTICAL, true, false, false));
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(styleLines(new XYErrorBarRenderer(), bands, colours));
        autoRangeWithoutZero(plot);
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeStickyZero(false);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeStickyZero(false);
        return chart::draw;
    }

    /**
     * Labelled points, one per name, at (x, y): e.g. Morris's mu* against sigma, where parameters
     * far to the right matter and those high up interact or act non-linearly. Both axes include
     * zero.
     */
    public static Chart labelledScatter(String title, String xLabel, String yLabel, List<String> names, double[] x,
            double[] y) {
        return labelledScatter(title, xLabel, yLabel, names, x, y, Integer.MAX_VALUE);
    }

    /**
     * The same, naming only the {@code maxLabels} points of largest x (the others are drawn without
     * a name, so that a crowd of small effects does not hide the large ones).
     */
    public static Chart labelledScatter(String title, String xLabel, String yLabel, List<String> names, double[] x,
            double[] y, int maxLabels) {
        checkTexts(title, xLabel, yLabel);
        Checks.names(names, "names");
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.length(x.length, names.size(), "x", "names");
        Checks.length(y.length, names.size(), "y", "names");
        XYSeries points = new XYSeries(title, false, true);
        for (int i = 0; i < x.length; i++) {
            Checks.bound(x[i], "x[" + i + "]");
            Checks.bound(y[i], "y[" + i + "]");
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                points.add(x[i], y[i]);
            }
        }
        JFreeChart chart = ChartStyle.apply(ChartFactory.createScatterPlot(title, xLabel, yLabel,
                new XYSeriesCollection(points), PlotOrientation.VERTICAL, false, false, false));
        XYPlot plot = chart.getXYPlot();
        plot.getRenderer().setSeriesPaint(0, Palette.series(0));
        List<Integer> named = IntStream.range(0, x.length).boxed().filter(i -> Double.isFinite(x[i]) && Double.isFinite(y[i]))
                .sorted(Comparator.comparingDouble((Integer i) -> -x[i])).limit(Math.max(0, maxLabels)).toList();
        for (int i = 0; i < x.length; i++) {
            if (named.contains(i)) {
                org.jfree.chart.annotations.XYTextAnnotation label =
                        new org.jfree.chart.annotations.XYTextAnnotation(" " + names.get(i), x[i], y[i]);
                label.setTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
                label.setFont(ChartStyle.TICK_LABEL);
                plot.addAnnotation(label);
            }
        }
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(true);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        // room for the labels right of and above the outermost points
        plot.getDomainAxis().setUpperMargin(0.25);
        plot.getRangeAxis().setUpperMargin(0.12);
        return chart::draw;
    }

    /**
     * Horizontal bars with confidence-interval error bars, one per parameter, sorted by |mean|
     * descending with the largest at the top (ties keep their given order): the sensitivity of a
     * metric to each parameter. {@code xLabel} names the value axis; zero is drawn as a line.
     */
    public static Chart sensitivityBars(String title, String xLabel, List<String> parameters, Estimate[] effects) {
        checkTexts(title, xLabel, "");
        Checks.names(parameters, "parameters");
        Checks.notNull(effects, "effects");
        Checks.length(effects.length, parameters.size(), "effects", "parameters");
        for (int p = 0; p < effects.length; p++) {
            Checks.estimate(effects[p], "effects[" + p + "]");
        }
        List<Integer> order = IntStream.range(0, effects.length).boxed()
                .sorted(Comparator.comparingDouble((Integer p) -> -Math.abs(effects[p].mean())))
                .toList();
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        double[][] lo = new double[1][effects.length];
        double[][] hi = new double[1][effects.length];
        for (int rank = 0; rank < order.size(); rank++) {
            Estimate e = effects[order.get(rank)];
            dataset.addValue(e.mean(), xLabel, parameters.get(order.get(rank)));
            lo[0][rank] = e.lo();
            hi[0][rank] = e.hi();
        }
        JFreeChart chart = ChartStyle.apply(ChartFactory.createBarChart(title, null, xLabel, dataset,
                PlotOrientation.HORIZONTAL, false, false, false));
        ErrorBarRenderer renderer = new ErrorBarRenderer(lo, hi);
        renderer.setSeriesPaint(0, Palette.series(0));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setRenderer(renderer);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        CategoryAxis parameterAxis = plot.getDomainAxis();
        parameterAxis.setMaximumCategoryLabelWidthRatio(0.4f);
        parameterAxis.setCategoryMargin(0.25);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        return chart::draw;
    }

    /**
     * The city as a grid of square tiles, each filled with its class's colour and showing its name and
     * value label in a contrasting colour, under a title and above a legend of the class names.
     * {@code classNames} run from worst (warm red) through yellow to best (green); class -1 is light
     * grey "no data". Grid cells without a tile stay empty; two tiles may not share a cell. The layout is
     * a fixed function of the drawing area and the map's contents.
     */
    public static Chart cityMap(String title, List<Tile> tiles, List<String> classNames) {
        Checks.notNull(title, "title");
        Checks.elements(tiles, "tiles");
        Checks.names(classNames, "classNames");
        Set<Long> cells = new HashSet<>();
        for (int i = 0; i < tiles.size(); i++) {
            Tile tile = tiles.get(i);
            String name = "tiles[" + i + "]";
            Checks.notNull(tile.name(), name + ".name");
            Checks.notNull(tile.valueLabel(), name + ".valueLabel");
            if (tile.column() < 0 || tile.row() < 0) {
                throw new IllegalArgumentException(name + " ('" + tile.name() + "') has a negative column or row");
            }
            if (tile.cls() < -1 || tile.cls() >= classNames.size()) {
                throw new IllegalArgumentException(name + " ('" + tile.name() + "') has class " + tile.cls()
                        + ", not -1 or an index into the " + classNames.size() + " class names");
            }
            if (!cells.add(((long) tile.column() << 32) | tile.row())) {
                throw new IllegalArgumentException(name + " ('" + tile.name() + "') is in column " + tile.column()
                        + ", row " + tile.row() + ", a cell another tile already has");
            }
        }
        return new CityMap(title, List.copyOf(tiles), List.copyOf(classNames));
    }

    private static void checkTexts(String title, String xLabel, String yLabel) {
        Checks.notNull(title, "title");
        Checks.notNull(xLabel, "xLabel");
        Checks.notNull(yLabel, "yLabel");
    }

    /** The runs of a band's points where both bounds are known, each as a series of its own. */
    private static List<YIntervalSeries> knownStretches(Band band) {
        List<YIntervalSeries> stretches = new ArrayList<>();
        YIntervalSeries current = null;
        for (int i = 0; i < band.x().length; i++) {
            if (!ErrorBars.known(band.lo()[i], band.hi()[i])) {
                current = null;
                continue;
            }
            if (current == null) {
                current = new YIntervalSeries(band.label() + " #" + stretches.size(), false, true);
                stretches.add(current);
            }
            current.add(band.x()[i], band.mean()[i], band.lo()[i], band.hi()[i]);
        }
        return stretches;
    }

    /** Styles each band's line in its colour, dashed where the band says so; returns the renderer. */
    private static <R extends XYLineAndShapeRenderer> R styleLines(R renderer, List<Band> bands, List<Color> colours) {
        renderer.setLegendLine(new Line2D.Double(-LEGEND_LINE_HALF_LENGTH, 0, LEGEND_LINE_HALF_LENGTH, 0));
        // one path per series rather than a line element per segment: smaller SVG, joined dashes
        renderer.setDrawSeriesLineAsPath(true);
        for (int b = 0; b < bands.size(); b++) {
            renderer.setSeriesPaint(b, colours.get(b));
            renderer.setSeriesStroke(b, bands.get(b).dashed() ? ChartStyle.DASHED_LINE : ChartStyle.SOLID_LINE);
        }
        return renderer;
    }

    private static void autoRangeWithoutZero(XYPlot plot) {
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    }

    /** Category labels: upright for a few categories, slanted (and given room) for many, never truncated short. */
    private static void styleCategoryAxis(CategoryAxis axis, int categories) {
        axis.setCategoryMargin(0.2);
        axis.setMaximumCategoryLabelLines(2);
        if (categories > 6) {
            axis.setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_45);
            axis.setMaximumCategoryLabelWidthRatio(3.0f);
        }
    }
}

package org.wijklab.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The charts of a calibration's report: marginal posteriors, pairwise scatter plots, the targets' fit. */
public final class CalibrationCharts {
    private CalibrationCharts() {
    }

    /**
     * A weighted histogram of a parameter's accepted values over the prior's range [low, high]
     * (bins of equal width, bar heights the weights' shares), with the range's ends marked by
     * dashed lines.
     */
    public static Chart marginal(String title, String xLabel, double low, double high, double[] values, double[] weights,
            int bins) {
        Checks.notNull(values, "values");
        Checks.notNull(weights, "weights");
        Checks.length(weights.length, values.length, "weights", "values");
        if (!(high > low) || bins < 1) {
            throw new IllegalArgumentException("a histogram needs low < high and at least one bin");
        }
        double[] h = new double[bins];
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i]) && weights[i] > 0) {
                int b = (int) Math.floor((values[i] - low) / (high - low) * bins);
                h[Math.max(0, Math.min(bins - 1, b))] += weights[i];
                total += weights[i];
            }
        }
        XYIntervalSeries s = new XYIntervalSeries("posterior", false, true);
        double w = (high - low) / bins;
        for (int b = 0; b < bins; b++) {
            double share = total > 0 ? h[b] / total : 0;
            s.add(low + (b + 0.5) * w, low + b * w, low + (b + 1) * w, share, 0, share);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(s);
        JFreeChart chart = ChartStyle.apply(ChartFactory.createXYBarChart(title, xLabel, false, "share of the weight", data,
                PlotOrientation.VERTICAL, false, false, false));
        XYPlot plot = chart.getXYPlot();
        XYBarRenderer r = (XYBarRenderer) plot.getRenderer();
        r.setSeriesPaint(0, Palette.series(0));
        r.setShadowVisible(false);
        r.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        for (double end : new double[] {low, high}) {
            ValueMarker m = new ValueMarker(end, Palette.ZERO_LINE, ChartStyle.DASHED_LINE);
            plot.addDomainMarker(m);
        }
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setAutoRangeIncludesZero(false);
        x.setRange(low - 0.05 * (high - low), high + 0.05 * (high - low));
        return chart::draw;
    }

    /** Accepted values of two parameters, each axis over its prior's range. */
    public static Chart pair(String title, String xLabel, String yLabel, double[] x, double[] y, double[] xRange,
            double[] yRange) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.length(y.length, x.length, "y", "x");
        XYSeries s = new XYSeries("particles", false, true);
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                s.add(x[i], y[i]);
            }
        }
        JFreeChart chart = ChartStyle.apply(ChartFactory.createScatterPlot(title, xLabel, yLabel, new XYSeriesCollection(s),
                PlotOrientation.VERTICAL, false, false, false));
        XYPlot plot = chart.getXYPlot();
        plot.getRenderer().setSeriesPaint(0, Palette.series(0));
        plot.getDomainAxis().setRange(xRange[0], xRange[1]);
        plot.getRangeAxis().setRange(yRange[0], yRange[1]);
        return chart::draw;
    }

    /**
     * Each target's fit in its own standard errors (or tolerances): the observed value at 0 with
     * ± 1.96 (an sd) or ± 1 (a tolerance), beside the simulated mean's standardised deviation with
     * its 95 % interval; a deviation within the observed value's bar fits.
     */
    public static Chart targetFit(String title, List<String> targets, double[] observedHalf, double[] mean, double[] lo,
            double[] hi) {
        Checks.names(targets, "targets");
        XYIntervalSeries obs = new XYIntervalSeries("observed", false, true);
        XYIntervalSeries sim = new XYIntervalSeries("simulated (95 % interval)", false, true);
        for (int k = 0; k < targets.size(); k++) {
            obs.add(k - 0.12, k - 0.12, k - 0.12, 0, -observedHalf[k], observedHalf[k]);
            if (Double.isFinite(mean[k])) {
                sim.add(k + 0.12, k + 0.12, k + 0.12, mean[k], Double.isFinite(lo[k]) ? lo[k] : mean[k],
                        Double.isFinite(hi[k]) ? hi[k] : mean[k]);
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(obs);
        data.addSeries(sim);
        SymbolAxis x = new SymbolAxis("target", targets.toArray(new String[0]));
        NumberAxis y = new NumberAxis("deviation from the observed value, in its sd or tolerance");
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDefaultLinesVisible(false);
        r.setSeriesPaint(0, Color.DARK_GRAY);
        r.setSeriesPaint(1, Palette.series(0));
        r.setErrorStroke(new BasicStroke(2f));
        XYPlot plot = new XYPlot(data, x, y, r);
        // targets down the side: every name has room
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        x.setInverted(true);
        JFreeChart chart = ChartStyle.apply(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
        plot.addRangeMarker(new ValueMarker(0, Palette.ZERO_LINE, new BasicStroke(1f)));
        x.setRange(-0.6, targets.size() - 0.4);
        return chart::draw;
    }
}

package org.wijklab.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The report's flat look for every chart: white background, light grey gridlines, no 3D, gradients or
 * shadows, anti-aliased text, a 16 px bold title, 13 px axis labels, 12 px tick labels and the legend
 * at the bottom.
 */
final class ChartStyle {
    static final String FAMILY = Font.SANS_SERIF;
    static final Font TITLE = new Font(FAMILY, Font.BOLD, 16);
    static final Font AXIS_LABEL = new Font(FAMILY, Font.PLAIN, 13);
    static final Font TICK_LABEL = new Font(FAMILY, Font.PLAIN, 12);

    static final Stroke SOLID_LINE = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke DASHED_LINE = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {7f, 4f}, 0f);
    static final Stroke ERROR_BAR = new BasicStroke(1.2f);
    private static final Stroke GRIDLINE = new BasicStroke(0.8f);
    private static final Stroke ZERO_LINE = new BasicStroke(1f);

    private static final StandardChartTheme THEME = theme();

    private ChartStyle() {
    }

    private static StandardChartTheme theme() {
        StandardChartTheme theme = new StandardChartTheme("WijkLab report");
        theme.setExtraLargeFont(TITLE);
        theme.setLargeFont(AXIS_LABEL);
        theme.setRegularFont(TICK_LABEL);
        theme.setSmallFont(TICK_LABEL);
        theme.setTitlePaint(Palette.TEXT);
        theme.setSubtitlePaint(Palette.TEXT);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setLegendItemPaint(Palette.TEXT);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setPlotOutlinePaint(Palette.AXIS);
        theme.setDomainGridlinePaint(Palette.GRID);
        theme.setRangeGridlinePaint(Palette.GRID);
        theme.setBaselinePaint(Palette.ZERO_LINE);
        theme.setAxisOffset(RectangleInsets.ZERO_INSETS);
        theme.setAxisLabelPaint(Palette.TEXT);
        theme.setTickLabelPaint(Palette.TEXT);
        theme.setItemLabelPaint(Palette.TEXT);
        theme.setBarPainter(new StandardBarPainter());
        theme.setXYBarPainter(new StandardXYBarPainter());
        theme.setShadowVisible(false);
        return theme;
    }

    /** Applies the report's look to a chart made by {@code ChartFactory}; returns the chart. */
    static JFreeChart apply(JFreeChart chart) {
        THEME.apply(chart);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        chart.getTitle().setMargin(0, 0, 8, 0);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(BlockBorder.NONE);
            legend.setMargin(6, 0, 0, 0);
        }
        Plot plot = chart.getPlot();
        plot.setOutlineVisible(false);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlineStroke(GRIDLINE);
            xy.setRangeGridlineStroke(GRIDLINE);
            styleAxis(xy.getDomainAxis());
            styleAxis(xy.getRangeAxis());
        } else if (plot instanceof CategoryPlot category) {
            category.setRangeGridlineStroke(GRIDLINE);
            category.setRangeZeroBaselineVisible(true);
            category.setRangeZeroBaselinePaint(Palette.ZERO_LINE);
            category.setRangeZeroBaselineStroke(ZERO_LINE);
            category.getDomainAxis().setAxisLinePaint(Palette.AXIS);
            category.getDomainAxis().setTickMarkPaint(Palette.AXIS);
            styleAxis(category.getRangeAxis());
        }
        return chart;
    }

    private static void styleAxis(ValueAxis axis) {
        axis.setAxisLinePaint(Palette.AXIS);
        axis.setTickMarkPaint(Palette.AXIS);
        if (axis instanceof NumberAxis number) {
            // tick labels as the CSVs write numbers ('0.2', never '0,2'), whatever the JVM's locale
            number.setStandardTickUnits(new RootTickUnits());
        }
    }
}

package org.mgdspr.model.report;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report PNGs, drawn by JFreeChart without a display: grouped bars for side-by-side comparisons and lines for
 * curves over a step or a size. The one class that talks to JFreeChart.
 */
public final class ReportCharts {

    /** Pixel size of every PNG, so the plots of one report line up. */
    public static final int WIDTH = 900;
    public static final int HEIGHT = 520;
    /**
     * Distinct colours, readable on white (JFreeChart's default palette has a pale yellow fourth), enough for every
     * system of the e2e quality plot before one repeats.
     */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
        new Color(0x393b79), new Color(0x843c39), new Color(0x637939), new Color(0xe7ba52), new Color(0x252525)};

    static {
        // the tools run on servers without a display; AWT reads this once, before its first use
        System.setProperty("java.awt.headless", "true");
    }

    private ReportCharts() {}

    /**
     * Grouped bars: one group per category, one bar per series, in the maps' order.
     *
     * @param valuesBySeries series name to (category name to value); a category a series lacks gets no bar
     */
    public static JFreeChart groupedBars(String title, String valueLabel,
                                         Map<String, Map<String, Double>> valuesBySeries) {
        requireData(valuesBySeries.isEmpty(), title);
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        valuesBySeries.forEach((series, values) -> values.forEach((category, value) -> {
            requireFinite(value, title, series);
            dataset.addValue(value, series, category);
        }));
        JFreeChart chart = ChartFactory.createBarChart(title, null, valueLabel, dataset, PlotOrientation.VERTICAL,
            true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plainBackground(plot);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        CategoryAxis categories = plot.getDomainAxis();
        categories.setMaximumCategoryLabelLines(2);
        if (dataset.getColumnCount() > 6) {
            categories.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.02);
        for (int series = 0; series < dataset.getRowCount(); series++) {
            renderer.setSeriesPaint(series, PALETTE[series % PALETTE.length]);
        }
        return chart;
    }

    /**
     * Lines through (x, y) points with a marker on each, one line per series; the y axis starts at zero.
     *
     * @param seriesPoints series name to points {x, y}
     * @param logX         a base-10 logarithmic x axis (for sizes spanning decades); every x must then be positive
     */
    public static JFreeChart lines(String title, String xLabel, String yLabel, Map<String, List<double[]>> seriesPoints,
                                   boolean logX) {
        requireData(seriesPoints.isEmpty(), title);
        XYSeriesCollection dataset = new XYSeriesCollection();
        seriesPoints.forEach((name, points) -> {
            XYSeries series = new XYSeries(name, true, false);
            for (double[] point : points) {
                if (point.length != 2) {
                    throw new IllegalArgumentException(title + ": series [" + name + "] has a point of "
                        + point.length + " coordinates instead of 2");
                }
                requireFinite(point[0], title, name);
                requireFinite(point[1], title, name);
                if (logX && point[0] <= 0) {
                    throw new IllegalArgumentException(title + ": series [" + name + "] has x = " + point[0]
                        + ", which a logarithmic axis cannot show");
                }
                series.add(point[0], point[1]);
            }
            dataset.addSeries(series);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, dataset, PlotOrientation.VERTICAL,
            true, false, false);
        XYPlot plot = chart.getXYPlot();
        plainBackground(plot);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int series = 0; series < dataset.getSeriesCount(); series++) {
            renderer.setSeriesPaint(series, PALETTE[series % PALETTE.length]);
            renderer.setSeriesStroke(series, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        if (logX) {
            LogAxis axis = new LogAxis(xLabel);
            axis.setBase(10);
            // one labelled tick per decade, written out in full (1,000 rather than 10^3)
            axis.setTickUnit(new NumberTickUnit(1));
            axis.setNumberFormatOverride(new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
            axis.setSmallestValue(1);
            plot.setDomainAxis(axis);
        }
        return chart;
    }

    /** Writes the chart as a {@link #WIDTH} x {@link #HEIGHT} PNG, creating the folder when needed. */
    public static void writePng(JFreeChart chart, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    private static void plainBackground(Plot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
    }

    private static void requireData(boolean empty, String title) {
        if (empty) {
            throw new IllegalArgumentException(title + ": a chart needs at least one series");
        }
    }

    private static void requireFinite(double value, String title, String series) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(title + ": series [" + series + "] has the value " + value
                + ", which a chart cannot draw");
        }
    }
}

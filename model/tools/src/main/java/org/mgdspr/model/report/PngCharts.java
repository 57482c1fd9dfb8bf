package org.mgdspr.model.report;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Small PNG charts for reports, drawn with Java2D (headless) so no plotting dependency is needed: grouped bars for
 * metric comparisons and lines for training curves and scaling.
 */
public final class PngCharts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 110;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private PngCharts() {}

    /**
     * Grouped bars: one group per metric, one bar per system.
     *
     * @param valuesBySystem system name to (metric name to value); metrics missing for a system are left out
     */
    public static void groupedBars(Path file, String title, Map<String, Map<String, Double>> valuesBySystem)
        throws IOException {
        Set<String> metrics = new LinkedHashSet<>();
        valuesBySystem.values().forEach(values -> metrics.addAll(values.keySet()));
        double max = valuesBySystem.values().stream().flatMap(v -> v.values().stream())
            .mapToDouble(Double::doubleValue).max().orElse(1);
        double top = niceCeiling(max);
        Canvas canvas = new Canvas(title, top, "");
        int plotWidth = WIDTH - LEFT - RIGHT;
        int groupWidth = plotWidth / Math.max(1, metrics.size());
        int barWidth = Math.max(2, (groupWidth - 16) / Math.max(1, valuesBySystem.size()));
        int group = 0;
        for (String metric : metrics) {
            int x0 = LEFT + group * groupWidth + 8;
            int system = 0;
            for (Map<String, Double> values : valuesBySystem.values()) {
                Double value = values.get(metric);
                if (value != null) {
                    int barHeight = (int) Math.round(value / top * canvas.plotHeight());
                    canvas.graphics.setColor(PALETTE[system % PALETTE.length]);
                    canvas.graphics.fillRect(x0 + system * barWidth, TOP + canvas.plotHeight() - barHeight, barWidth - 2,
                        barHeight);
                }
                system++;
            }
            canvas.graphics.setColor(Color.DARK_GRAY);
            canvas.centeredLabel(metric, x0 + groupWidth / 2 - 8, HEIGHT - BOTTOM + 18);
            group++;
        }
        canvas.legend(new ArrayList<>(valuesBySystem.keySet()));
        canvas.write(file);
    }

    /**
     * Lines through (x, y) points, one per series, on linear axes starting at zero.
     *
     * @param seriesPoints series name to points {x, y}, in x order
     */
    public static void lines(Path file, String title, String xLabel, Map<String, List<double[]>> seriesPoints)
        throws IOException {
        double maxX = seriesPoints.values().stream().flatMap(List::stream).mapToDouble(p -> p[0]).max().orElse(1);
        double maxY = seriesPoints.values().stream().flatMap(List::stream).mapToDouble(p -> p[1]).max().orElse(1);
        double topY = niceCeiling(maxY);
        double topX = maxX <= 0 ? 1 : maxX;
        Canvas canvas = new Canvas(title, topY, xLabel);
        int plotWidth = WIDTH - LEFT - RIGHT;
        canvas.graphics.setStroke(new BasicStroke(2.2f));
        int series = 0;
        for (List<double[]> points : seriesPoints.values()) {
            canvas.graphics.setColor(PALETTE[series % PALETTE.length]);
            int previousX = -1;
            int previousY = -1;
            for (double[] point : points) {
                int x = LEFT + (int) Math.round(point[0] / topX * plotWidth);
                int y = TOP + canvas.plotHeight() - (int) Math.round(point[1] / topY * canvas.plotHeight());
                canvas.graphics.fillOval(x - 3, y - 3, 7, 7);
                if (previousX >= 0) {
                    canvas.graphics.drawLine(previousX, previousY, x, y);
                }
                previousX = x;
                previousY = y;
            }
            series++;
        }
        canvas.graphics.setColor(Color.DARK_GRAY);
        for (int tick = 0; tick <= 4; tick++) {
            double value = topX * tick / 4;
            canvas.centeredLabel(format(value), LEFT + plotWidth * tick / 4, HEIGHT - BOTTOM + 18);
        }
        canvas.legend(new ArrayList<>(seriesPoints.keySet()));
        canvas.write(file);
    }

    /** Smallest of 1, 2, 2.5, 5 times a power of ten that is >= the value, so axis ticks stay readable. */
    static double niceCeiling(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double value) {
        if (value != 0 && (Math.abs(value) >= 10000 || Math.abs(value) < 0.01)) {
            return String.format(Locale.ROOT, "%.2g", value);
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
            : String.format(Locale.ROOT, "%.2f", value);
    }

    /** Axes, grid, title and y ticks; the chart kinds draw their marks on top. */
    private static final class Canvas {
        private final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        private final Graphics2D graphics = image.createGraphics();

        Canvas(String title, double topY, String xLabel) {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, WIDTH, HEIGHT);
            graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            graphics.setColor(Color.BLACK);
            centeredLabel(title, WIDTH / 2, 28);
            graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int tick = 0; tick <= 5; tick++) {
                int y = TOP + plotHeight() - plotHeight() * tick / 5;
                graphics.setColor(new Color(0xe6e6e6));
                graphics.drawLine(LEFT, y, WIDTH - RIGHT, y);
                graphics.setColor(Color.DARK_GRAY);
                String label = format(topY * tick / 5);
                graphics.drawString(label, LEFT - 8 - graphics.getFontMetrics().stringWidth(label), y + 4);
            }
            graphics.setColor(Color.BLACK);
            graphics.drawLine(LEFT, TOP, LEFT, TOP + plotHeight());
            graphics.drawLine(LEFT, TOP + plotHeight(), WIDTH - RIGHT, TOP + plotHeight());
            if (!xLabel.isEmpty()) {
                centeredLabel(xLabel, LEFT + (WIDTH - LEFT - RIGHT) / 2, HEIGHT - BOTTOM + 40);
            }
        }

        int plotHeight() {
            return HEIGHT - TOP - BOTTOM;
        }

        void centeredLabel(String text, int x, int y) {
            FontMetrics metrics = graphics.getFontMetrics();
            graphics.drawString(text, x - metrics.stringWidth(text) / 2, y);
        }

        void legend(List<String> names) {
            int x = LEFT;
            int y = HEIGHT - 30;
            for (int i = 0; i < names.size(); i++) {
                graphics.setColor(PALETTE[i % PALETTE.length]);
                graphics.fillRect(x, y - 10, 12, 12);
                graphics.setColor(Color.BLACK);
                graphics.drawString(names.get(i), x + 16, y);
                x += 24 + graphics.getFontMetrics().stringWidth(names.get(i));
                if (x > WIDTH - 150) {
                    x = LEFT;
                    y += 16;
                }
            }
        }

        void write(Path file) throws IOException {
            graphics.dispose();
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException("no PNG writer available for " + file);
            }
        }
    }
}

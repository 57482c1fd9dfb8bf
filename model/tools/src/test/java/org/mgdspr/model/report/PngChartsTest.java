package org.mgdspr.model.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PngChartsTest {

    @TempDir
    Path dir;

    @Test
    void barsAreDrawnInTheSeriesColours() throws IOException {
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        values.put("bm25", Map.of("recall@10", 0.5));
        values.put("mgdspr", Map.of("recall@10", 0.9));
        Path file = dir.resolve("bars.png");
        PngCharts.groupedBars(file, "Recall", values);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(900, image.getWidth());
        int baseline = 520 - 110 - 2;
        boolean blue = false;
        boolean orange = false;
        for (int x = 80; x < 870; x++) {
            int rgb = image.getRGB(x, baseline) & 0xffffff;
            blue |= rgb == 0x1f77b4;
            orange |= rgb == 0xff7f0e;
        }
        assertEquals(true, blue && orange);
    }

    @Test
    void linesAreWritten() throws IOException {
        Path file = dir.resolve("lines.png");
        PngCharts.lines(file, "Loss", "step", Map.of("train", List.of(new double[] {0, 3}, new double[] {10, 1})));
        BufferedImage image = ImageIO.read(file.toFile());
        // (0, 3) and (10, 1) on a 0..5 axis land at (80, 194) and (870, 338): the midpoint is on the line.
        boolean onLine = false;
        for (int dy = -3; dy <= 3; dy++) {
            onLine |= (image.getRGB(475, 266 + dy) & 0xffffff) == 0x1f77b4;
        }
        assertEquals(true, onLine);
        assertNotEquals(0x1f77b4, image.getRGB(475, 120) & 0xffffff);
    }

    @Test
    void niceCeilingRoundsUpToReadableSteps() {
        assertEquals(1.0, PngCharts.niceCeiling(0.93), 1e-12);
        assertEquals(0.25, PngCharts.niceCeiling(0.21), 1e-12);
        assertEquals(500.0, PngCharts.niceCeiling(320), 1e-12);
        assertEquals(1.0, PngCharts.niceCeiling(0), 1e-12);
    }
}

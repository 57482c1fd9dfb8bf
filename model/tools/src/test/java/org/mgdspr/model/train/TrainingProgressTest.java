package org.mgdspr.model.train;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingProgressTest {

    @Test
    void aPipeGetsPlainLinesWithoutCarriageReturnsAndTheFinalState() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TrainingProgress progress = new TrainingProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            false, 1000)) {
            progress.message("training on 1000 examples");
            progress.update(2, 1000, 0.25);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        // the bar's own thread may print its first line before or after the message
        assertTrue(text.lines().anyMatch("training on 1000 examples"::equals), text);
        assertTrue(!text.contains("\r") && !text.contains("\033"), text);
        assertTrue(text.contains("1000/1000 ex") && text.contains("epoch 2, loss 0.2500"), text);
    }

    @Test
    void aTerminalMessageClearsTheBarsLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TrainingProgress progress = new TrainingProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            true, 10)) {
            progress.message("step 5: recall 0.5");
        }
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("\r\033[Kstep 5: recall 0.5\n"));
    }
}

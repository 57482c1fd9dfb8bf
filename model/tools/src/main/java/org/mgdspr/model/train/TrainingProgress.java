package org.mgdspr.model.train;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Training progress on a stream through me.tongfei's progress bar: redrawn in place on a terminal, or a plain line
 * every {@link #PLAIN_INTERVAL_MILLIS} when the stream is a file or a pipe (so logs stay readable), and nothing at
 * all without a stream (tests). Shows examples done, examples/s, the ETA, the epoch and the recent loss.
 */
final class TrainingProgress implements AutoCloseable {

    static final int PLAIN_INTERVAL_MILLIS = 10_000;
    private static final int TERMINAL_INTERVAL_MILLIS = 200;
    private static final int WIDTH = 120;

    private final PrintStream out;
    private final boolean terminal;
    private final ProgressBar bar;

    /**
     * @param out      where progress goes, or null for silence
     * @param terminal whether {@code out} is an interactive terminal (carriage-return redraws)
     * @param total    examples the whole run will consume at most
     */
    TrainingProgress(PrintStream out, boolean terminal, long total) {
        this.out = out;
        this.terminal = terminal;
        this.bar = out == null ? null : new ProgressBarBuilder()
            .setTaskName("train")
            .setInitialMax(Math.max(1, total))
            .setUnit(" ex", 1)
            .showSpeed()
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(terminal ? TERMINAL_INTERVAL_MILLIS : PLAIN_INTERVAL_MILLIS)
            .setConsumer(terminal ? new ConsoleProgressBarConsumer(out, WIDTH)
                : new DelegatingProgressBarConsumer(out::println, WIDTH))
            .build();
    }

    /** Cheap to call every step: the bar redraws on its own schedule. */
    void update(int epoch, long done, double recentLoss) {
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d, loss %.4f", epoch, recentLoss));
        }
    }

    /** Prints a line that must not be overwritten (an evaluation result, the end of training). */
    void message(String line) {
        if (out != null) {
            out.print(terminal ? "\r\033[K" + line + "\n" : line + "\n");
            out.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}

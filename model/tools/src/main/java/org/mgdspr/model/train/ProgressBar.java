package org.mgdspr.model.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Training progress on a stream: a bar redrawn in place on a terminal, or a plain line every few seconds when the
 * stream is a file or a pipe (so logs stay readable). Shows examples/s, the recent loss and the ETA.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;
    private static final long TERMINAL_INTERVAL_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long total;
    private long lastDraw;

    /**
     * @param terminal whether {@code out} is an interactive terminal (carriage-return redraws)
     * @param total    examples the whole run will consume at most
     */
    ProgressBar(PrintStream out, boolean terminal, long total) {
        this.out = out;
        this.terminal = terminal;
        this.total = Math.max(1, total);
    }

    /** Redraws when the last draw is old enough; cheap to call every step. */
    void update(int epoch, long done, double seconds, double recentLoss) {
        long now = System.nanoTime();
        if (now - lastDraw < (terminal ? TERMINAL_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS)) {
            return;
        }
        lastDraw = now;
        draw(epoch, done, seconds, recentLoss);
    }

    /** Prints a line that must not be overwritten (an evaluation result, the end of training). */
    void message(String line) {
        out.print(terminal ? "\r\033[K" + line + "\n" : line + "\n");
        out.flush();
    }

    private void draw(int epoch, long done, double seconds, double recentLoss) {
        double rate = seconds > 0 ? done / seconds : 0;
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        String stats = String.format(Locale.ROOT, "epoch %d  %d/%d ex  %.0f ex/s  loss %.4f  ETA %s",
            epoch, done, total, rate, recentLoss, duration(eta));
        if (terminal) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + stats + "\033[K");
        } else {
            out.print(stats + "\n");
        }
        out.flush();
    }

    static String duration(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "--:--";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}

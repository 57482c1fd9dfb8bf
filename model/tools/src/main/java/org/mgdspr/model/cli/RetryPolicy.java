package org.mgdspr.model.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Repeats a request that met a busy or failing cluster: an answer with HTTP 429 or 5xx, or no connection at all.
 * Waits grow exponentially from {@code firstDelay}, capped at {@link #MAX_DELAY}; every retry is printed. After
 * {@code retries} repetitions the last answer stands (or, without any, the connection failure).
 *
 * @param retries    repetitions after the first attempt, 0 for none
 * @param firstDelay wait before the first repetition
 * @param log        where each retry is announced
 */
record RetryPolicy(int retries, Duration firstDelay, PrintStream log) {

    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0 but was " + retries);
        }
        if (firstDelay.isNegative()) {
            throw new IllegalArgumentException("the first delay must not be negative but was " + firstDelay);
        }
    }

    /** An answer of the cluster; {@link #status()} decides whether it is worth repeating the request. */
    interface Answer {
        int status();

        /** The status and the server's reason, for the retry message. */
        String failure();
    }

    /** The cluster could not be reached (refused, reset or closed connection): worth another attempt. */
    static final class Unreachable extends DeployException {
        Unreachable(String message, Throwable cause) {
            super(message);
            initCause(cause);
        }
    }

    /** One attempt; {@code attempt} counts from 1. */
    interface Attempt<A extends Answer> {
        A send(int attempt);
    }

    /** Sends until an answer is final or the retries are spent. */
    <A extends Answer> A run(String request, Attempt<A> attempt) {
        Duration delay = firstDelay;
        for (int number = 1; ; number++) {
            String failure;
            try {
                A answer = attempt.send(number);
                if (!isTransient(answer.status()) || number > retries) {
                    return answer;
                }
                failure = answer.failure();
            } catch (Unreachable e) {
                if (number > retries) {
                    throw e;
                }
                failure = e.getMessage();
            }
            log.printf(Locale.ROOT, "%s: %s; retry %d of %d in %.1f s%n", request, failure, number, retries,
                delay.toMillis() / 1000.0);
            sleep(delay);
            Duration doubled = delay.multipliedBy(2);
            delay = doubled.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : doubled;
        }
    }

    static boolean isTransient(int status) {
        return status == 429 || status / 100 == 5;
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted while waiting to retry");
        }
    }
}

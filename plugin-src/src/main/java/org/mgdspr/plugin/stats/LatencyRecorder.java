package org.mgdspr.plugin.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lock-free latency histogram with logarithmic buckets (about 9 % wide), so percentiles cost a constant amount of
 * memory however many calls are recorded. Bucket 0 holds latencies under 1 µs, bucket i > 0 those in
 * [base^(i-1), base^i) µs; percentiles report the bucket's upper edge.
 */
public final class LatencyRecorder {

    private static final double BASE = 1.09;
    private static final int BUCKETS = 256;
    private static final double LOG_BASE = Math.log(BASE);

    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final AtomicLong maxNanos = new AtomicLong();
    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS);

    public void record(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("latency must be >= 0, got " + nanos);
        }
        count.increment();
        totalNanos.add(nanos);
        maxNanos.accumulateAndGet(nanos, Math::max);
        buckets.incrementAndGet(bucketOf(nanos));
    }

    public LatencySnapshot snapshot() {
        long[] counts = new long[BUCKETS];
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] = buckets.get(i);
            n += counts[i];
        }
        return new LatencySnapshot(count.sum(), totalNanos.sum(), maxNanos.get(), percentile(counts, n, 0.5),
            percentile(counts, n, 0.99));
    }

    static int bucketOf(long nanos) {
        double micros = nanos / 1000.0;
        if (micros < 1) {
            return 0;
        }
        return Math.min(BUCKETS - 1, (int) (Math.log(micros) / LOG_BASE) + 1);
    }

    /** Upper edge of the bucket holding the requested rank, in nanoseconds; 0 when nothing was recorded. */
    private static long percentile(long[] counts, long total, double quantile) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return (long) (Math.pow(BASE, i) * 1000.0);
            }
        }
        return (long) (Math.pow(BASE, counts.length) * 1000.0);
    }
}

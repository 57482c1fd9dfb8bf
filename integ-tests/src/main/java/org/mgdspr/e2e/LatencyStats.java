package org.mgdspr.e2e;

import java.util.Arrays;

/** Latencies of one measured run: median, 99th percentile and throughput. */
record LatencyStats(int requests, double p50Millis, double p99Millis, double throughputPerSecond) {

    static LatencyStats of(long[] nanos, double wallSeconds) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencyStats(sorted.length, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6,
            sorted.length / wallSeconds);
    }

    private static double percentile(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}

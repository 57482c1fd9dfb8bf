package org.mgdspr.plugin.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyRecorderTest {

    @Test
    void emptyRecorderReportsZeros() {
        assertEquals(new LatencySnapshot(0, 0, 0, 0, 0), new LatencyRecorder().snapshot());
    }

    @Test
    void percentilesAreWithinOneBucketOfTheTruth() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int millis = 1; millis <= 100; millis++) {
            recorder.record(millis * 1_000_000L);
        }
        LatencySnapshot snapshot = recorder.snapshot();
        assertEquals(100, snapshot.count());
        assertEquals(5050 * 1_000_000L, snapshot.totalNanos());
        assertEquals(100_000_000L, snapshot.maxNanos());
        assertWithinBucket(50_000_000L, snapshot.p50Nanos());
        assertWithinBucket(99_000_000L, snapshot.p99Nanos());
    }

    @Test
    void subMicrosecondCallsLandInTheFirstBucket() {
        assertEquals(0, LatencyRecorder.bucketOf(0));
        assertEquals(0, LatencyRecorder.bucketOf(999));
        assertTrue(LatencyRecorder.bucketOf(1_000) >= 1);
    }

    @Test
    void negativeLatencyIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LatencyRecorder().record(-1));
    }

    private static void assertWithinBucket(long expected, long actual) {
        assertTrue(actual >= expected / 1.1 && actual <= expected * 1.1,
            "expected about " + expected + " but was " + actual);
    }
}

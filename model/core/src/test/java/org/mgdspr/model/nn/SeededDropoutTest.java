package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeededDropoutTest {

    @Test
    void passesTheInputThroughOutsideTrainingAndAtRateZero() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray x = manager.ones(new Shape(3, 5));
            assertSame(x, new SeededDropout(0.5f, 1).apply(x, false));
            assertSame(x, new SeededDropout(0f, 1).apply(x, true));
        }
    }

    @Test
    void zeroesAboutTheRateAndScalesTheRestSoTheMeanIsKept() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            float rate = 0.2f;
            NDArray x = manager.full(new Shape(200, 501), 3f);
            float[] out = new SeededDropout(rate, 7).apply(x, true).toFloatArray();
            int zeroed = 0;
            double sum = 0;
            for (float v : out) {
                if (v == 0f) {
                    zeroed++;
                } else {
                    assertEquals(3f / (1f - rate), v, 1e-6f);
                }
                sum += v;
            }
            // 100,200 Bernoulli draws: the standard deviation of the zeroed share is 0.0013
            assertEquals(rate, zeroed / (double) out.length, 0.006);
            assertEquals(3.0, sum / out.length, 0.02);
        }
    }

    @Test
    void theSeedFixesTheMasksAndSuccessiveCallsDrawNewOnes() {
        float[] first = new SeededDropout(0.5f, 11).mask(1001);
        SeededDropout again = new SeededDropout(0.5f, 11);
        assertArrayEquals(first, again.mask(1001));
        assertFalse(Arrays.equals(first, again.mask(1001)));
        assertFalse(Arrays.equals(first, new SeededDropout(0.5f, 12).mask(1001)));
    }

    @Test
    void eachStreamHasMasksOfItsOwnAndStreamZeroIsTheSeedsGenerator() throws Exception {
        float[] plain = new SeededDropout(0.5f, 11).mask(1001);
        SeededDropout site = new SeededDropout(0.5f, 11);
        float[] streamOne = SeededDropout.inStream(1, () -> site.mask(1001));
        assertFalse(Arrays.equals(plain, streamOne), "stream 1 draws other masks");
        assertArrayEquals(plain, SeededDropout.inStream(0, () -> site.mask(1001)),
            "drawing from stream 1 left stream 0 where it was");
        SeededDropout other = new SeededDropout(0.5f, 11);
        CountDownLatch inStreamOne = new CountDownLatch(1);
        CountDownLatch mainThreadDrew = new CountDownLatch(1);
        AtomicReference<float[]> otherThreadDraw = new AtomicReference<>();
        Thread thread = new Thread(() -> SeededDropout.inStream(1, () -> {
            inStreamOne.countDown();
            try {
                mainThreadDrew.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            otherThreadDraw.set(other.mask(1001));
            return null;
        }));
        thread.start();
        inStreamOne.await();
        float[] mainThread = other.mask(1001);
        mainThreadDrew.countDown();
        thread.join();
        assertArrayEquals(plain, mainThread, "a thread in stream 1 does not move the calling thread to it");
        assertArrayEquals(streamOne, otherThreadDraw.get(), "the other thread drew from its stream 1");
        assertArrayEquals(streamOne, SeededDropout.inStream(1, () -> new SeededDropout(0.5f, 11).mask(1001)),
            "a stream is reproducible too");
        assertThrows(IllegalArgumentException.class, () -> SeededDropout.inStream(-1, () -> null));
    }

    @Test
    void theGradientIsTheMask() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray x = manager.arange(1f, 22f).reshape(3, 7);
            x.setRequiresGradient(true);
            float[] expected = new SeededDropout(0.3f, 5).mask(21);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                collector.backward(new SeededDropout(0.3f, 5).apply(x, true).sum());
            }
            assertArrayEquals(expected, x.getGradient().toFloatArray());
            assertTrue(expected[20] == 0f || expected[20] > 1f, "the odd last element is drawn too");
        }
    }

    @Test
    void rejectsRatesOutsideZeroToOne() {
        for (float rate : new float[] {-0.1f, 1f, Float.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SeededDropout(rate, 1));
            assertTrue(e.getMessage().contains("dropout rate"), e.getMessage());
        }
    }
}

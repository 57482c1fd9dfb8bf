package org.mgdspr.model.fusion;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FusedListTest {

    /** Scores of both signs, both zeros, ties and large doc ids, against a comparator over boxed positions. */
    @Test
    void topOrdersByDescendingScoreThenAscendingDoc() {
        Random random = new Random(5);
        float[] palette = {0f, -0f, 1f, -1f, 0.5f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
            3.25e-12f, -7.5e8f};
        for (int round = 0; round < 50; round++) {
            int n = 1 + random.nextInt(300);
            int[] docs = random.ints(0, Integer.MAX_VALUE).distinct().limit(n).sorted().toArray();
            float[] scores = new float[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextBoolean() ? palette[random.nextInt(palette.length)]
                    : (float) random.nextGaussian() * 100;
            }
            FusedList fused = new FusedList(docs, scores, new int[1][n], new float[1][n]);
            int[] expected = IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> docs[i]))
                .mapToInt(i -> docs[i]).toArray();
            assertArrayEquals(expected, fused.top(n));
            int depth = random.nextInt(n + 5);
            assertArrayEquals(Arrays.copyOf(expected, Math.min(depth, n)), fused.top(depth));
        }
    }

    @Test
    void refusesANegativeDepth() {
        FusedList fused = new FusedList(new int[] {1}, new float[] {1f}, new int[1][1], new float[1][1]);
        assertThrows(IllegalArgumentException.class, () -> fused.top(-1));
    }
}

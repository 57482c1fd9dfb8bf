package org.mgdspr.model.eval;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExactInnerProductSearchTest {

    @Test
    void matchesAFullSortOnRandomData() {
        Random random = new Random(7);
        float[][] items = new float[500][16];
        for (float[] item : items) {
            for (int j = 0; j < item.length; j++) {
                item[j] = (float) random.nextGaussian();
            }
        }
        ExactInnerProductSearch search = new ExactInnerProductSearch(items);
        for (int q = 0; q < 20; q++) {
            float[] query = items[random.nextInt(items.length)].clone();
            query[0] += 0.5f;
            int[] expected = IntStream.range(0, items.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -dot(query, items[i])).thenComparingInt(i -> i))
                .limit(37).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, search.topK(query, 37));
        }
    }

    @Test
    void tiesGoToTheLowerIndexAndKIsCappedAtThePoolSize() {
        ExactInnerProductSearch search = new ExactInnerProductSearch(new float[][] {{1, 0}, {0, 1}, {1, 0}});
        assertArrayEquals(new int[] {0, 2, 1}, search.topK(new float[] {1, 0}, 10));
        assertEquals(3, search.size());
    }

    @Test
    void batchedQueriesAgreeWithSingleQueries() {
        float[][] items = {{1, 2}, {3, -1}, {0, 5}, {-2, 2}};
        ExactInnerProductSearch search = new ExactInnerProductSearch(items);
        float[][] queries = {{1, 0}, {0, 1}, {-1, 1}};
        int[][] batched = search.topK(queries, 2);
        for (int q = 0; q < queries.length; q++) {
            assertEquals(Arrays.toString(search.topK(queries[q], 2)), Arrays.toString(batched[q]));
        }
    }

    @Test
    void rejectsBadShapes() {
        assertThrows(IllegalArgumentException.class, () -> new ExactInnerProductSearch(new float[0][]));
        assertThrows(IllegalArgumentException.class, () -> new ExactInnerProductSearch(new float[][] {{1, 2}, {1}}));
        ExactInnerProductSearch search = new ExactInnerProductSearch(new float[][] {{1, 2}});
        assertThrows(IllegalArgumentException.class, () -> search.topK(new float[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> search.topK(new float[] {1, 2}, 0));
    }

    private static double dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}

package org.mgdspr.model.eval;

import org.mgdspr.model.fusion.RankedHits;

import java.util.stream.IntStream;

/**
 * Exact top-K by inner product over the whole item pool, the ground truth that evaluation needs (no ANN error).
 * Vectors are kept in one row-major array so the scan streams through memory.
 */
public final class ExactInnerProductSearch {

    private final float[] items;
    private final int dim;
    private final int size;

    /** @param itemVectors one row per item, all of the same width */
    public ExactInnerProductSearch(float[][] itemVectors) {
        if (itemVectors.length == 0) {
            throw new IllegalArgumentException("item pool is empty");
        }
        this.dim = itemVectors[0].length;
        if (dim == 0) {
            throw new IllegalArgumentException("item vectors have width 0");
        }
        this.size = itemVectors.length;
        this.items = new float[Math.multiplyExact(size, dim)];
        for (int i = 0; i < size; i++) {
            if (itemVectors[i].length != dim) {
                throw new IllegalArgumentException(
                    "item " + i + " has width " + itemVectors[i].length + " instead of " + dim);
            }
            System.arraycopy(itemVectors[i], 0, items, i * dim, dim);
        }
    }

    public int size() {
        return size;
    }

    /** Indices of the {@code k} highest-scoring items, best first; ties broken by the lower index. */
    public int[] topK(float[] query, int k) {
        return hits(query, k).docs();
    }

    /** {@link #topK} for many queries, in parallel over queries. */
    public int[][] topK(float[][] queries, int k) {
        int[][] results = new int[queries.length][];
        IntStream.range(0, queries.length).parallel().forEach(q -> results[q] = topK(queries[q], k));
        return results;
    }

    /** {@link #topK}'s items with their inner products, for fusion with other channels. */
    public RankedHits hits(float[] query, int k) {
        if (query.length != dim) {
            throw new IllegalArgumentException("query has width " + query.length + " instead of " + dim);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        int limit = Math.min(k, size);
        TopKHeap heap = new TopKHeap(limit);
        for (int item = 0, offset = 0; item < size; item++, offset += dim) {
            float score = 0;
            for (int j = 0; j < dim; j++) {
                score += query[j] * items[offset + j];
            }
            heap.offer(item, score);
        }
        return heap.drainBestFirst();
    }

    /** {@link #hits} for many queries, in parallel over queries. */
    public RankedHits[] hits(float[][] queries, int k) {
        RankedHits[] results = new RankedHits[queries.length];
        IntStream.range(0, queries.length).parallel().forEach(q -> results[q] = hits(queries[q], k));
        return results;
    }

    /** Bounded min-heap on (score, then higher index is worse). */
    private static final class TopKHeap {
        private final int[] ids;
        private final float[] scores;
        private int count;

        TopKHeap(int capacity) {
            ids = new int[capacity];
            scores = new float[capacity];
        }

        void offer(int id, float score) {
            if (count < ids.length) {
                ids[count] = id;
                scores[count] = score;
                siftUp(count++);
            } else if (better(id, score, ids[0], scores[0])) {
                ids[0] = id;
                scores[0] = score;
                siftDown(0);
            }
        }

        RankedHits drainBestFirst() {
            int[] result = new int[count];
            float[] resultScores = new float[count];
            for (int i = count - 1; i >= 0; i--) {
                result[i] = ids[0];
                resultScores[i] = scores[0];
                count--;
                ids[0] = ids[count];
                scores[0] = scores[count];
                siftDown(0);
            }
            return new RankedHits(result, resultScores);
        }

        private static boolean better(int id, float score, int otherId, float otherScore) {
            return score > otherScore || (score == otherScore && id < otherId);
        }

        private void siftUp(int i) {
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (!better(ids[parent], scores[parent], ids[i], scores[i])) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void siftDown(int i) {
            while (true) {
                int left = 2 * i + 1;
                int worst = i;
                if (left < count && better(ids[worst], scores[worst], ids[left], scores[left])) {
                    worst = left;
                }
                int right = left + 1;
                if (right < count && better(ids[worst], scores[worst], ids[right], scores[right])) {
                    worst = right;
                }
                if (worst == i) {
                    return;
                }
                swap(i, worst);
                i = worst;
            }
        }

        private void swap(int a, int b) {
            int id = ids[a];
            ids[a] = ids[b];
            ids[b] = id;
            float score = scores[a];
            scores[a] = scores[b];
            scores[b] = score;
        }
    }
}

package org.mgdspr.model.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SparseLookupTest {

    @Test
    void gathersTheUnionOfRowsOnceAndPaddingIsZero() {
        EmbeddingTable words = EmbeddingTable.uniform("w", 50, 3, 0.5f, 1);
        EmbeddingTable other = EmbeddingTable.uniform("o", 20, 2, 0.5f, 1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SparseLookup lookup = new SparseLookup(manager, true);
            SparseLookup.Handle a = lookup.request(words, new long[] {7, 3, 0, 7}, new Shape(2, 2));
            SparseLookup.Handle b = lookup.request(words, new long[] {3, 41}, new Shape(2));
            SparseLookup.Handle c = lookup.request(other, new long[] {0, 0}, new Shape(1, 2));
            lookup.materialize();

            List<SparseLookup.TouchedRows> touched = lookup.touchedRows();
            assertEquals(1, touched.size(), "a table with only padding has no leaf");
            assertArrayEquals(new int[] {3, 7, 41}, touched.get(0).rows());

            assertEquals(new Shape(2, 2, 3), a.get().getShape());
            float[] gathered = a.get().toFloatArray();
            float[] row7 = new float[3];
            words.values().read(7, row7, 0);
            assertArrayEquals(row7, Arrays.copyOfRange(gathered, 0, 3));
            assertArrayEquals(new float[3], Arrays.copyOfRange(gathered, 6, 9));
            assertArrayEquals(row7, Arrays.copyOfRange(gathered, 9, 12));
            assertEquals(new Shape(2, 3), b.get().getShape());
            assertArrayEquals(new float[4], c.get().toFloatArray());
        }
    }

    @Test
    void gradientsSumPerDistinctRowOverEveryRequestAndPaddingGetsNone() {
        EmbeddingTable table = EmbeddingTable.uniform("t", 1000, 4, 0.5f, 3);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SparseLookup lookup = new SparseLookup(manager, true);
            SparseLookup.Handle h = lookup.request(table, new long[] {9, 0, 9, 500}, new Shape(4));
            SparseLookup.Handle weighted = lookup.request(table, new long[] {500, 0}, new Shape(1, 2));
            SparseLookup.Handle unused = lookup.request(table, new long[] {9, 77}, new Shape(2));
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                lookup.materialize();
                collector.backward(h.get().sum().add(weighted.get().mul(3f).sum()));
            }
            SparseLookup.TouchedRows touched = lookup.touchedRows().get(0);
            assertArrayEquals(new int[] {9, 77, 500}, touched.rows());
            assertArrayEquals(new float[] {2, 2, 2, 2, 0, 0, 0, 0, 4, 4, 4, 4}, touched.gradient(),
                "one row per distinct id; an unused request adds nothing");
            assertEquals(new Shape(2, 4), unused.get().getShape());
        }
    }

    @Test
    void aMeanRequestAveragesEachBagOverItsNonPaddingIdsAndSharesTheGradient() {
        EmbeddingTable table = EmbeddingTable.uniform("t", 100, 2, 0.5f, 4);
        float[] row5 = new float[2];
        float[] row8 = new float[2];
        table.values().read(5, row5, 0);
        table.values().read(8, row8, 0);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SparseLookup lookup = new SparseLookup(manager, true);
            // three bags of three ids: {5, 8, pad}, {pad, pad, pad}, {8, 8, 5}
            SparseLookup.Handle bags =
                lookup.requestMean(table, new long[] {5, 8, 0, 0, 0, 0, 8, 8, 5}, new Shape(3, 3));
            SparseLookup.Handle plain = lookup.request(table, new long[] {8}, new Shape(1));
            float[] means;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                lookup.materialize();
                means = bags.get().toFloatArray();
                collector.backward(bags.get().mul(manager.create(new float[] {6, 12, 0, 0, 30, 60}, new Shape(3, 2)))
                    .sum().add(plain.get().sum()));
            }
            assertEquals(new Shape(3, 2), bags.get().getShape());
            assertArrayEquals(new float[] {(row5[0] + row8[0]) / 2, (row5[1] + row8[1]) / 2, 0, 0,
                (row5[0] + 2 * row8[0]) / 3, (row5[1] + 2 * row8[1]) / 3}, means, 1e-6f);
            SparseLookup.TouchedRows touched = lookup.touchedRows().get(0);
            assertArrayEquals(new int[] {5, 8}, touched.rows());
            // row 5: bag 0 gives (6, 12) / 2, bag 2 gives (30, 60) / 3; row 8: (3, 6) + 2 x (10, 20) + the plain (1, 1)
            assertArrayEquals(new float[] {13, 26, 24, 47}, touched.gradient(), 1e-5f);
        }
    }

    @Test
    void aLookupOutsideTrainingTouchesNoRows() {
        EmbeddingTable table = EmbeddingTable.uniform("t", 10, 2, 0.5f, 3);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SparseLookup lookup = new SparseLookup(manager, false);
            SparseLookup.Handle h = lookup.request(table, new long[] {1, 2}, new Shape(2));
            lookup.materialize();
            assertEquals(List.of(), lookup.touchedRows());
            assertFalse(h.get().hasGradient());
        }
    }

    @Test
    void theRadixSortOrdersPairsByIdAndKeepsThePlacesOfEqualIdsInOrder() {
        SplittableRandom random = new SplittableRandom(3);
        for (int tableRows : new int[] {2, 1000, 3_000_000, Integer.MAX_VALUE}) {
            int n = 5_000;
            long[] keyed = new long[n + 7];
            for (int place = 0; place < n; place++) {
                long id = 1 + random.nextInt(tableRows - 1);
                keyed[place] = id << 32 | place;
            }
            long[] expected = Arrays.copyOf(keyed, n);
            Arrays.sort(expected);
            SparseLookup.sortByIdStably(keyed, n, tableRows);
            assertArrayEquals(expected, Arrays.copyOf(keyed, n), "table of " + tableRows + " rows");
        }
    }

    @Test
    void badRequestsAreRejected() {
        EmbeddingTable table = EmbeddingTable.zeros("t", 10, 2);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SparseLookup lookup = new SparseLookup(manager, false);
            IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> lookup.request(table, new long[] {10}, new Shape(1)));
            assertEquals("id 10 is outside table t with 10 rows", outside.getMessage());
            IllegalArgumentException noAxis = assertThrows(IllegalArgumentException.class,
                () -> lookup.requestMean(table, new long[0], new Shape(3, 0)));
            assertEquals("a mean request needs a non-empty last axis, got shape (3, 0)", noAxis.getMessage());
        }
    }

    @Test
    void lazyRowsReadTheSameBeforeAndAfterTheirPageIsAllocated() {
        LazyRowMatrix matrix = new LazyRowMatrix(1000, 5, RowInitializer.uniform(11, 1f));
        float[] before = new float[5];
        matrix.read(777, before, 0);
        matrix.writablePage(700);
        assertEquals(1, matrix.allocatedPages());
        float[] after = new float[5];
        matrix.read(777, after, 0);
        assertArrayEquals(before, after);
    }
}

package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Row-sparse embedding lookups for one forward pass.
 *
 * <p>Usage is two-phase. First every id array of the pass is {@linkplain #request requested}; then
 * {@link #materialize()} copies, per table, the distinct non-padding rows the pass needs into one small
 * {@code (U, width)} leaf array (requiring a gradient when trainable) and answers every request with an embedding
 * lookup into {@code [zeros(1, width); leaf]} with the ids remapped to positions in that union (the same rows as
 * indexing, but its backward sums the gradient rows in one pass where indexing's backward is a slower
 * accumulating index-put; about 8 % of a training step). Gradients therefore land in
 * {@code U} rows instead of the whole table, and an optimizer writes them back through {@link #touchedRows()}.
 * Id 0 maps to the constant zero row: padding embeds to exact zeros and never receives a gradient.
 *
 * <p>All arrays are created in the manager given at construction; close it to free them, and not before the backward
 * pass: the leaves and index arrays wrap Java buffers that the engine reads again during backward. Not thread-safe.
 */
public final class SparseLookup {

    /** A requested lookup; {@link #get()} is valid after {@link SparseLookup#materialize()}. */
    public static final class Handle {
        private final EmbeddingTable table;
        private final long[] ids;
        private final Shape shape;
        private NDArray embedded;

        private Handle(EmbeddingTable table, long[] ids, Shape shape) {
            this.table = table;
            this.ids = ids;
            this.shape = shape;
        }

        /** The embeddings, shaped {@code shape + (width)}. */
        public NDArray get() {
            if (embedded == null) {
                throw new IllegalStateException("lookup into " + table.name() + " is not materialized yet");
            }
            return embedded;
        }
    }

    /** The rows of {@code table} this pass read, in the order of the rows of {@code leaf}. */
    public record TouchedRows(EmbeddingTable table, int[] rows, NDArray leaf) {}

    private final NDManager manager;
    private final boolean trainable;
    private final Map<EmbeddingTable, List<Handle>> requests = new IdentityHashMap<>();
    private final List<EmbeddingTable> tableOrder = new ArrayList<>();
    private final List<TouchedRows> touched = new ArrayList<>();
    private boolean materialized;

    /**
     * @param manager   owner of every array this lookup creates
     * @param trainable whether the gathered rows require a gradient
     */
    public SparseLookup(NDManager manager, boolean trainable) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.trainable = trainable;
    }

    /** Requests the embeddings of {@code ids} (row-major, {@code shape.size()} of them) from {@code table}. */
    public Handle request(EmbeddingTable table, long[] ids, Shape shape) {
        if (materialized) {
            throw new IllegalStateException("lookup is already materialized");
        }
        if (shape.size() != ids.length) {
            throw new IllegalArgumentException("shape " + shape + " does not hold " + ids.length + " ids");
        }
        for (long id : ids) {
            if (id < 0 || id >= table.rows()) {
                throw new IllegalArgumentException(
                    "id " + id + " is outside table " + table.name() + " with " + table.rows() + " rows");
            }
        }
        Handle handle = new Handle(table, ids, shape);
        requests.computeIfAbsent(table, t -> {
            tableOrder.add(t);
            return new ArrayList<>();
        }).add(handle);
        return handle;
    }

    public Handle request(EmbeddingTable table, NDArray ids) {
        return request(table, ids.toType(DataType.INT64, false).toLongArray(), ids.getShape());
    }

    public void materialize() {
        if (materialized) {
            throw new IllegalStateException("lookup is already materialized");
        }
        materialized = true;
        for (EmbeddingTable table : tableOrder) {
            materialize(table, requests.get(table));
        }
    }

    /** One entry per table that had at least one non-padding id; empty before {@link #materialize()}. */
    public List<TouchedRows> touchedRows() {
        return List.copyOf(touched);
    }

    private void materialize(EmbeddingTable table, List<Handle> handles) {
        int[] rows = distinctNonZero(handles);
        int width = table.width();
        NDArray union = manager.zeros(new Shape(1, width));
        if (rows.length > 0) {
            float[] values = new float[rows.length * width];
            for (int i = 0; i < rows.length; i++) {
                table.values().read(rows[i], values, i * width);
            }
            NDArray leaf = manager.create(values, new Shape(rows.length, width));
            if (trainable) {
                leaf.setRequiresGradient(true);
            }
            touched.add(new TouchedRows(table, rows, leaf));
            union = union.concat(leaf, 0);
        }
        for (Handle handle : handles) {
            long[] local = new long[handle.ids.length];
            for (int i = 0; i < local.length; i++) {
                long id = handle.ids[i];
                local[i] = id == 0 ? 0 : Arrays.binarySearch(rows, (int) id) + 1;
            }
            NDArray index = manager.create(local, handle.shape);
            handle.embedded = index.getNDArrayInternal().embedding(index, union, SparseFormat.DENSE)
                .singletonOrThrow();
        }
    }

    private static int[] distinctNonZero(List<Handle> handles) {
        int total = 0;
        for (Handle handle : handles) {
            total += handle.ids.length;
        }
        int[] all = new int[total];
        int n = 0;
        for (Handle handle : handles) {
            for (long id : handle.ids) {
                if (id != 0) {
                    all[n++] = (int) id;
                }
            }
        }
        Arrays.sort(all, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || all[i] != all[distinct - 1]) {
                all[distinct++] = all[i];
            }
        }
        return Arrays.copyOf(all, distinct);
    }
}

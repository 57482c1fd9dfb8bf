package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Row-sparse embedding lookups for one forward pass.
 *
 * <p>Usage is two-phase. First every id array of the pass is {@linkplain #request requested}; then
 * {@link #materialize()} reads, per table, the distinct non-padding rows the pass needs once and answers every
 * request with a new array holding the rows of its ids, copied on the Java side (when trainable, a leaf requiring a
 * gradient, unless all of the table's ids in the pass are padding). The engine never runs an embedding or its
 * backward: on the CPU that backward adds the gradient one row at a time through a generic element-wise kernel and
 * fills a gradient as large as the rows read for every request, about a tenth of a small-preset training step.
 * Here each request's gradient arrives as one dense array and {@link TouchedRows#gradient()} sums its rows per
 * distinct id, on the common pool's threads, so an optimizer updates only those rows. Id 0 is padding: it reads as
 * exact zeros and its gradient is dropped.
 *
 * <p>All arrays are created in the manager given at construction; close it to free them, and not before the
 * gradients are read: the leaves wrap Java buffers that the engine reads again during backward. Not thread-safe.
 */
public final class SparseLookup {

    /** A requested lookup; {@link #get()} is valid after {@link SparseLookup#materialize()}. */
    public static final class Handle {
        private final EmbeddingTable table;
        private final long[] ids;
        private final Shape shape;
        private final boolean mean;
        private NDArray embedded;

        private Handle(EmbeddingTable table, long[] ids, Shape shape, boolean mean) {
            this.table = table;
            this.ids = ids;
            this.shape = shape;
            this.mean = mean;
        }

        /**
         * The embeddings, shaped {@code shape + (width)}; for a {@linkplain SparseLookup#requestMean mean request}
         * the means, shaped {@code shape[:-1] + (width)}.
         */
        public NDArray get() {
            if (embedded == null) {
                throw new IllegalStateException("lookup into " + table.name() + " is not materialized yet");
            }
            return embedded;
        }
    }

    /** The distinct rows of one table that a pass read, and the arrays their gradients arrive in. */
    public static final class TouchedRows {
        private final EmbeddingTable table;
        private final int[] rows;
        private final List<Gathered> requests = new ArrayList<>();

        private TouchedRows(EmbeddingTable table, int[] rows) {
            this.table = table;
            this.rows = rows;
        }

        public EmbeddingTable table() {
            return table;
        }

        /** The distinct non-padding row ids, ascending. */
        public int[] rows() {
            return rows.clone();
        }

        /**
         * The gradient of every row of {@link #rows()}, row-major {@code (rows, width)}: the sum over the requests of
         * the gradients at the positions holding that row. A request the backward pass did not reach adds nothing.
         * Computed afresh on each call, after the backward pass; an optimizer calls it once per step.
         */
        public float[] gradient() {
            int width = table.width();
            float[] sum = new float[rows.length * width];
            List<FloatBuffer> gradients = new ArrayList<>();
            for (Gathered request : requests) {
                gradients.add(request.leaf().getGradient().toByteBuffer(true).asFloatBuffer());
            }
            // each task sums the rows of one range of distinct ids, so tasks never add into the same row; each scans
            // every position, so a few tasks are enough
            int ranges = Math.min(ForkJoinPool.getCommonPoolParallelism() + 1, MAX_GRADIENT_TASKS);
            int rowsPerRange = (rows.length + ranges - 1) / ranges;
            IntStream.range(0, ranges).parallel().forEach(range -> {
                int first = range * rowsPerRange;
                int end = Math.min(rows.length, first + rowsPerRange);
                float[] row = new float[width];
                for (int r = 0; r < requests.size(); r++) {
                    FloatBuffer gradient = gradients.get(r).duplicate();
                    int[] at = requests.get(r).positions();
                    Bags bag = requests.get(r).bags();
                    for (int i = 0; i < at.length; i++) {
                        if (at[i] >= first && at[i] < end) {
                            int source = i / bag.length();
                            gradient.get(source * width, row, 0, width);
                            float share = bag.share(source);
                            int target = at[i] * width;
                            for (int c = 0; c < width; c++) {
                                sum[target + c] += row[c] * share;
                            }
                        }
                    }
                }
            });
            return sum;
        }
    }

    /** One request's leaf, the index in the distinct rows of each of its ids (-1: padding), and its bags. */
    private record Gathered(NDArray leaf, int[] positions, Bags bags) {}

    /** How a request's positions map to the rows of its leaf: runs of {@code length}, each weighted by its share. */
    private record Bags(int length, float[] shares) {
        static final Bags NONE = new Bags(1, null);

        float share(int bag) {
            return shares == null ? 1f : shares[bag];
        }
    }

    private static final int RADIX_BITS = 11;
    private static final int MAX_GRADIENT_TASKS = 4;

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
        return add(table, ids, shape, false);
    }

    public Handle request(EmbeddingTable table, NDArray ids) {
        return request(table, ids.toType(DataType.INT64, false).toLongArray(), ids.getShape());
    }

    /**
     * Requests, for every run of {@code shape}'s last axis, the mean embedding of its non-padding ids (zeros when all
     * are padding): a bag of words computed on the Java side, so the engine sees one row per bag instead of one per
     * id (512 titles of 48 tokens: 49 KB instead of 6 MB), and its gradient reaches each id of the bag divided by the
     * bag's count.
     */
    public Handle requestMean(EmbeddingTable table, long[] ids, Shape shape) {
        if (shape.dimension() < 1 || shape.get(shape.dimension() - 1) < 1) {
            throw new IllegalArgumentException("a mean request needs a non-empty last axis, got shape " + shape);
        }
        return add(table, ids, shape, true);
    }

    public Handle requestMean(EmbeddingTable table, NDArray ids) {
        return requestMean(table, ids.toType(DataType.INT64, false).toLongArray(), ids.getShape());
    }

    private Handle add(EmbeddingTable table, long[] ids, Shape shape, boolean mean) {
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
        Handle handle = new Handle(table, ids, shape, mean);
        requests.computeIfAbsent(table, t -> {
            tableOrder.add(t);
            return new ArrayList<>();
        }).add(handle);
        return handle;
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

    /**
     * One entry per table that had at least one non-padding id when trainable; empty before {@link #materialize()}
     * and outside training.
     */
    public List<TouchedRows> touchedRows() {
        return List.copyOf(touched);
    }

    private void materialize(EmbeddingTable table, List<Handle> handles) {
        int[][] positions = new int[handles.size()][];
        int[] rows = distinctRows(handles, table.rows(), positions);
        int width = table.width();
        float[] distinct = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            table.values().read(rows[i], distinct, i * width);
        }
        TouchedRows rowsRead = rows.length > 0 && trainable ? new TouchedRows(table, rows) : null;
        for (int h = 0; h < handles.size(); h++) {
            Handle handle = handles.get(h);
            int[] at = positions[h];
            Bags bags = Bags.NONE;
            Shape shape = handle.shape;
            if (handle.mean) {
                int length = Math.toIntExact(shape.get(shape.dimension() - 1));
                bags = new Bags(length, new float[at.length / length]);
                shape = shape.slice(0, shape.dimension() - 1);
            }
            int leafRows = at.length / bags.length();
            ByteBuffer bytes = ByteBuffer.allocateDirect(Math.multiplyExact(leafRows, width * Float.BYTES))
                .order(ByteOrder.nativeOrder());
            FloatBuffer values = bytes.asFloatBuffer();
            if (!handle.mean) {
                for (int i = 0; i < at.length; i++) {
                    if (at[i] >= 0) {
                        values.put(i * width, distinct, at[i] * width, width);
                    }
                }
            } else {
                meanOfBags(at, distinct, width, bags, values);
            }
            // a direct buffer is wrapped as it is, where a heap array would be copied into one (512 titles: 6 MB)
            handle.embedded = manager.create(bytes, shape.add(width), DataType.FLOAT32);
            if (rowsRead != null) {
                handle.embedded.setRequiresGradient(true);
                rowsRead.requests.add(new Gathered(handle.embedded, at, bags));
            }
        }
        if (rowsRead != null) {
            touched.add(rowsRead);
        }
    }

    /** Writes each bag's mean row into {@code values} and its share, 1 / its count of non-padding ids, into bags. */
    private static void meanOfBags(int[] at, float[] distinct, int width, Bags bags, FloatBuffer values) {
        float[] mean = new float[width];
        for (int bag = 0; bag < bags.shares().length; bag++) {
            Arrays.fill(mean, 0f);
            int count = 0;
            for (int i = bag * bags.length(); i < (bag + 1) * bags.length(); i++) {
                if (at[i] >= 0) {
                    int source = at[i] * width;
                    for (int c = 0; c < width; c++) {
                        mean[c] += distinct[source + c];
                    }
                    count++;
                }
            }
            float share = count == 0 ? 0f : 1f / count;
            for (int c = 0; c < width; c++) {
                mean[c] *= share;
            }
            bags.shares()[bag] = share;
            values.put(bag * width, mean, 0, width);
        }
    }

    /**
     * Sorts the first {@code n} (id, place) pairs by id, keeping the order of equal ids: a least-significant-digit
     * radix sort over the id's bits, 11 at a time (two passes for a table of up to 4 M rows), linear in {@code n}
     * where the comparison sort it replaces was a tenth of the step's Java time.
     */
    static void sortByIdStably(long[] keyed, int n, int tableRows) {
        int idBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, tableRows - 1));
        long[] from = keyed;
        long[] to = new long[n];
        for (int shift = 32; shift < 32 + idBits; shift += RADIX_BITS) {
            int[] starts = new int[(1 << RADIX_BITS) + 1];
            for (int i = 0; i < n; i++) {
                starts[digit(from[i], shift) + 1]++;
            }
            for (int d = 0; d < 1 << RADIX_BITS; d++) {
                starts[d + 1] += starts[d];
            }
            for (int i = 0; i < n; i++) {
                to[starts[digit(from[i], shift)]++] = from[i];
            }
            long[] sorted = to;
            to = from;
            from = sorted;
        }
        if (from != keyed) {
            System.arraycopy(from, 0, keyed, 0, n);
        }
    }

    private static int digit(long key, int shift) {
        return (int) (key >>> shift) & ((1 << RADIX_BITS) - 1);
    }

    /**
     * The distinct non-padding ids of all requests, ascending; {@code positions[h][i]} receives the index in them of
     * request h's i-th id, or -1 for padding. One sort of (id, place) pairs gives both (a sort of the ids and a binary
     * search per id cost twice as much).
     */
    private static int[] distinctRows(List<Handle> handles, int tableRows, int[][] positions) {
        int total = 0;
        for (Handle handle : handles) {
            total += handle.ids.length;
        }
        long[] keyed = new long[total];
        int[] flat = new int[total];
        int n = 0;
        int place = 0;
        for (Handle handle : handles) {
            for (long id : handle.ids) {
                if (id == 0) {
                    flat[place] = -1;
                } else {
                    keyed[n++] = id << 32 | place;
                }
                place++;
            }
        }
        sortByIdStably(keyed, n, tableRows);
        int[] rows = new int[n];
        int distinct = 0;
        for (int k = 0; k < n; k++) {
            int id = (int) (keyed[k] >>> 32);
            if (distinct == 0 || rows[distinct - 1] != id) {
                rows[distinct++] = id;
            }
            flat[(int) keyed[k]] = distinct - 1;
        }
        int offset = 0;
        for (int h = 0; h < handles.size(); h++) {
            positions[h] = Arrays.copyOfRange(flat, offset, offset + handles.get(h).ids.length);
            offset += positions[h].length;
        }
        return Arrays.copyOf(rows, distinct);
    }
}

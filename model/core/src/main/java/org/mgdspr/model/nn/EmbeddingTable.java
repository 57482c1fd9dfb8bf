package org.mgdspr.model.nn;

import java.util.Objects;

/**
 * A named embedding table whose rows live on the Java heap ({@link LazyRowMatrix}) rather than in an engine
 * tensor, so that training reads and updates only the rows a batch touches (see {@link SparseLookup}).
 * Row 0 is the padding id: it is never looked up, every padded position embeds to an exact zero vector.
 */
public final class EmbeddingTable {

    private final String name;
    private final LazyRowMatrix values;

    public EmbeddingTable(String name, LazyRowMatrix values) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("embedding table needs a name");
        }
        this.name = name;
        this.values = Objects.requireNonNull(values, "values");
    }

    /** Rows with independent uniform entries of standard deviation {@code std}, keyed by the table name. */
    public static EmbeddingTable uniform(String name, int rows, int width, float std, long seed) {
        RowInitializer init = RowInitializer.uniform(Seeds.mix(seed, name), (float) (std * Math.sqrt(3)));
        return new EmbeddingTable(name, new LazyRowMatrix(rows, width, init));
    }

    public static EmbeddingTable zeros(String name, int rows, int width) {
        return new EmbeddingTable(name, new LazyRowMatrix(rows, width, RowInitializer.constant(0f)));
    }

    public String name() {
        return name;
    }

    public LazyRowMatrix values() {
        return values;
    }

    public int rows() {
        return values.rows();
    }

    public int width() {
        return values.width();
    }

    @Override
    public String toString() {
        return "EmbeddingTable[" + name + ", " + rows() + " x " + width() + "]";
    }
}

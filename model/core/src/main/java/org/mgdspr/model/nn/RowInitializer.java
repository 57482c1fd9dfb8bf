package org.mgdspr.model.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic initial value of one row of a lazily materialised matrix.
 *
 * <p>The value of row {@code r} must depend only on {@code r} (and the initializer's own constants), never on the
 * order in which rows are touched: that is what lets {@link LazyRowMatrix} leave untouched rows unallocated and
 * still reproduce them bit for bit after a save and load.
 */
@FunctionalInterface
public interface RowInitializer {

    /** Writes the initial values of {@code row} into {@code target[offset, offset + width)}. */
    void fill(long row, float[] target, int offset, int width);

    static RowInitializer constant(float value) {
        return (row, target, offset, width) -> Arrays.fill(target, offset, offset + width, value);
    }

    /**
     * Independent uniform values in {@code [-limit, limit)} drawn from a generator keyed by {@code (seed, row)}.
     * A uniform with {@code limit = std * sqrt(3)} has standard deviation {@code std}.
     */
    static RowInitializer uniform(long seed, float limit) {
        if (!(limit >= 0) || Float.isInfinite(limit)) {
            throw new IllegalArgumentException("uniform limit must be finite and >= 0 but was " + limit);
        }
        return (row, target, offset, width) -> {
            SplittableRandom random = new SplittableRandom(Seeds.mix(seed, row));
            for (int i = 0; i < width; i++) {
                target[offset + i] = (float) ((random.nextDouble() * 2 - 1) * limit);
            }
        };
    }
}

package org.mgdspr.model.features;

/** The contract of every id array the towers read: padded to its configured length, ids >= 0 (0 is padding). */
public final class PaddedIds {

    private PaddedIds() {}

    /** @param name the array's name in the error, e.g. {@code real_time.item_ids} */
    public static void check(int[] ids, int length, String name) {
        if (ids == null || ids.length != length) {
            throw new IllegalArgumentException(
                name + " must be padded to length " + length + " but has " + (ids == null ? "no array" : ids.length));
        }
        for (int id : ids) {
            if (id < 0) {
                throw new IllegalArgumentException(name + " contains the negative id " + id);
            }
        }
    }
}

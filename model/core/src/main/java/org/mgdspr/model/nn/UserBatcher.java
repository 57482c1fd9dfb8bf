package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.features.BehaviorIds;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.features.LongTermList;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Stacks {@link EncodedUser}s into int64 id tensors, in this fixed order ({@code B} = batch size):
 *
 * <pre>
 *  0 UNIGRAMS          (B, maxUnigrams)
 *  1 BIGRAMS           (B, maxBigrams)
 *  2 WORDS             (B, maxWords)
 *  3 HISTORY_WORDS     (B, maxHistoryWords)
 *  4 REAL_TIME_ITEMS   (B, maxRealTime)     5 REAL_TIME_SHOPS   6 REAL_TIME_LEAF_CATEGORIES
 *  7 REAL_TIME_CATEGORIES                   8 REAL_TIME_BRANDS  (all B, maxRealTime)
 *  9 SHORT_TERM_ITEMS  (B, maxShortTerm)   10 SHORT_TERM_SHOPS 11 SHORT_TERM_LEAF_CATEGORIES
 * 12 SHORT_TERM_CATEGORIES                 13 SHORT_TERM_BRANDS (all B, maxShortTerm)
 * 14 LONG_TERM         (B, 12, maxLongTerm), rows in {@link LongTermList} order
 * </pre>
 *
 * Id 0 is padding; {@link #mask(NDArray)} turns any id tensor into its float validity mask. A behaviour position is
 * valid when its item id is non-zero. Every array of an input must have exactly the configured padded length.
 */
public final class UserBatcher {

    public static final int UNIGRAMS = 0;
    public static final int BIGRAMS = 1;
    public static final int WORDS = 2;
    public static final int HISTORY_WORDS = 3;
    /** First of the five real-time field tensors, in {@link BehaviorIds} component order. */
    public static final int REAL_TIME = 4;
    /** First of the five short-term field tensors, in {@link BehaviorIds} component order. */
    public static final int SHORT_TERM = 9;
    public static final int LONG_TERM = 14;
    public static final int SIZE = 15;
    /** Behaviour fields per sequence: item, shop, leaf category, category, brand. */
    public static final int FIELDS = 5;

    private final FeatureConfig features;

    public UserBatcher(FeatureConfig features) {
        this.features = Objects.requireNonNull(features, "features");
    }

    public NDList batch(NDManager manager, List<EncodedUser> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("cannot batch zero users");
        }
        NDList list = new NDList(SIZE);
        list.add(ids(manager, users, EncodedUser::unigrams, features.maxUnigrams(), "unigrams"));
        list.add(ids(manager, users, EncodedUser::bigrams, features.maxBigrams(), "bigrams"));
        list.add(ids(manager, users, EncodedUser::words, features.maxWords(), "words"));
        list.add(ids(manager, users, EncodedUser::historyWords, features.maxHistoryWords(), "history_words"));
        addBehavior(list, manager, users, EncodedUser::realTime, features.maxRealTime(), "real_time");
        addBehavior(list, manager, users, EncodedUser::shortTerm, features.maxShortTerm(), "short_term");
        list.add(longTerm(manager, users));
        return list;
    }

    /** 1 where the id is a real token or item, 0 where it is padding; float32, same shape as {@code ids}. */
    public static NDArray mask(NDArray ids) {
        return ids.neq(0).toType(DataType.FLOAT32, false);
    }

    private static void addBehavior(NDList list, NDManager manager, List<EncodedUser> users,
                                    Function<EncodedUser, BehaviorIds> sequence, int length, String name) {
        list.add(ids(manager, users, u -> sequence.apply(u).itemIds(), length, name + ".item_ids"));
        list.add(ids(manager, users, u -> sequence.apply(u).shops(), length, name + ".shops"));
        list.add(ids(manager, users, u -> sequence.apply(u).leafCategories(), length, name + ".leaf_categories"));
        list.add(ids(manager, users, u -> sequence.apply(u).categories(), length, name + ".categories"));
        list.add(ids(manager, users, u -> sequence.apply(u).brands(), length, name + ".brands"));
    }

    private NDArray longTerm(NDManager manager, List<EncodedUser> users) {
        int lists = LongTermList.values().length;
        int length = features.maxLongTerm();
        long[] flat = new long[users.size() * lists * length];
        int at = 0;
        for (EncodedUser user : users) {
            for (int list = 0; list < lists; list++) {
                at = copy(user.longTerm()[list], length, "long_term[" + LongTermList.values()[list] + "]", flat, at);
            }
        }
        return manager.create(flat, new Shape(users.size(), lists, length));
    }

    static <T> NDArray ids(NDManager manager, List<T> rows, Function<T, int[]> field, int length, String name) {
        long[] flat = new long[rows.size() * length];
        int at = 0;
        for (T row : rows) {
            at = copy(field.apply(row), length, name, flat, at);
        }
        return manager.create(flat, new Shape(rows.size(), length));
    }

    private static int copy(int[] ids, int length, String name, long[] target, int at) {
        if (ids == null || ids.length != length) {
            throw new IllegalArgumentException(
                name + " must be padded to length " + length + " but has " + (ids == null ? "no array" : ids.length));
        }
        for (int id : ids) {
            if (id < 0) {
                throw new IllegalArgumentException(name + " contains the negative id " + id);
            }
            target[at++] = id;
        }
        return at;
    }
}

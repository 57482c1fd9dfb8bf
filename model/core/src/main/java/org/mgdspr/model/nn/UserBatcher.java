package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.features.BehaviorIds;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.features.LongTermList;
import org.mgdspr.model.features.PaddedIds;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Stacks {@link EncodedUser}s into the int64 id tensors of {@link UserIds}. Id 0 is padding; {@link #mask(NDArray)}
 * turns any id tensor into its float validity mask. A behaviour position is valid when its item id is non-zero.
 * Every array of an input must have exactly the configured padded length.
 */
public final class UserBatcher {

    private final FeatureConfig features;

    public UserBatcher(FeatureConfig features) {
        this.features = Objects.requireNonNull(features, "features");
    }

    public UserIds batch(NDManager manager, List<EncodedUser> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("cannot batch zero users");
        }
        return new UserIds(
            ids(manager, users, EncodedUser::unigrams, features.maxUnigrams(), "unigrams"),
            ids(manager, users, EncodedUser::bigrams, features.maxBigrams(), "bigrams"),
            ids(manager, users, EncodedUser::words, features.maxWords(), "words"),
            ids(manager, users, EncodedUser::historyWords, features.maxHistoryWords(), "history_words"),
            behavior(manager, users, EncodedUser::realTime, features.maxRealTime(), "real_time"),
            behavior(manager, users, EncodedUser::shortTerm, features.maxShortTerm(), "short_term"),
            longTerm(manager, users));
    }

    /** 1 where the id is a real token or item, 0 where it is padding; float32, same shape as {@code ids}. */
    public static NDArray mask(NDArray ids) {
        return ids.neq(0).toType(DataType.FLOAT32, false);
    }

    private static BehaviorIdTensors behavior(NDManager manager, List<EncodedUser> users,
                                              Function<EncodedUser, BehaviorIds> sequence, int length, String name) {
        return new BehaviorIdTensors(
            ids(manager, users, u -> sequence.apply(u).itemIds(), length, name + ".item_ids"),
            ids(manager, users, u -> sequence.apply(u).shops(), length, name + ".shops"),
            ids(manager, users, u -> sequence.apply(u).leafCategories(), length, name + ".leaf_categories"),
            ids(manager, users, u -> sequence.apply(u).categories(), length, name + ".categories"),
            ids(manager, users, u -> sequence.apply(u).brands(), length, name + ".brands"));
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
        PaddedIds.check(ids, length, name);
        for (int id : ids) {
            target[at++] = id;
        }
        return at;
    }
}

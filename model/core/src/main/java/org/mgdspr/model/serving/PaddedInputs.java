package org.mgdspr.model.serving;

import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.features.BehaviorIds;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;

/** The input contract the batchers check for DJL, checked for the serving forward with the same messages. */
final class PaddedInputs {

    private PaddedInputs() {}

    static void check(EncodedUser user, FeatureConfig f) {
        check(user.unigrams(), f.maxUnigrams(), "unigrams");
        check(user.bigrams(), f.maxBigrams(), "bigrams");
        check(user.words(), f.maxWords(), "words");
        check(user.historyWords(), f.maxHistoryWords(), "history_words");
        check(user.realTime(), f.maxRealTime(), "real_time");
        check(user.shortTerm(), f.maxShortTerm(), "short_term");
        for (int[] list : user.longTerm()) {
            check(list, f.maxLongTerm(), "long_term");
        }
    }

    static void check(EncodedItem item, FeatureConfig f) {
        check(item.titleTokens(), f.maxTitleTokens(), "title_tokens");
    }

    private static void check(BehaviorIds ids, int length, String name) {
        check(ids.itemIds(), length, name + ".item_ids");
        check(ids.shops(), length, name + ".shops");
        check(ids.leafCategories(), length, name + ".leaf_categories");
        check(ids.categories(), length, name + ".categories");
        check(ids.brands(), length, name + ".brands");
    }

    private static void check(int[] ids, int length, String name) {
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

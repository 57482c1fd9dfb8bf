package org.mgdspr.model.serving;

import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.features.BehaviorIds;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.features.PaddedIds;

/** The input contract the batchers check for DJL, checked for the serving forward with the same messages. */
final class PaddedInputs {

    private PaddedInputs() {}

    static void check(EncodedUser user, FeatureConfig f) {
        PaddedIds.check(user.unigrams(), f.maxUnigrams(), "unigrams");
        PaddedIds.check(user.bigrams(), f.maxBigrams(), "bigrams");
        PaddedIds.check(user.words(), f.maxWords(), "words");
        PaddedIds.check(user.historyWords(), f.maxHistoryWords(), "history_words");
        check(user.realTime(), f.maxRealTime(), "real_time");
        check(user.shortTerm(), f.maxShortTerm(), "short_term");
        for (int[] list : user.longTerm()) {
            PaddedIds.check(list, f.maxLongTerm(), "long_term");
        }
    }

    static void check(EncodedItem item, FeatureConfig f) {
        PaddedIds.check(item.titleTokens(), f.maxTitleTokens(), "title_tokens");
    }

    private static void check(BehaviorIds ids, int length, String name) {
        PaddedIds.check(ids.itemIds(), length, name + ".item_ids");
        PaddedIds.check(ids.shops(), length, name + ".shops");
        PaddedIds.check(ids.leafCategories(), length, name + ".leaf_categories");
        PaddedIds.check(ids.categories(), length, name + ".categories");
        PaddedIds.check(ids.brands(), length, name + ".brands");
    }
}

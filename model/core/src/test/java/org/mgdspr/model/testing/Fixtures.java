package org.mgdspr.model.testing;

import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.BehaviorIds;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.features.FeatureHasher;
import org.mgdspr.model.features.LongTermList;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Tiny configs and random encoded inputs for fast tests. */
public final class Fixtures {

    private Fixtures() {}

    /** A full MGDSPR config scaled down so a step takes milliseconds; {@code extra} is merged JSON. */
    public static ModelConfig tiny(String extraTower, String extraLoss) {
        String json = """
            {"preset": "small",
             "features": {"unigram_buckets": 500, "bigram_buckets": 500, "word_buckets": 500,
                          "history_buckets": 500, "title_buckets": 500, "item_id_buckets": 2000,
                          "shop_buckets": 300, "leaf_category_buckets": 200, "category_buckets": 50,
                          "brand_buckets": 300, "share_word_vocabulary": false,
                          "max_unigrams": 8, "max_bigrams": 6, "max_words": 4, "max_history_words": 5,
                          "max_real_time": 6, "max_short_term": 7, "max_long_term": 5, "max_title_tokens": 6},
             "tower": {"dim": 16, "item_id_dim": 8, "shop_dim": 2, "leaf_category_dim": 2, "category_dim": 2,
                       "brand_dim": 2, "heads": 2, "ffn_dim": 32, "alpha_dnn_hidden": [32],
                       "item_id_dropout": 0.0 %s},
             "loss": {"random_negatives": 24, "hard_negatives": 6 %s},
             "train": {"batch_size": 8, "seed": 7}}
            """.formatted(extraTower.isEmpty() ? "" : ", " + extraTower, extraLoss.isEmpty() ? "" : ", " + extraLoss);
        return ModelConfig.fromJson(json);
    }

    public static ModelConfig tiny() {
        return tiny("", "");
    }

    /** Random non-padding ids on a random prefix of each array (at least one id per array). */
    public static EncodedUser user(FeatureConfig f, Random random) {
        FeatureHasher hasher = new FeatureHasher(f);
        int[][] longTerm = new int[LongTermList.values().length][];
        for (LongTermList list : LongTermList.values()) {
            longTerm[list.ordinal()] = ids(random, f.maxLongTerm(),
                hasher.buckets(FeatureEncoder.longTermTable(list)));
        }
        return new EncodedUser(ids(random, f.maxUnigrams(), f.unigramBuckets()),
            ids(random, f.maxBigrams(), f.bigramBuckets()), ids(random, f.maxWords(), f.wordBuckets()),
            ids(random, f.maxHistoryWords(), f.historyBuckets()), behavior(f, random, f.maxRealTime()),
            behavior(f, random, f.maxShortTerm()), longTerm);
    }

    /** A query with the given words and no context at all: every behaviour and history array is padding. */
    public static EncodedUser emptyContextUser(FeatureConfig f, int... words) {
        int[][] longTerm = new int[LongTermList.values().length][f.maxLongTerm()];
        int[] wordIds = new int[f.maxWords()];
        System.arraycopy(words, 0, wordIds, 0, words.length);
        return new EncodedUser(new int[f.maxUnigrams()], new int[f.maxBigrams()], wordIds,
            new int[f.maxHistoryWords()], emptyBehavior(f.maxRealTime()), emptyBehavior(f.maxShortTerm()), longTerm);
    }

    public static BehaviorIds emptyBehavior(int length) {
        return new BehaviorIds(new int[length], new int[length], new int[length], new int[length], new int[length]);
    }

    public static EncodedItem item(FeatureConfig f, Random random) {
        return new EncodedItem(1 + random.nextInt(f.itemIdBuckets() - 1), ids(random, f.maxTitleTokens(),
            f.shareWordVocabulary() ? f.wordBuckets() : f.titleBuckets()));
    }

    public static List<EncodedUser> users(FeatureConfig f, Random random, int n) {
        List<EncodedUser> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(user(f, random));
        }
        return users;
    }

    public static List<EncodedItem> items(FeatureConfig f, Random random, int n) {
        List<EncodedItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(item(f, random));
        }
        return items;
    }

    private static BehaviorIds behavior(FeatureConfig f, Random random, int length) {
        int present = 1 + random.nextInt(length);
        return new BehaviorIds(prefix(random, length, present, f.itemIdBuckets()),
            prefix(random, length, present, f.shopBuckets()), prefix(random, length, present, f.leafCategoryBuckets()),
            prefix(random, length, present, f.categoryBuckets()), prefix(random, length, present, f.brandBuckets()));
    }

    private static int[] ids(Random random, int length, int buckets) {
        return prefix(random, length, 1 + random.nextInt(length), buckets);
    }

    private static int[] prefix(Random random, int length, int present, int buckets) {
        int[] ids = new int[length];
        for (int i = 0; i < present; i++) {
            ids[i] = 1 + random.nextInt(buckets - 1);
        }
        return ids;
    }
}

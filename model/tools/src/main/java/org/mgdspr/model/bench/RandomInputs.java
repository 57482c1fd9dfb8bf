package org.mgdspr.model.bench;

import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.features.BehaviorIds;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.features.FeatureHasher;
import org.mgdspr.model.features.HashTable;
import org.mgdspr.model.features.LongTermList;

import java.util.SplittableRandom;

/**
 * Fully populated random encoded inputs (every position non-padding, the worst case for the towers). Ids are drawn
 * from {@code [1, min(buckets, idRange))} so that a benchmark over huge hashed tables touches a bounded number of
 * table pages, as a heavy-tailed real id distribution would.
 */
final class RandomInputs {

    private final FeatureConfig features;
    private final SplittableRandom random;
    private final int idRange;
    private final FeatureHasher hasher;

    RandomInputs(FeatureConfig features, long seed, int idRange) {
        this.features = features;
        this.hasher = new FeatureHasher(features);
        this.random = new SplittableRandom(seed);
        this.idRange = idRange;
    }

    EncodedUser user() {
        FeatureConfig f = features;
        int[][] longTerm = new int[LongTermList.values().length][];
        for (LongTermList list : LongTermList.values()) {
            longTerm[list.ordinal()] = ids(f.maxLongTerm(), hasher.buckets(FeatureEncoder.longTermTable(list)));
        }
        return new EncodedUser(ids(f.maxUnigrams(), f.unigramBuckets()), ids(f.maxBigrams(), f.bigramBuckets()),
            ids(f.maxWords(), f.wordBuckets()), ids(f.maxHistoryWords(), f.historyBuckets()),
            behavior(f.maxRealTime()), behavior(f.maxShortTerm()), longTerm);
    }

    EncodedItem item() {
        return new EncodedItem(id(features.itemIdBuckets()),
            ids(features.maxTitleTokens(), hasher.buckets(HashTable.TITLE)));
    }

    private BehaviorIds behavior(int length) {
        FeatureConfig f = features;
        return new BehaviorIds(ids(length, f.itemIdBuckets()), ids(length, f.shopBuckets()),
            ids(length, f.leafCategoryBuckets()), ids(length, f.categoryBuckets()), ids(length, f.brandBuckets()));
    }

    private int[] ids(int length, int buckets) {
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = id(buckets);
        }
        return ids;
    }

    private int id(int buckets) {
        return 1 + random.nextInt(Math.min(buckets, idRange) - 1);
    }
}

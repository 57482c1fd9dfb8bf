package org.mgdspr.model.features;

import org.apache.lucene.util.StringHelper;
import org.mgdspr.model.config.FeatureConfig;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Maps strings to embedding rows: 32-bit MurmurHash3 (x86) of {@code namespace + 0x00 + UTF-8(value)} with a
 * fixed seed, reduced into {@code [1, buckets)}. Row 0 is reserved for padding and for empty values.
 *
 * <p>The hash depends only on the bytes, so training on one JVM and serving on another (any platform, any
 * default charset) yield identical ids. When {@link FeatureConfig#shareWordVocabulary()} is set, history and
 * title tokens are hashed exactly like query words, so one string has one row across the three uses.
 *
 * <p>Immutable and thread-safe.
 */
public final class FeatureHasher {

    /** Fixed seed; changing it invalidates every trained model. */
    static final int SEED = 0x6d677370;

    /** Indexed by {@link HashTable#ordinal()}: rows of the table that actually stores each table's ids. */
    private final int[] buckets;
    private final HashTable[] storage;

    public FeatureHasher(FeatureConfig config) {
        Objects.requireNonNull(config, "config");
        int[] own = new int[HashTable.values().length];
        own[HashTable.UNIGRAM.ordinal()] = config.unigramBuckets();
        own[HashTable.BIGRAM.ordinal()] = config.bigramBuckets();
        own[HashTable.WORD.ordinal()] = config.wordBuckets();
        own[HashTable.HISTORY.ordinal()] = config.historyBuckets();
        own[HashTable.TITLE.ordinal()] = config.titleBuckets();
        own[HashTable.ITEM.ordinal()] = config.itemIdBuckets();
        own[HashTable.SHOP.ordinal()] = config.shopBuckets();
        own[HashTable.LEAF_CATEGORY.ordinal()] = config.leafCategoryBuckets();
        own[HashTable.CATEGORY.ordinal()] = config.categoryBuckets();
        own[HashTable.BRAND.ordinal()] = config.brandBuckets();
        storage = new HashTable[own.length];
        buckets = new int[own.length];
        for (HashTable table : HashTable.values()) {
            boolean shared = config.shareWordVocabulary() && (table == HashTable.HISTORY || table == HashTable.TITLE);
            storage[table.ordinal()] = shared ? HashTable.WORD : table;
            buckets[table.ordinal()] = own[storage[table.ordinal()].ordinal()];
        }
    }

    /** The table whose rows the given table's ids index (differs only for shared word vocabularies). */
    public HashTable storageTable(HashTable table) {
        return storage[table.ordinal()];
    }

    /** Number of rows of the table's embedding matrix, padding row included. */
    public int buckets(HashTable table) {
        return buckets[table.ordinal()];
    }

    /** Row of {@code value} in {@code table}: 0 for null or empty values, otherwise in {@code [1, buckets)}. */
    public int hash(HashTable table, String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        int ordinal = table.ordinal();
        return 1 + Math.floorMod(rawHash(storage[ordinal].namespace(), value), buckets[ordinal] - 1);
    }

    /** The unreduced 32-bit hash; exposed for deterministic splits that must not depend on a bucket count. */
    public static int rawHash(String namespace, String value) {
        int nsLength = namespace.length();
        byte[] bytes = new byte[nsLength + 1 + 3 * value.length()];
        for (int i = 0; i < nsLength; i++) {
            char c = namespace.charAt(i);
            if (c >= 0x80) {
                return slowRawHash(namespace, value);
            }
            bytes[i] = (byte) c;
        }
        int length = nsLength + 1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // rare in ids, common in Chinese text: let the JDK do full UTF-8 (surrogate pairs included)
                return slowRawHash(namespace, value);
            }
            bytes[length++] = (byte) c;
        }
        return StringHelper.murmurhash3_x86_32(bytes, 0, length, SEED);
    }

    private static int slowRawHash(String namespace, String value) {
        byte[] ns = namespace.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[ns.length + 1 + v.length];
        System.arraycopy(ns, 0, bytes, 0, ns.length);
        System.arraycopy(v, 0, bytes, ns.length + 1, v.length);
        return StringHelper.murmurhash3_x86_32(bytes, 0, bytes.length, SEED);
    }
}

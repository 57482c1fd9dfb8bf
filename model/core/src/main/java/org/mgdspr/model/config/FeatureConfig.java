package org.mgdspr.model.config;

/**
 * Sizes of the hashed vocabularies and the maximum lengths of every input sequence.
 *
 * <p>Every id space is a hash space: token and id strings are hashed into {@code [1, buckets)} and id 0 is
 * reserved for padding, so no vocabulary file is needed and unseen strings still map to a row.
 *
 * @param language            {@code "en"} or {@code "zh"}: selects the multi-granular tokenization
 * @param unigramBuckets      query unigram table (CJK characters, or character trigrams for English)
 * @param bigramBuckets       query bigram table (CJK character bigrams, or word bigrams for English)
 * @param wordBuckets         segmented-word table (query words, and title/history words when shared)
 * @param historyBuckets      query-history word table (used when {@code shareWordVocabulary} is false)
 * @param titleBuckets        title token table (used when {@code shareWordVocabulary} is false)
 * @param itemIdBuckets       item id table, shared by the item tower and behaviour items
 * @param shopBuckets         shop id table
 * @param leafCategoryBuckets leaf category table
 * @param categoryBuckets     first-level category table
 * @param brandBuckets        brand table
 * @param shareWordVocabulary one word table for query words, history words and title tokens
 * @param maxUnigrams         query unigram tokens kept
 * @param maxBigrams          query bigram tokens kept
 * @param maxWords            query words kept
 * @param maxHistoryWords     query-history words kept (most recent first)
 * @param maxRealTime         real-time behaviour items kept (paper: 50)
 * @param maxShortTerm        short-term behaviour items kept (paper: 100)
 * @param maxLongTerm         ids kept in each of the 12 long-term lists (paper: 100)
 * @param maxTitleTokens      title tokens kept
 * @param titleSubwords       title tokens carry sub-word units after the words (character trigrams for English,
 *                            CJK characters); off, a title is its words alone, like the query's word channel
 * @param spellingCorrection  query words the training catalog's titles never use are replaced by the closest title
 *                            word before they are embedded ({@code SpellingCorrector}); English only, and the model
 *                            then carries the titles' vocabulary
 */
public record FeatureConfig(
    String language,
    int unigramBuckets,
    int bigramBuckets,
    int wordBuckets,
    int historyBuckets,
    int titleBuckets,
    int itemIdBuckets,
    int shopBuckets,
    int leafCategoryBuckets,
    int categoryBuckets,
    int brandBuckets,
    boolean shareWordVocabulary,
    int maxUnigrams,
    int maxBigrams,
    int maxWords,
    int maxHistoryWords,
    int maxRealTime,
    int maxShortTerm,
    int maxLongTerm,
    int maxTitleTokens,
    boolean titleSubwords,
    boolean spellingCorrection) {

    public FeatureConfig {
        ConfigChecks.requireOneOf("features.language", language, "en", "zh");
        ConfigChecks.requireAtLeast("features.unigram_buckets", unigramBuckets, 2);
        ConfigChecks.requireAtLeast("features.bigram_buckets", bigramBuckets, 2);
        ConfigChecks.requireAtLeast("features.word_buckets", wordBuckets, 2);
        ConfigChecks.requireAtLeast("features.history_buckets", historyBuckets, 2);
        ConfigChecks.requireAtLeast("features.title_buckets", titleBuckets, 2);
        ConfigChecks.requireAtLeast("features.item_id_buckets", itemIdBuckets, 2);
        ConfigChecks.requireAtLeast("features.shop_buckets", shopBuckets, 2);
        ConfigChecks.requireAtLeast("features.leaf_category_buckets", leafCategoryBuckets, 2);
        ConfigChecks.requireAtLeast("features.category_buckets", categoryBuckets, 2);
        ConfigChecks.requireAtLeast("features.brand_buckets", brandBuckets, 2);
        ConfigChecks.requireAtLeast("features.max_unigrams", maxUnigrams, 1);
        ConfigChecks.requireAtLeast("features.max_bigrams", maxBigrams, 1);
        ConfigChecks.requireAtLeast("features.max_words", maxWords, 1);
        ConfigChecks.requireAtLeast("features.max_history_words", maxHistoryWords, 1);
        ConfigChecks.requireAtLeast("features.max_real_time", maxRealTime, 1);
        ConfigChecks.requireAtLeast("features.max_short_term", maxShortTerm, 1);
        ConfigChecks.requireAtLeast("features.max_long_term", maxLongTerm, 1);
        ConfigChecks.requireAtLeast("features.max_title_tokens", maxTitleTokens, 1);
        if (spellingCorrection && !"en".equals(language)) {
            throw new IllegalArgumentException("features.spelling_correction works on English words only, but "
                + "features.language is [" + language + "]");
        }
    }
}

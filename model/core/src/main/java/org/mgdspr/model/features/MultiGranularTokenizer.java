package org.mgdspr.model.features;

import java.util.List;

/**
 * Turns query, title and history text into the token strings the towers embed. Training and serving must use
 * the same instance type and configuration so the ids agree; implementations are immutable and thread-safe.
 */
public interface MultiGranularTokenizer {

    /** The language this tokenizer implements, as in {@code FeatureConfig#language()}. */
    String language();

    /** Unigrams, bigrams and words of a query (paper Eq. 2-4). */
    QueryTokens tokenizeQuery(String query);

    /** Normalised words only; used for query history, key-term matching and spelling correction. */
    List<String> words(String text);

    /** Item-tower title tokens: words first, then sub-word tokens, without duplicates. */
    List<String> titleTokens(String title);

    /**
     * Units that key-term matching runs over: words for English, characters for Chinese (a segmenter can cut a
     * brand name differently depending on its neighbours, characters cannot).
     */
    List<String> matchUnits(String text);

    /** Joins match units back into a readable normalised form ("" for Chinese, " " for English). */
    String joinUnits(List<String> units);

    /** The tokenizer of a {@code FeatureConfig} language, {@code "en"} or {@code "zh"}. */
    static MultiGranularTokenizer forLanguage(String language) {
        return switch (language) {
            case "en" -> new EnglishTokenizer();
            case "zh" -> new ChineseTokenizer();
            default -> throw new IllegalArgumentException("language must be one of [en, zh] but was " + language);
        };
    }
}

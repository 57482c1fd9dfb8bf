package org.mgdspr.model.features;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizerTest {

    private final MultiGranularTokenizer zh = MultiGranularTokenizer.forLanguage("zh");
    private final MultiGranularTokenizer en = MultiGranularTokenizer.forLanguage("en");

    @Test
    void chineseQueryHasCharactersBigramsAcrossWordsAndSegmentedWords() {
        QueryTokens tokens = zh.tokenizeQuery("红色Ｎｉｋｅ跑鞋 新款！");
        assertEquals(List.of("红", "色", "nike", "跑", "鞋", "新", "款"), tokens.unigrams());
        // "鞋新" crosses the space and the segmenter's word boundary
        assertEquals(List.of("红色", "色nike", "nike跑", "跑鞋", "鞋新", "新款"), tokens.bigrams());
        assertEquals(List.of("红色", "nike", "跑鞋", "新款"), tokens.words());
    }

    @Test
    void chineseKeepsLatinAndDigitRunsAndSeparatesAdjacentRuns() {
        QueryTokens tokens = zh.tokenizeQuery("apple iphone15 手机壳");
        assertEquals(List.of("apple", "iphone15", "手", "机", "壳"), tokens.unigrams());
        assertTrue(tokens.bigrams().contains("apple iphone15"), tokens.bigrams().toString());
        assertTrue(tokens.words().contains("apple"), tokens.words().toString());
        assertFalse(tokens.words().contains(""), tokens.words().toString());
    }

    @Test
    void englishUsesTrigramsWordBigramsAndStemmedWords() {
        QueryTokens tokens = en.tokenizeQuery("Red Café's SHOES");
        assertEquals(List.of("red", "cafe", "shoe"), tokens.words());
        assertEquals(List.of("^ red", "red cafe", "cafe shoe", "shoe $"), tokens.bigrams());
        assertEquals(List.of("#re", "red", "ed#", "#ca", "caf", "afe", "fe#", "#sh", "sho", "hoe", "oe#"),
            tokens.unigrams());
    }

    @Test
    void oneWordEnglishQueryStillHasBigramsAndEmptyQueryHasNothing() {
        assertEquals(List.of("^ sofa", "sofa $"), en.tokenizeQuery("sofa").bigrams());
        QueryTokens empty = en.tokenizeQuery("  ?! ");
        assertTrue(empty.words().isEmpty() && empty.bigrams().isEmpty() && empty.unigrams().isEmpty());
        assertTrue(zh.tokenizeQuery(null).unigrams().isEmpty());
    }

    @Test
    void titleTokensAreWordsThenSubwordsWithoutDuplicates() {
        List<String> title = en.titleTokens("Oak desk oak");
        assertEquals(List.of("oak", "desk", "#oa", "ak#", "#de", "des", "esk", "sk#"), title);
        List<String> zhTitle = zh.titleTokens("红色跑鞋");
        assertEquals(List.of("红色", "跑鞋", "红", "色", "跑", "鞋"), zhTitle);
    }

    @Test
    void misspelledTitleWordStillSharesTrigramsWithTheCorrectWord() {
        List<String> typo = en.titleTokens("sneekers");
        List<String> right = en.titleTokens("sneakers");
        assertTrue(typo.stream().filter(right::contains).count() >= 3, typo + " vs " + right);
    }

    @Test
    void matchUnitsJoinBackToANormalisedForm() {
        assertEquals(en.matchUnits("adidas"), en.matchUnits("ADIDAS"));
        assertEquals("running shoe", en.joinUnits(en.matchUnits("Running Shoes")));
        assertEquals("阿迪达斯nike", zh.joinUnits(zh.matchUnits("阿迪达斯 NIKE")));
        assertEquals("nike air", zh.joinUnits(zh.matchUnits("Nike Air")));
    }

    @Test
    void commaJoinedHistoryIsAnalyzedLikeSeparateEntries() {
        // "手机" + "壳" would segment as 手 / 机壳 if the entries ran together
        List<String> entries = List.of("红色", "连衣裙", "半身裙", "黄色长裙", "nike", "跑鞋", "手机", "壳", "女", "装");
        String joined = String.join(FeatureEncoder.HISTORY_SEPARATOR, entries);
        for (MultiGranularTokenizer tokenizer : List.of(zh, en)) {
            List<String> separately = entries.stream().flatMap(e -> tokenizer.words(e).stream()).toList();
            assertEquals(separately, tokenizer.words(joined), tokenizer.language());
        }
        List<String> english = List.of("red", "shoes", "running", "sofa's");
        assertEquals(english.stream().flatMap(e -> en.words(e).stream()).toList(),
            en.words(String.join(FeatureEncoder.HISTORY_SEPARATOR, english)));
    }

    @Test
    void unknownLanguageIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MultiGranularTokenizer.forLanguage("fr"));
        assertTrue(e.getMessage().contains("fr"));
    }
}

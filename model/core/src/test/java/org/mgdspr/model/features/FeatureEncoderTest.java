package org.mgdspr.model.features;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.spelling.CatalogVocabulary;
import org.mgdspr.model.spelling.SpellingCorrector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureEncoderTest {

    private static final FeatureConfig SMALL = ModelConfig.preset("small").features();
    private static final FeatureConfig PAPER = ModelConfig.preset("paper").features();

    static BehaviorItem item(int i) {
        return new BehaviorItem("i" + i, "s" + (i % 7), "leaf" + (i % 11), "cat" + (i % 3), i % 5 == 0 ? "" : "b" + i % 13);
    }

    static UserContext context(int realTime, int shortTerm, int longTerm, int history) {
        List<BehaviorItem> rt = new ArrayList<>();
        for (int i = 0; i < realTime; i++) {
            rt.add(item(i));
        }
        List<BehaviorItem> st = new ArrayList<>();
        for (int i = 0; i < shortTerm; i++) {
            st.add(item(1000 + i));
        }
        Map<LongTermList, List<String>> lt = new EnumMap<>(LongTermList.class);
        for (LongTermList list : LongTermList.values()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < longTerm; i++) {
                ids.add(list.name() + i);
            }
            lt.put(list, ids);
        }
        List<String> hist = new ArrayList<>();
        for (int i = 0; i < history; i++) {
            hist.add("word" + i);
        }
        return new UserContext(rt, st, lt, hist);
    }

    @Test
    void everyArrayHasExactlyTheConfiguredLength() {
        FeatureEncoder encoder = new FeatureEncoder(SMALL);
        assertEquals(SMALL, encoder.config());
        assertEquals(SMALL.language(), encoder.tokenizer().language());
        EncodedUser user = encoder.encodeUser("red running shoes", UserContext.EMPTY);
        assertEquals(SMALL.maxUnigrams(), user.unigrams().length);
        assertEquals(SMALL.maxBigrams(), user.bigrams().length);
        assertEquals(SMALL.maxWords(), user.words().length);
        assertEquals(SMALL.maxHistoryWords(), user.historyWords().length);
        assertEquals(SMALL.maxRealTime(), user.realTime().paddedLength());
        assertEquals(SMALL.maxShortTerm(), user.shortTerm().paddedLength());
        for (int[] list : user.longTerm()) {
            assertEquals(SMALL.maxLongTerm(), list.length);
            assertTrue(Arrays.stream(list).allMatch(id -> id == 0));
        }
        assertEquals(0, user.realTime().length());
        assertEquals(3, Arrays.stream(user.words()).filter(id -> id != 0).count());
        assertEquals(4, Arrays.stream(user.bigrams()).filter(id -> id != 0).count());
        assertEquals(SMALL.maxTitleTokens(), encoder.encodeItem("i1", "Red Running Shoe").titleTokens().length);
    }

    /** A real-time item past the model's limit is read by neither the towers nor the brand shares. */
    @Test
    void brandSharesCountTheBehaviourItemsTheTowersRead() {
        List<BehaviorItem> realTime = new ArrayList<>();
        for (int i = 0; i < SMALL.maxRealTime(); i++) {
            realTime.add(new BehaviorItem("r" + i, "", "", "", "acme"));
        }
        realTime.add(new BehaviorItem("past the limit", "", "", "", "zeta"));
        UserContext context = new UserContext(realTime, List.of(new BehaviorItem("s0", "", "", "", "zeta")), Map.of(),
            List.of());
        Map<String, Double> shares = new FeatureEncoder(SMALL).brandAffinity(context).shares();
        double read = SMALL.maxRealTime() + 1;
        assertEquals(Set.of("acme", "zeta"), shares.keySet());
        assertEquals(SMALL.maxRealTime() / read, shares.get("acme"), 1e-12);
        assertEquals(1 / read, shares.get("zeta"), 1e-12);
    }

    @Test
    void overLongListsKeepTheNewestHead() {
        FeatureEncoder encoder = new FeatureEncoder(SMALL);
        UserContext context = context(SMALL.maxRealTime() + 7, SMALL.maxShortTerm() + 3, SMALL.maxLongTerm() + 9, 50);
        EncodedUser user = encoder.encodeUser("sofa", context);
        FeatureHasher hasher = encoder.hasher();
        assertEquals(SMALL.maxRealTime(), user.realTime().length());
        assertEquals(hasher.hash(HashTable.ITEM, "i0"), user.realTime().itemIds()[0]);
        assertEquals(hasher.hash(HashTable.ITEM, "i" + (SMALL.maxRealTime() - 1)),
            user.realTime().itemIds()[SMALL.maxRealTime() - 1]);
        assertEquals(hasher.hash(HashTable.ITEM, "i1000"), user.shortTerm().itemIds()[0]);
        int brandBuy = LongTermList.BRAND_BUY.ordinal();
        assertEquals(hasher.hash(HashTable.BRAND, "BRAND_BUY0"), user.longTerm()[brandBuy][0]);
        assertTrue(Arrays.stream(user.longTerm()[brandBuy]).allMatch(id -> id != 0));
        assertEquals(hasher.hash(HashTable.HISTORY, "word0"), user.historyWords()[0]);
        assertTrue(Arrays.stream(user.historyWords()).allMatch(id -> id != 0));
    }

    @Test
    void sideFieldsUseTheirOwnTablesAndMissingOnesArePadding() {
        FeatureEncoder encoder = new FeatureEncoder(SMALL);
        EncodedUser user = encoder.encodeUser("x", context(6, 0, 0, 0));
        FeatureHasher hasher = encoder.hasher();
        BehaviorIds rt = user.realTime();
        assertEquals(hasher.hash(HashTable.SHOP, "s1"), rt.shops()[1]);
        assertEquals(hasher.hash(HashTable.LEAF_CATEGORY, "leaf1"), rt.leafCategories()[1]);
        assertEquals(hasher.hash(HashTable.CATEGORY, "cat1"), rt.categories()[1]);
        assertEquals(hasher.hash(HashTable.BRAND, "b1"), rt.brands()[1]);
        assertEquals(0, rt.brands()[0], "item 0 has no brand");
        assertEquals(0, rt.brands()[5], "item 5 has no brand");
        assertEquals(FeatureEncoder.longTermTable(LongTermList.LEAF_CATEGORY_COLLECT), HashTable.LEAF_CATEGORY);
        assertEquals(FeatureEncoder.longTermTable(LongTermList.SHOP_CLICK), HashTable.SHOP);
    }

    @Test
    void historyEntriesAreNormalisedLikeQueryWords() {
        FeatureEncoder encoder = new FeatureEncoder(SMALL);
        UserContext context = new UserContext(List.of(), List.of(), Map.of(), List.of("Red SHOES", "sofa"));
        EncodedUser user = encoder.encodeUser("red shoe", context);
        assertEquals(user.words()[0], user.historyWords()[0], "shared vocabulary: history 'Red' == query 'red'");
        assertEquals(user.words()[1], user.historyWords()[1]);
        assertEquals(encoder.hasher().hash(HashTable.WORD, "sofa"), user.historyWords()[2]);
        assertEquals(0, user.historyWords()[3]);
    }

    @Test
    void itemEncodingSharesRowsWithQueryWordsWhenVocabularyIsShared() {
        FeatureEncoder encoder = new FeatureEncoder(SMALL);
        EncodedItem item = encoder.encodeItem("sku-9", "Red Running Shoes");
        EncodedUser user = encoder.encodeUser("running shoe", UserContext.EMPTY);
        assertEquals(user.words()[0], item.titleTokens()[1]);
        assertEquals(user.words()[1], item.titleTokens()[2]);
        assertEquals(encoder.hasher().hash(HashTable.ITEM, "sku-9"), item.itemId());
        assertThrows(IllegalArgumentException.class, () -> encoder.encodeItem("", "title"));
    }

    @Test
    void aMisspelledQueryWordIsEncodedAsTheTitleWordItIsClosestTo() {
        FeatureConfig plain = ModelConfig.fromJson("{\"features\": {\"title_subwords\": false}}").features();
        FeatureConfig correcting = ModelConfig.fromJson(
            "{\"features\": {\"title_subwords\": false, \"spelling_correction\": true}}").features();
        CatalogVocabulary vocabulary = CatalogVocabulary.of(List.of("Elongated Toilet Seat", "Ceiling Fan"),
            new EnglishTokenizer());
        FeatureEncoder encoder = new FeatureEncoder(correcting, new SpellingCorrector(vocabulary));
        FeatureEncoder reference = new FeatureEncoder(plain);
        UserContext context = context(3, 4, 2, 2);

        assertEquals(List.of("toilet", "seat"), encoder.queryTokens("Toliet Seats").words());
        assertEquals(reference.queryTokens("Toliet Seats"), encoder.queryTokens("Toliet Seats", false),
            "as typed when the caller turns correction off");
        assertEncodedAlike(reference.encodeUser("toilet seat", context), encoder.encodeUser("Toliet Seats", context));
        assertEquals(reference.queryTokens("White ceiling fan"), encoder.queryTokens("White ceiling fan"),
            "nothing to correct: the tokens of the query as typed");
        assertEncodedAlike(reference.encodeUser("White ceiling fan", context),
            encoder.encodeUser("White ceiling fan", context));
        UserContext misspeltHistory = new UserContext(List.of(), List.of(), Map.of(), List.of("toliet seats"));
        int[] history = encoder.encodeUser("fan", misspeltHistory).historyWords();
        assertArrayEquals(reference.encodeUser("fan", misspeltHistory).historyWords(), history,
            "history is not corrected");
        assertFalse(Arrays.equals(history, reference.encodeUser("fan",
            new UserContext(List.of(), List.of(), Map.of(), List.of("toilet seats"))).historyWords()));

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> new FeatureEncoder(correcting));
        assertTrue(missing.getMessage().contains("spelling_correction"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FeatureEncoder(plain, new SpellingCorrector(vocabulary)));
    }

    private static void assertEncodedAlike(EncodedUser expected, EncodedUser actual) {
        assertArrayEquals(expected.unigrams(), actual.unigrams());
        assertArrayEquals(expected.bigrams(), actual.bigrams());
        assertArrayEquals(expected.words(), actual.words());
        assertArrayEquals(expected.historyWords(), actual.historyWords());
    }

    @Test
    void withoutTitleSubwordsATitleIsItsDistinctWords() {
        FeatureConfig wordsOnly = ModelConfig.fromJson("{\"features\": {\"title_subwords\": false}}").features();
        FeatureEncoder encoder = new FeatureEncoder(wordsOnly);
        int[] tokens = encoder.encodeItem("sku-9", "Red Running Shoes, red").titleTokens();
        FeatureHasher hasher = encoder.hasher();
        assertEquals(hasher.hash(HashTable.WORD, "red"), tokens[0]);
        assertEquals(hasher.hash(HashTable.WORD, "running"), tokens[1]);
        assertEquals(hasher.hash(HashTable.WORD, "shoe"), tokens[2]);
        for (int i = 3; i < tokens.length; i++) {
            assertEquals(0, tokens[i], "position " + i + " is padding: no trigrams, no repeated word");
        }
    }

    @Test
    void pathologicallyLongTextIsClippedWithoutSplittingACharacter() {
        String emoji = "\uD83D\uDC5F";
        String text = "a".repeat(FeatureEncoder.MAX_TEXT_CHARS - 1) + emoji + "tail";
        String clipped = FeatureEncoder.clip(text);
        assertEquals(FeatureEncoder.MAX_TEXT_CHARS - 1, clipped.length());
        assertEquals("short", FeatureEncoder.clip("short"));
        FeatureEncoder encoder = new FeatureEncoder(SMALL);
        String huge = "red shoes ".repeat(100_000);
        EncodedUser user = encoder.encodeUser(huge, UserContext.EMPTY);
        assertEquals(encoder.encodeUser("red shoes red shoes", UserContext.EMPTY).words()[1], user.words()[1]);
        assertEquals(SMALL.maxWords(), Arrays.stream(user.words()).filter(id -> id != 0).count());
    }

    @Test
    void concurrentEncodingMatchesSequentialEncoding() throws Exception {
        FeatureEncoder encoder = new FeatureEncoder(PAPER);
        List<String> queries = List.of("红色连衣裙", "nike跑鞋男", "苹果手机壳 iphone15", "儿童 书包", "夏季新款 女装");
        UserContext context = context(30, 60, 40, 12);
        List<EncodedUser> expected = new ArrayList<>();
        for (String q : queries) {
            expected.add(encoder.encodeUser(q, context));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int r = 0; r < 200; r++) {
                        int i = r % queries.size();
                        EncodedUser got = encoder.encodeUser(queries.get(i), context);
                        if (!Arrays.equals(got.bigrams(), expected.get(i).bigrams())
                            || !Arrays.equals(got.words(), expected.get(i).words())
                            || !Arrays.equals(got.historyWords(), expected.get(i).historyWords())) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(expected.get(0).unigrams(), encoder.encodeUser("红色连衣裙", context).unigrams());
    }

    /** Prints µs/op (reported numbers); the bound only catches pathological regressions on a shared machine. */
    @Test
    void encodingIsFast() {
        for (FeatureConfig config : List.of(SMALL, PAPER)) {
            FeatureEncoder encoder = new FeatureEncoder(config);
            boolean zh = config.language().equals("zh");
            String query = zh ? "红色耐克跑鞋男款 2024新款" : "red nike running shoes for men";
            String title = zh ? "耐克 NIKE 男子 跑步鞋 AIR ZOOM 红色 透气 减震 运动鞋 2024新款 官方旗舰店"
                : "Nike Men's Air Zoom Pegasus 40 Red Running Shoes Breathable Lightweight Sneakers";
            UserContext context = context(config.maxRealTime(), config.maxShortTerm(), config.maxLongTerm(), 20);
            int warmup = 1500;
            int runs = 2000;
            for (int i = 0; i < warmup; i++) {
                encoder.encodeUser(query, context);
                encoder.encodeItem("i" + i, title);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                encoder.encodeUser(query, context);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                encoder.encodeItem("i" + i, title);
            }
            long t2 = System.nanoTime();
            double userMicros = (t1 - t0) / 1000.0 / runs;
            double itemMicros = (t2 - t1) / 1000.0 / runs;
            System.out.printf("encoder[%s, full context]: encodeUser %.1f us/op, encodeItem %.1f us/op%n",
                config.language(), userMicros, itemMicros);
            assertTrue(userMicros < 5000 && itemMicros < 5000, userMicros + " / " + itemMicros);
        }
    }
}

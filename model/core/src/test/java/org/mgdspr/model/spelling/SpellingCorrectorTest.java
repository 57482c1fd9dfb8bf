package org.mgdspr.model.spelling;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpellingCorrectorTest {

    private static final SpellingCorrector CORRECTOR = new SpellingCorrector(CatalogVocabulary.fromTsv("""
        2x4\t4
        ceiling\t20
        nickel\t12
        pale\t3
        pane\t3
        panel\t9
        porcelain\t8
        replacement\t5
        seat\t30
        tile\t7
        tire\t7
        toilet\t40
        toilets\t1
        vinyl\t10
        """));

    @Test
    void eachKindOfEditIsCorrected() {
        assertEquals("toilet", CORRECTOR.correct("toliet"), "two adjacent letters swapped");
        assertEquals("ceiling", CORRECTOR.correct("celing"), "a letter left out");
        assertEquals("panel", CORRECTOR.correct("pannel"), "a letter added");
        assertEquals("vinyl", CORRECTOR.correct("vinal"), "a letter replaced");
        assertEquals("nickel", CORRECTOR.correct("nickle"), "the last two letters swapped");
        assertEquals("replacement", CORRECTOR.correct("replasment"), "two edits in a word of more than 5 letters");
    }

    @Test
    void knownShortNonAlphabeticAndDistantWordsAreKept() {
        assertEquals("pane", CORRECTOR.correct("pane"), "a vocabulary word, though a more frequent one is close");
        assertEquals("vynil", CORRECTOR.correct("vynil"), "two edits from 'vinyl', but 5 letters allow one");
        assertEquals("pne", CORRECTOR.correct("pne"), "shorter than four letters");
        assertEquals("2x5", CORRECTOR.correct("2x5"), "sizes and model numbers are not misspellings");
        assertEquals("18v", CORRECTOR.correct("18v"));
        assertEquals("zzzzzz", CORRECTOR.correct("zzzzzz"), "no vocabulary word within two edits");
        String long33 = "toilet".repeat(5) + "toi";
        assertEquals(long33, CORRECTOR.correct(long33), "longer than " + SpellingCorrector.MAX_WORD_LENGTH);
    }

    @Test
    void theClosestWordWinsThenTheMoreFrequentThenTheAlphabeticallyFirst() {
        assertEquals("toilets", CORRECTOR.correct("toiletss"), "one edit from a rare word beats two from a common one");
        assertEquals("panel", CORRECTOR.correct("panl"), "one edit from 'panel' (9 titles) and 'pane' (3)");
        assertEquals("pale", CORRECTOR.correct("pame"), "one edit from 'pale' and 'pane', both in 3 titles");
        assertEquals("tile", CORRECTOR.correct("tike"), "one edit from 'tile' and 'tire', both in 7 titles");
    }

    @Test
    void aListWithoutCorrectionsComesBackAsItIs() {
        List<String> clean = List.of("toilet", "seat", "2x4");
        assertSame(clean, CORRECTOR.correct(clean));
        List<String> misspelled = List.of("toliet", "seat");
        List<String> corrected = CORRECTOR.correct(misspelled);
        assertNotSame(misspelled, corrected);
        assertEquals(List.of("toilet", "seat"), corrected);
        assertEquals(List.of("toliet", "seat"), misspelled, "the input is not changed");
    }

    /** The deletion index must find every candidate a scan of the whole vocabulary finds. */
    @Test
    void agreesWithAScanOfTheWholeVocabulary() {
        Random random = new Random(42);
        StringBuilder tsv = new StringBuilder();
        List<String> words = new ArrayList<>();
        while (words.size() < 400) {
            String word = randomWord(random, 2 + random.nextInt(9));
            if (!words.contains(word)) {
                words.add(word);
                tsv.append(word).append('\t').append(1 + random.nextInt(5)).append('\n');
            }
        }
        CatalogVocabulary vocabulary = CatalogVocabulary.fromTsv(tsv.toString());
        SpellingCorrector corrector = new SpellingCorrector(vocabulary);
        int corrected = 0;
        for (int i = 0; i < 3000; i++) {
            String query = i % 4 == 0 ? randomWord(random, 4 + random.nextInt(7))
                : mutate(words.get(random.nextInt(words.size())), 1 + random.nextInt(3), random);
            String expected = scan(vocabulary, query);
            assertEquals(expected, corrector.correct(query), "query [" + query + "]");
            corrected += expected.equals(query) ? 0 : 1;
        }
        assertEquals(true, corrected > 500, "the random queries exercise corrections: " + corrected);
    }

    @Test
    void theMemoryEstimateCoversTheIndexAndTheWords() {
        CatalogVocabulary vocabulary = CORRECTOR.vocabulary();
        long words = vocabulary.words().stream().mapToLong(word -> 40L + 2L * word.length()).sum();
        assertTrue(vocabulary.ramBytesUsed() > words, vocabulary.ramBytesUsed() + " bytes for the vocabulary");
        long variants = 8L * vocabulary.words().stream().mapToLong(word -> 1 + word.length()).sum();
        assertTrue(CORRECTOR.ramBytesUsed() > vocabulary.ramBytesUsed() + variants,
            CORRECTOR.ramBytesUsed() + " bytes in all");
    }

    @Test
    void aVocabularyOfAnyWordsIsAccepted() {
        assertEquals("same", new SpellingCorrector(CatalogVocabulary.fromTsv("")).correct("same"));
        assertThrows(NullPointerException.class, () -> new SpellingCorrector(null));
    }

    private static String scan(CatalogVocabulary vocabulary, String word) {
        if (vocabulary.contains(word) || word.length() < SpellingCorrector.MIN_WORD_LENGTH
            || !word.chars().allMatch(Character::isLetter)) {
            return word;
        }
        int limit = word.length() <= 5 ? 1 : 2;
        String best = word;
        int bestDistance = limit + 1;
        int bestCount = 0;
        for (String candidate : vocabulary.words()) {
            if (!candidate.chars().allMatch(Character::isLetter)) {
                continue;
            }
            int distance = EditDistance.bounded(word, candidate, limit);
            int count = vocabulary.titleCount(candidate);
            if (distance < bestDistance || (distance == bestDistance && distance <= limit && count > bestCount)) {
                best = candidate;
                bestDistance = distance;
                bestCount = count;
            }
        }
        return best;
    }

    private static String randomWord(Random random, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(6)));
        }
        return word.toString();
    }

    private static String mutate(String word, int edits, Random random) {
        StringBuilder text = new StringBuilder(word);
        for (int e = 0; e < edits; e++) {
            int position = random.nextInt(text.length() + 1);
            switch (random.nextInt(4)) {
                case 0 -> text.insert(position, (char) ('a' + random.nextInt(6)));
                case 1 -> {
                    if (text.length() > 1) {
                        text.deleteCharAt(Math.min(position, text.length() - 1));
                    }
                }
                case 2 -> text.setCharAt(Math.min(position, text.length() - 1), (char) ('a' + random.nextInt(6)));
                default -> {
                    if (text.length() > 1) {
                        int at = Math.min(position, text.length() - 2);
                        char first = text.charAt(at);
                        text.setCharAt(at, text.charAt(at + 1));
                        text.setCharAt(at + 1, first);
                    }
                }
            }
        }
        return text.toString();
    }
}

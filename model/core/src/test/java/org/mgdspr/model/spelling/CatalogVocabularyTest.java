package org.mgdspr.model.spelling;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.features.EnglishTokenizer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogVocabularyTest {

    @Test
    void countsTitlesPerNormalisedWord() {
        CatalogVocabulary vocabulary = CatalogVocabulary.of(
            List.of("Toilet Seat, White", "Toilets and toilet seats", "White 2x4 Stud"), new EnglishTokenizer());
        assertEquals(2, vocabulary.titleCount("toilet"), "a word counts once per title, in its normalised form");
        assertEquals(2, vocabulary.titleCount("seat"));
        assertEquals(2, vocabulary.titleCount("white"));
        assertEquals(1, vocabulary.titleCount("2x4"));
        assertEquals(0, vocabulary.titleCount("toilets"), "only normalised words are kept");
        assertFalse(vocabulary.contains("Toilet"));
        assertEquals(List.of("2x4", "and", "seat", "stud", "toilet", "white"), List.copyOf(vocabulary.words()));
    }

    @Test
    void theStoredFormRoundTripsInSortedOrder() {
        CatalogVocabulary vocabulary = CatalogVocabulary.of(List.of("b a", "c a"), new EnglishTokenizer());
        assertEquals("a\t2\nb\t1\nc\t1\n", vocabulary.toTsv());
        assertEquals(vocabulary, CatalogVocabulary.fromTsv(vocabulary.toTsv()));
        assertTrue(CatalogVocabulary.fromTsv("").words().isEmpty());
    }

    @Test
    void aBrokenStoredFormIsRejectedWithItsLine() {
        assertMessage("line 2 must be <word><TAB><count>", "a\t1\nb 1\n");
        assertMessage("line 1 must be <word><TAB><count>", "\t1\n");
        assertMessage("line 1 must be <word><TAB><count>", "a\t1\t2\n");
        assertMessage("line 1 has a count that is not an integer", "a\tmany\n");
        assertMessage("line 2 has count 0", "a\t1\nb\t0\n");
        assertMessage("line 2 repeats the word [a]", "a\t1\na\t2\n");
        assertMessage("line 2 must be <word><TAB><count>", "a\t1\n\nb\t1\n");
    }

    private static void assertMessage(String expected, String tsv) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> CatalogVocabulary.fromTsv(tsv));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}

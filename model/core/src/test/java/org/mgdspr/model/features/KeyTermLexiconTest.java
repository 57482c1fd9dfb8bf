package org.mgdspr.model.features;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyTermLexiconTest {

    private static KeyTermLexicon english() {
        return KeyTermLexicon.builder("en").addColours()
            .add("Nike", KeyTermClass.BRAND)
            .add("Running Shoes", KeyTermClass.LEAF_CATEGORY)
            .add("Shoes", KeyTermClass.CATEGORY)
            .add("Olive", KeyTermClass.BRAND)
            .add("---", KeyTermClass.BRAND)
            .build();
    }

    @Test
    void detectsLongestMatchesLeftToRightOnNormalisedWords() {
        List<KeyTerm> found = english().detect("RED nike Running Shoe for men");
        assertEquals(List.of(
            new KeyTerm("red", KeyTermClass.COLOUR, "red"),
            new KeyTerm("Nike", KeyTermClass.BRAND, "nike"),
            new KeyTerm("Running Shoes", KeyTermClass.LEAF_CATEGORY, "running shoe")), found);
        assertEquals(List.of(new KeyTerm("Shoes", KeyTermClass.CATEGORY, "shoe")), english().detect("shoes"));
        assertTrue(english().detect("cordless drill").isEmpty());
    }

    @Test
    void higherPriorityClassWinsACollision() {
        List<KeyTerm> found = english().detect("olive");
        assertEquals(1, found.size());
        assertEquals(KeyTermClass.BRAND, found.get(0).type(), "brand Olive outranks the colour olive");
    }

    @Test
    void chineseMatchesOnCharactersWhateverTheSegmenterDoes() {
        KeyTermLexicon lexicon = KeyTermLexicon.builder("zh").addColours()
            .add("耐克", KeyTermClass.BRAND)
            .add("跑步鞋", KeyTermClass.LEAF_CATEGORY)
            .add("运动鞋", KeyTermClass.CATEGORY)
            .add("NIKE", KeyTermClass.BRAND)
            .build();
        List<KeyTerm> found = lexicon.detect("红色耐克男子跑步鞋nike");
        assertEquals(List.of("红色", "耐克", "跑步鞋", "nike"), found.stream().map(KeyTerm::normalized).toList());
        assertEquals(List.of(KeyTermClass.COLOUR, KeyTermClass.BRAND, KeyTermClass.LEAF_CATEGORY, KeyTermClass.BRAND),
            found.stream().map(KeyTerm::type).toList());
    }

    @Test
    void jsonRoundTripKeepsEveryTermAndDetection() {
        KeyTermLexicon lexicon = english();
        String json = lexicon.toJson();
        KeyTermLexicon read = KeyTermLexicon.fromJson(json);
        assertEquals(lexicon.size(), read.size());
        assertEquals(json, read.toJson());
        assertEquals(lexicon.detect("blue nike running shoes"), read.detect("blue nike running shoes"));
        assertEquals("en", read.language());
        assertTrue(json.contains("\"class\":\"leaf_category\""), json);
    }

    @Test
    void badJsonNamesTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> KeyTermLexicon.fromJson("{\"language\":\"en\",\"terms\":[{\"term\":\"x\",\"class\":\"flavour\"}]}"));
        assertTrue(e.getMessage().contains("flavour"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KeyTermLexicon.fromJson("{\"language\":\"xx\",\"terms\":[]}"));
        assertTrue(e.getMessage().contains("xx"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KeyTermLexicon.fromJson("[1"));
    }
}

package org.mgdspr.model.eval;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Bm25IndexTest {

    @Test
    void ranksByBm25WithEnglishStemming() throws IOException {
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("a", "Cordless Drill Driver Kit with Batteries");
        titles.put("b", "Garden Hose 50 ft");
        titles.put("c", "Hammer Drill");
        titles.put("d", "Drill Bits Set for Drills and Drivers");
        try (Bm25Index index = new Bm25Index(titles)) {
            List<String> hits = index.search("cordless drills", 10);
            assertEquals("a", hits.get(0), hits.toString());
            assertTrue(hits.containsAll(List.of("c", "d")), hits.toString());
            assertTrue(!hits.contains("b"), hits.toString());
            assertEquals(1, index.search("drill", 1).size());
            var scored = index.hits("cordless drills", 10);
            assertEquals(0, scored.docs()[0], "positions follow the map's iteration order");
            float[] scores = scored.scores();
            for (int i = 1; i < scores.length; i++) {
                assertTrue(scores[i - 1] >= scores[i], java.util.Arrays.toString(scores));
            }
        }
    }

    @Test
    void querySyntaxAndStopwordOnlyQueriesAreHarmless() throws IOException {
        try (Bm25Index index = new Bm25Index(Map.of("a", "the best hose"))) {
            assertEquals(List.of(), index.search("the and of", 5));
            assertEquals(List.of("a"), index.search("hose AND (\"[best", 5));
        }
    }
}

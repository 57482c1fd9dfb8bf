package org.mgdspr.model.fusion;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RankedHitsTest {

    private static final RankedHits HITS = new RankedHits(new int[] {7, 3, 5}, new float[] {0.9f, 0.8f, 0.5f});

    @Test
    void theTopIsThePrefixAndAllHitsWhenFewerRemain() {
        RankedHits two = HITS.top(2);
        assertArrayEquals(new int[] {7, 3}, two.docs());
        assertArrayEquals(new float[] {0.9f, 0.8f}, two.scores());
        assertEquals(HITS, HITS.top(3));
        assertEquals(HITS, HITS.top(10));
        assertEquals(0, HITS.top(0).size());
        assertThrows(IllegalArgumentException.class, () -> HITS.top(-1));
    }
}

package org.mgdspr.model.spelling;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EditDistanceTest {

    @Test
    void countsInsertionsDeletionsSubstitutionsAndAdjacentSwaps() {
        assertEquals(0, EditDistance.bounded("toilet", "toilet", 2));
        assertEquals(1, EditDistance.bounded("toliet", "toilet", 2), "one swap");
        assertEquals(1, EditDistance.bounded("celing", "ceiling", 2), "one insertion");
        assertEquals(1, EditDistance.bounded("ceiling", "celing", 2), "one deletion");
        assertEquals(1, EditDistance.bounded("vinal", "vinyl", 2), "one substitution");
        assertEquals(2, EditDistance.bounded("vynil", "vinyl", 2), "two substitutions, not a swap");
        assertEquals(3, EditDistance.bounded("", "abc", 5));
        assertEquals(3, EditDistance.bounded("kitten", "sitting", 5));
        assertEquals(3, EditDistance.bounded("ca", "abc", 5), "no substring is edited twice, unlike Damerau's distance (2)");
    }

    @Test
    void aDistanceAboveTheLimitIsReportedAsLimitPlusOne() {
        assertEquals(3, EditDistance.bounded("kitten", "sitting", 2));
        assertEquals(2, EditDistance.bounded("a", "abcdef", 1), "lengths alone exceed the limit");
        assertEquals(2, EditDistance.bounded("abcd", "wxyz", 1));
    }
}

package org.mgdspr.plugin.ingest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ItemTextTest {

    @Test
    void titlesAndIdsAboveTheRequestLimitsAreRefusedNamingTheLimit() {
        assertEquals("t".repeat(4096), new ItemText("p1", "t".repeat(4096)).title());
        IllegalArgumentException title = assertThrows(IllegalArgumentException.class,
            () -> new ItemText("p1", "t".repeat(10 * 1024 * 1024)));
        assertEquals("[title] is 10485760 characters long, above the limit of 4096", title.getMessage());
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
            () -> new ItemText("p".repeat(513), "lamp"));
        assertEquals("[item_id] is 513 characters long, above the limit of 512", id.getMessage());
    }
}

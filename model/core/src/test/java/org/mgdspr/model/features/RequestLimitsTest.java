package org.mgdspr.model.features;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestLimitsTest {

    private static final BehaviorItem ITEM = new BehaviorItem("i1", "s1", "l1", "c1", "b1");

    @Test
    void contextsWithinTheLimitsPassUnchanged() {
        UserContext atLimits = new UserContext(Collections.nCopies(RequestLimits.MAX_BEHAVIOR_ITEMS, ITEM),
            Collections.nCopies(RequestLimits.MAX_BEHAVIOR_ITEMS, ITEM),
            Map.of(LongTermList.BRAND_CLICK, Collections.nCopies(RequestLimits.MAX_LONG_TERM_IDS, "x".repeat(512))),
            Collections.nCopies(RequestLimits.MAX_QUERY_HISTORY, "q".repeat(RequestLimits.MAX_TEXT_CHARS)));
        assertSame(atLimits, RequestLimits.check(atLimits, "[user]"));
        assertEquals("t".repeat(4096), RequestLimits.text("t".repeat(4096), "[query]"));
    }

    @Test
    void everyFieldAboveItsLimitIsRefusedNamingTheLimit() {
        assertRefused(new UserContext(Collections.nCopies(100_000, ITEM), List.of(), Map.of(), List.of()),
            "[user].real_time has 100000 entries, above the limit of 1000");
        assertRefused(new UserContext(List.of(), Collections.nCopies(1001, ITEM), Map.of(), List.of()),
            "[user].short_term has 1001 entries, above the limit of 1000");
        assertRefused(new UserContext(List.of(), List.of(), Map.of(LongTermList.SHOP_BUY, Collections.nCopies(1001, "s")),
            List.of()), "[user].long_term.shop_buy has 1001 entries, above the limit of 1000");
        assertRefused(new UserContext(List.of(), List.of(), Map.of(), Collections.nCopies(200_000, "q")),
            "[user].query_history has 200000 entries, above the limit of 1000");
        assertRefused(new UserContext(List.of(), List.of(), Map.of(), List.of("q".repeat(4097))),
            "[user].query_history[0] is 4097 characters long, above the limit of 4096");
        assertRefused(new UserContext(List.of(new BehaviorItem("i", "s".repeat(513), "", "", "")), List.of(), Map.of(),
            List.of()), "[user].real_time[0].shop is 513 characters long, above the limit of 512");
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
            () -> RequestLimits.text("t".repeat(10 * 1024 * 1024), "[query]"));
        assertEquals("[query] is 10485760 characters long, above the limit of 4096", text.getMessage());
    }

    private static void assertRefused(UserContext context, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RequestLimits.check(context, "[user]"));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}

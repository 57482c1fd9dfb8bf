package org.mgdspr.model.data;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.LongTermList;
import org.mgdspr.model.features.UserContext;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContextWindowsTest {

    private static final long DAY = ContextWindows.SECONDS_PER_DAY;
    private static final Function<String, BehaviorItem> ITEMS =
        id -> new BehaviorItem(id, "shop-" + id, "leaf-" + id, "cat", id.startsWith("n") ? "" : "brand-" + id);

    private static BehaviorEvent click(long time, String item) {
        return new BehaviorEvent(time, BehaviorAction.CLICK, item);
    }

    @Test
    void splitsClicksIntoRealTimeShortTermAndLongTermStrictlyBeforeTheRequest() {
        long request = 40 * DAY + 5000;
        List<BehaviorEvent> events = List.of(
            click(5 * DAY, "tooOld"),
            click(12 * DAY, "long1"),
            new BehaviorEvent(13 * DAY, BehaviorAction.COLLECT, "fav"),
            click(29 * DAY + 10, "long2"),
            click(30 * DAY, "short1"),
            new BehaviorEvent(39 * DAY, BehaviorAction.BUY, "bought"),
            click(39 * DAY + 1, "short2"),
            click(40 * DAY + 10, "rt1"),
            click(40 * DAY + 20, "rt2"),
            click(request, "sameMoment"),
            click(request + 1, "future"));
        List<TimedQuery> queries = List.of(new TimedQuery(38 * DAY, "red shoes"), new TimedQuery(40 * DAY, "blue  sofa"),
            new TimedQuery(request, "now"));
        UserContext context = ContextWindows.PAPER.build(events, queries, request, ITEMS);
        assertEquals(List.of("rt2", "rt1"), context.realTime().stream().map(BehaviorItem::itemId).toList());
        assertEquals(List.of("short2", "short1"), context.shortTerm().stream().map(BehaviorItem::itemId).toList());
        assertEquals(List.of("long2", "long1"), context.longTerm().get(LongTermList.ITEM_CLICK));
        assertEquals(List.of("brand-long2", "brand-long1"), context.longTerm().get(LongTermList.BRAND_CLICK));
        assertEquals(List.of("bought"), context.longTerm().get(LongTermList.ITEM_BUY));
        assertEquals(List.of("shop-bought"), context.longTerm().get(LongTermList.SHOP_BUY));
        assertEquals(List.of("leaf-fav"), context.longTerm().get(LongTermList.LEAF_CATEGORY_COLLECT));
        assertEquals(List.of("blue", "sofa", "red", "shoes"), context.queryHistory());
    }

    @Test
    void listsAreCappedKeepingTheNewestAndEmptySideFieldsAreSkipped() {
        ContextWindows windows = new ContextWindows(10, 30, 2, 1, 1, 1, 1);
        List<BehaviorEvent> events = List.of(click(DAY, "nOld"), click(2 * DAY, "nNew"), click(20 * DAY, "s1"),
            click(20 * DAY + 1, "s2"), click(25 * DAY, "r1"), click(25 * DAY + 1, "r2"), click(25 * DAY + 2, "r3"));
        UserContext context = windows.build(events, List.of(new TimedQuery(1, "a b"), new TimedQuery(2, "c d")),
            25 * DAY + 100, ITEMS);
        assertEquals(List.of("r3", "r2"), context.realTime().stream().map(BehaviorItem::itemId).toList());
        assertEquals(List.of("s2"), context.shortTerm().stream().map(BehaviorItem::itemId).toList());
        assertEquals(List.of("nNew"), context.longTerm().get(LongTermList.ITEM_CLICK));
        assertTrue(context.longTerm().get(LongTermList.BRAND_CLICK).isEmpty(), "brandless item adds no brand id");
        assertEquals(List.of("c"), context.queryHistory());
    }

    @Test
    void invalidWindowsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new ContextWindows(10, 10, 1, 1, 1, 1, 1));
        assertTrue(e.getMessage().contains("longTermDays"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ContextWindows(10, 30, -1, 1, 1, 1, 1));
    }
}

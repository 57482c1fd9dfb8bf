package org.mgdspr.model.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.LongTermList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdSearchLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadsTheThreeRecordSample() {
        Path meta = SharedData.require("jdsearch_sample/product_meta_data_sample.txt");
        Path behavior = SharedData.require("jdsearch_sample/user_behavior_data_sample.txt");
        Dataset dataset = new JdSearchLoader().load(meta, behavior);
        assertEquals(409, dataset.catalog().size());
        Product first = dataset.catalog().get("9227588");
        assertEquals("81333812", first.brand());
        assertEquals("63959387", first.category());
        assertEquals("26397670", first.leafCategory());
        assertEquals("76923113", first.shop());
        assertTrue(first.title().startsWith("64817571 60257419 "), first.title());
        assertFalse(first.title().contains("\u0018"));

        assertEquals(3, dataset.test().size());
        SearchRequest one = dataset.test().get(0);
        assertEquals("63995226 60257419 61002446 25575117", one.query());
        assertEquals("36098226", one.clicked().get(0), "the first candidate has label 1.0");
        assertEquals(90, one.impressions().size());
        assertTrue(one.hasUser());

        // user 3: two clicks at t=0 and t=27 s, search at t=49,687 s: same day, so both are real-time, newest first
        SearchRequest three = dataset.test().get(2);
        assertEquals(0, three.day());
        List<String> realTime = three.context().realTime().stream().map(BehaviorItem::itemId).toList();
        assertEquals(2, realTime.size());
        assertTrue(three.context().shortTerm().isEmpty());

        // user 1 spans ~350 days: the monthly window keeps only recent behaviour, buys/carts land in long-term lists
        SearchRequest user1 = dataset.test().get(0);
        assertTrue(user1.day() > 300, "day " + user1.day());
        int longTermIds = LongTermListSizes.total(user1);
        assertTrue(longTermIds > 0 && longTermIds < 182 * 4, "long-term ids " + longTermIds);
        assertFalse(dataset.train().isEmpty(), "history events with queries become training requests");
        for (SearchRequest request : dataset.train()) {
            assertFalse(request.clicked().isEmpty());
            assertTrue(request.day() <= dataset.test().stream()
                .filter(t -> t.userId().equals(request.userId())).findFirst().orElseThrow().day());
        }
    }

    @Test
    void unknownHistoryTypeNamesFileAndLine() throws Exception {
        Path meta = dir.resolve("meta.txt");
        Files.writeString(meta, "wid\tname\tbrand_id\tbrand_name\tcate_id_1\tcate_name_1\tcate_id_2\tcate_name_2\t"
            + "cate_id_3\tcate_name_3\tcate_id_4\tcate_name_4\tshop_id\n1\t5\u00186\t7\t8\t9\t10\t11\t12\t13\t14\t\t\t15\n");
        Path behavior = dir.resolve("behavior.txt");
        Files.writeString(behavior, "query\tcandidate_wid_list\tcandidate_label_list\thistory_qry_list\t"
            + "history_wid_list\thistory_type_list\thistory_time_list\n"
            + "5\u00186\t1\t1.0\t5\t1\tCLICK\t0_10\n"
            + "5\t1\t0.0\t-1\t1\tVIEW\t0_10\n");
        Catalog catalog = JdSearchLoader.readCatalog(meta);
        assertEquals("13", catalog.get("1").leafCategory(), "empty cate_id_4 falls back to cate_id_3");
        DataFileException e = assertThrows(DataFileException.class, () -> new JdSearchLoader().load(meta, behavior));
        assertTrue(e.getMessage().startsWith(behavior + ":3:"), e.getMessage());
        assertTrue(e.getMessage().contains("VIEW"), e.getMessage());
    }

    /** Sums the 12 long-term lists of a request. */
    private static final class LongTermListSizes {
        static int total(SearchRequest request) {
            int total = 0;
            for (LongTermList list : LongTermList.values()) {
                total += request.context().longTerm().get(list).size();
            }
            return total;
        }
    }
}

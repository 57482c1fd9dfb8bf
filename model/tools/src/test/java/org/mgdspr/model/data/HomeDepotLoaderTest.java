package org.mgdspr.model.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HomeDepotLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void groupsJudgmentsByNormalisedQueryWithPositivesAndGradedLabels() throws Exception {
        Path products = write("products.csv", "product_uid,product_title\n1,\"Drill, cordless\"\n2,Hammer\n3,Saw\n");
        Path judgments = write("judgments.csv", "id,product_uid,product_title,search_term,relevance\n"
            + "10,1,\"Drill, cordless\",Cordless  Drill,3\n11,2,Hammer,cordless drill,2.33\n"
            + "12,3,Saw,cordless drill ,2\n13,2,Hammer,hammer,1\n");
        Dataset dataset = new HomeDepotLoader(0.5, "").load(judgments, products);
        assertEquals(3, dataset.catalog().size());
        assertEquals("Drill, cordless", dataset.catalog().get("1").title());
        List<SearchRequest> all = new java.util.ArrayList<>(dataset.train());
        all.addAll(dataset.test());
        assertEquals(2, all.size());
        SearchRequest drill = all.stream().filter(r -> r.requestId().equals("hd-10")).findFirst().orElseThrow();
        assertEquals("Cordless  Drill", drill.query());
        assertEquals(List.of("1", "2"), drill.clicked());
        assertEquals(List.of("1", "2", "3"), drill.impressions());
        assertFalse(drill.hasUser());
        assertTrue(drill.context().isEmpty());
        assertEquals(2.0, dataset.labels().grade("CORDLESS DRILL", "3"));
        assertTrue(Double.isNaN(dataset.labels().grade("cordless drill", "99")));
        assertTrue(dataset.labels().isGood("cordless drill", "2"));
        assertFalse(dataset.labels().isGood("cordless drill", "3"));
    }

    @Test
    void badRelevanceNamesFileAndLine() throws Exception {
        Path products = write("products.csv", "product_uid,product_title\n1,Drill\n");
        Path judgments = write("judgments.csv", "id,product_uid,product_title,search_term,relevance\n"
            + "10,1,\"multi\nline title\",drill,3\n11,1,Drill,drill,high\n");
        DataFileException e = assertThrows(DataFileException.class, () -> new HomeDepotLoader().load(judgments, products));
        assertTrue(e.getMessage().startsWith(judgments + ":4:"), e.getMessage());
        assertTrue(e.getMessage().contains("high"), e.getMessage());
    }

    @Test
    void readsQuotedFieldsEscapedQuotesEmbeddedNewlinesCrlfAndALastLineWithoutNewline() throws Exception {
        Path products = write("products.csv", "product_uid,product_title\r\n1,\"x, y\"\r\n2,\"say \"\"hi\"\"\"\n\n"
            + "3,\"two\nlines\"\n4,\"last\"");
        Catalog catalog = HomeDepotLoader.readCatalog(products);
        assertEquals(4, catalog.size());
        assertEquals("x, y", catalog.get("1").title());
        assertEquals("say \"hi\"", catalog.get("2").title());
        assertEquals("two\nlines", catalog.get("3").title());
        assertEquals("last", catalog.get("4").title());
    }

    @Test
    void malformedCsvNamesFileAndTheLineWhereTheRecordStarts() throws Exception {
        Path unterminated = write("open.csv", "product_uid,product_title\n1,ok\n2,\"open,\nmore");
        DataFileException open = assertThrows(DataFileException.class, () -> HomeDepotLoader.readCatalog(unterminated));
        assertEquals(unterminated, open.file());
        assertEquals(3, open.line());
        assertTrue(open.getMessage().startsWith(unterminated + ":3: malformed CSV: "), open.getMessage());
        Path garbage = write("garbage.csv", "product_uid,product_title\n\"1\"b,c\n");
        DataFileException afterQuote = assertThrows(DataFileException.class, () -> HomeDepotLoader.readCatalog(garbage));
        assertTrue(afterQuote.getMessage().startsWith(garbage + ":2: malformed CSV: "), afterQuote.getMessage());
        Path fields = write("fields.csv", "product_uid,product_title\n1,a\n2,b,c\n");
        DataFileException count = assertThrows(DataFileException.class, () -> HomeDepotLoader.readCatalog(fields));
        assertEquals(fields + ":3: expected 2 fields but found 3", count.getMessage());
    }

    @Test
    void splitIsDeterministicByQueryAndNearTheRequestedFraction() {
        HomeDepotLoader loader = new HomeDepotLoader(0.2, "");
        int test = 0;
        for (int i = 0; i < 20_000; i++) {
            String query = "query " + i;
            assertEquals(loader.isTestQuery(query), loader.isTestQuery("  QUERY   " + i + " "));
            if (loader.isTestQuery(query)) {
                test++;
            }
        }
        assertTrue(test > 3700 && test < 4300, "test queries: " + test);
        assertFalse(new HomeDepotLoader(0, "").isTestQuery("anything"));
        assertTrue(new HomeDepotLoader(1, "").isTestQuery("anything"));
        assertThrows(IllegalArgumentException.class, () -> new HomeDepotLoader(1.5, ""));
    }

    @Test
    void devtestSplitIsMd5OfTheLowerCasedQueryModuloFive() {
        HomeDepotLoader loader = HomeDepotLoader.devtestMd5Split();
        // int(md5("devtest:" + q).hexdigest(), 16) % 5, computed with Python's hashlib: 0 for the first, 2, 4 after
        assertTrue(loader.isTestQuery("lawn sprinkler"));
        assertTrue(loader.isTestQuery("Lawn Sprinkler"), "the query is lower-cased first");
        assertFalse(loader.isTestQuery("deck over"));
        assertFalse(loader.isTestQuery("paint"));
    }

    @Test
    void loadsTheRealHomeDepotData() {
        Path judgments = SharedData.require("homedepot/judgments.csv.gz");
        Path products = SharedData.require("homedepot/products.csv.gz");
        Dataset dataset = new HomeDepotLoader().load(judgments, products);
        assertEquals(54_667, dataset.catalog().size());
        int requests = dataset.train().size() + dataset.test().size();
        assertTrue(requests > 10_000 && requests <= 10_570, "distinct normalised queries: " + requests);
        double testShare = dataset.test().size() / (double) requests;
        assertTrue(testShare > 0.18 && testShare < 0.22, "test share " + testShare);
        Set<String> trainQueries = new HashSet<>();
        for (SearchRequest request : dataset.train()) {
            trainQueries.add(Queries.normalize(request.query()));
        }
        int judgedPairs = 0;
        int positives = 0;
        for (SearchRequest request : dataset.test()) {
            assertFalse(trainQueries.contains(Queries.normalize(request.query())), request.query());
        }
        for (List<SearchRequest> side : List.of(dataset.train(), dataset.test())) {
            for (SearchRequest request : side) {
                Map<String, Double> judged = dataset.labels().judged(request.query());
                judgedPairs += judged.size();
                for (Map.Entry<String, Double> grade : judged.entrySet()) {
                    assertEquals(HomeDepotLoader.isPositive(grade.getValue()), request.clicked().contains(grade.getKey()));
                    assertTrue(dataset.catalog().indexOf(grade.getKey()) >= 0, "judged item missing from catalog");
                }
                positives += request.clicked().size();
            }
        }
        assertTrue(judgedPairs > 65_000 && judgedPairs <= 66_255, "judged pairs " + judgedPairs);
        assertEquals(judgedPairs, ((JudgedRelevance) dataset.labels()).pairCount());
        // README counts: 17,113 (3) + 13,557 (2.67) + 14,354 (2.33) plus a few rare grades above 2.33
        assertTrue(positives >= 44_900 && positives <= 45_100, "positives " + positives);
        System.out.printf("home depot: %d train / %d test queries, %d judged pairs, %d positives%n",
            dataset.train().size(), dataset.test().size(), judgedPairs, positives);
    }
}

package org.mgdspr.model.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.LongTermList;
import org.mgdspr.model.features.UserContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLinesFormatTest {

    @TempDir
    Path dir;

    private static Dataset sample() {
        Catalog catalog = new Catalog(List.of(new Product("i1", "Red Shoe", "s1", "sneakers", "shoes", "acme"),
            Product.ofTitle("i2", "Blue \"Sofa\"\nXL")));
        UserContext context = new UserContext(List.of(new BehaviorItem("i2", "", "", "", "")),
            List.of(new BehaviorItem("i1", "s1", "sneakers", "shoes", "acme")),
            Map.of(LongTermList.BRAND_COLLECT, List.of("acme"), LongTermList.ITEM_BUY, List.of("i9", "i8")),
            List.of("red", "shoes"));
        SearchRequest train = new SearchRequest("r1", 3, "u1", "red shoes", context, List.of("i1"), List.of("i1"),
            List.of("i1", "i2"));
        SearchRequest test = new SearchRequest("r2", 29, "", "红色 鞋", UserContext.EMPTY, List.of(), List.of(), List.of());
        JudgedRelevance labels = new JudgedRelevance(Map.of("red shoes", Map.of("i1", 2.0, "i2", 0.0)), 2.0);
        return new Dataset(catalog, List.of(train), List.of(test), labels);
    }

    @Test
    void datasetRoundTripsThroughPlainAndGzippedFiles() throws Exception {
        Dataset original = sample();
        JsonLinesFormat.writeDataset(dir, original);
        Dataset read = JsonLinesFormat.readDataset(dir, 2.0);
        assertEquals(original.catalog().products(), read.catalog().products());
        assertEquals(original.train(), read.train());
        assertEquals(original.test(), read.test());
        assertEquals(2.0, read.labels().grade("Red Shoes", "i1"));
        assertEquals(0.0, read.labels().grade("red shoes", "i2"));

        Path gz = dir.resolve("gz");
        Files.createDirectories(gz);
        JsonLinesFormat.writeProducts(gz.resolve("products.jsonl.gz"), original.catalog().products());
        JsonLinesFormat.writeRequests(gz.resolve("train.jsonl.gz"), original.train());
        JsonLinesFormat.writeRequests(gz.resolve("test.jsonl.gz"), original.test());
        Dataset fromGz = JsonLinesFormat.readDataset(gz, 2.0);
        assertEquals(original.train(), fromGz.train());
        assertEquals(RelevanceLabels.NONE, fromGz.labels());
    }

    @Test
    void badLinesNameFileLineAndField() throws Exception {
        Path requests = dir.resolve("requests.jsonl");
        Files.writeString(requests, "{\"request_id\":\"a\",\"query\":\"q\"}\n\n"
            + "{\"request_id\":\"b\",\"query\":\"q\",\"user\":{\"long_term\":{\"item_like\":[\"x\"]}}}\n");
        DataFileException e = assertThrows(DataFileException.class, () -> JsonLinesFormat.readRequests(requests));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("requests.jsonl:3:") && e.getMessage().contains("user.long_term.item_like"),
            e.getMessage());

        Files.writeString(requests, "{\"request_id\":\"a\",\"query\":\"q\",\"click\":[\"i1\"]}\n");
        e = assertThrows(DataFileException.class, () -> JsonLinesFormat.readRequests(requests));
        assertTrue(e.getMessage().contains(":1:") && e.getMessage().contains("[click]"), e.getMessage());

        Files.writeString(requests, "{\"request_id\":\"a\",\"query\":\"q\",\"user\":{\"real_time\":[{\"shop\":\"s\"}]}}\n");
        e = assertThrows(DataFileException.class, () -> JsonLinesFormat.readRequests(requests));
        assertTrue(e.getMessage().contains("user.real_time[0].item_id"), e.getMessage());

        Files.writeString(requests, "{\"request_id\":\"a\",\"query\":\"q\",\"day\":2.5}\n");
        e = assertThrows(DataFileException.class, () -> JsonLinesFormat.readRequests(requests));
        assertTrue(e.getMessage().contains("day must be an integer but was 2.5"), e.getMessage());

        Path products = dir.resolve("products.jsonl");
        Files.writeString(products, "{\"item_id\":\"i1\"}\n{\"item_id\":\"i1\",\"title\":\"again\"}\n");
        e = assertThrows(DataFileException.class, () -> JsonLinesFormat.readProducts(products));
        assertTrue(e.getMessage().contains("products.jsonl:2:") && e.getMessage().contains("line 1"), e.getMessage());

        Files.writeString(products, "{\"item_id\":\"i1\"\n");
        e = assertThrows(DataFileException.class, () -> JsonLinesFormat.readProducts(products));
        assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
    }

    @Test
    void numericIdsAreAcceptedAsStrings() throws Exception {
        Path products = dir.resolve("products.jsonl");
        Files.writeString(products, "{\"item_id\":12345,\"title\":\"x\",\"brand\":7}\n");
        Product product = JsonLinesFormat.readProducts(products).get("12345");
        assertEquals("7", product.brand());
    }
}

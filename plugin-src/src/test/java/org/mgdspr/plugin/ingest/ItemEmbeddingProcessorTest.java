package org.mgdspr.plugin.ingest;

import org.junit.jupiter.api.Test;
import org.opensearch.OpenSearchParseException;
import org.opensearch.core.action.ActionListener;
import org.opensearch.ingest.IngestDocument;
import org.opensearch.ingest.IngestDocumentWrapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemEmbeddingProcessorTest {

    /** Embeds an item as [title length, id length]; remembers every call. */
    private static final class RecordingService implements ItemEmbeddingService {
        final List<List<ItemText>> calls = new ArrayList<>();
        Exception failure;

        @Override
        public void embedItems(String modelId, List<ItemText> items, ActionListener<float[][]> listener) {
            calls.add(List.copyOf(items));
            if (failure != null) {
                listener.onFailure(failure);
                return;
            }
            float[][] vectors = new float[items.size()][];
            for (int i = 0; i < items.size(); i++) {
                vectors[i] = new float[] {items.get(i).title().length(), items.get(i).itemId().length()};
            }
            listener.onResponse(vectors);
        }
    }

    private static ItemEmbeddingProcessor processor(ItemEmbeddingService service, boolean ignoreMissing) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("model_id", "shop-v1");
        config.put("target_field", "vec");
        config.put("fields", new HashMap<>(Map.of("item_id", "sku", "title", "name")));
        config.put("batch_size", 16);
        config.put("ignore_missing", ignoreMissing);
        ItemEmbeddingProcessor processor = new ItemEmbeddingProcessorFactory(service)
            .create(Map.of(), "tag", null, config);
        assertTrue(config.isEmpty(), "every option is consumed: " + config);
        return processor;
    }

    private static IngestDocumentWrapper doc(int slot, Map<String, Object> source) {
        return new IngestDocumentWrapper(slot, 0, new IngestDocument("products", "d" + slot, null, null, null,
            new HashMap<>(source)), null);
    }

    private static List<IngestDocumentWrapper> run(ItemEmbeddingProcessor processor, List<IngestDocumentWrapper> docs) {
        AtomicReference<List<IngestDocumentWrapper>> result = new AtomicReference<>();
        processor.batchExecute(docs, result::set);
        return result.get();
    }

    @Test
    void embedsTheGoodDocumentsOfABatchInOneCallAndFailsTheBadOnesAlone() throws Exception {
        RecordingService service = new RecordingService();
        List<IngestDocumentWrapper> docs = List.of(
            doc(0, Map.of("sku", "a1", "name", "red shoe")),
            doc(1, Map.of("sku", "a2")),
            doc(2, Map.of("sku", 42, "name", "sofa")),
            doc(3, Map.of("sku", "a4", "name", List.of("not", "a", "string"))),
            doc(4, Map.of("sku", "a5", "name", "")));
        List<IngestDocumentWrapper> out = run(processor(service, false), docs);

        assertEquals(1, service.calls.size());
        assertEquals(List.of(new ItemText("a1", "red shoe"), new ItemText("42", "sofa"), new ItemText("a5", "")),
            service.calls.get(0));
        assertEquals(List.of(8.0f, 2.0f), out.get(0).getIngestDocument().getFieldValue("vec", List.class));
        assertEquals(List.of(4.0f, 2.0f), out.get(2).getIngestDocument().getFieldValue("vec", List.class));
        assertNull(out.get(0).getException());
        assertTrue(out.get(1).getException().getMessage().contains("field [name] is missing"));
        assertTrue(out.get(3).getException().getMessage().contains("field [name] must be a string"));
        assertNull(out.get(4).getException());
    }

    @Test
    void aBulkIsCutIntoBatchesOfBatchSizeWhichDefaultsTo128() throws Exception {
        RecordingService service = new RecordingService();
        List<IngestDocumentWrapper> docs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            docs.add(doc(i, Map.of("sku", "s" + i, "name", "item " + i)));
        }
        List<IngestDocumentWrapper> out = run(processor(service, false), docs);
        assertEquals(List.of(16, 16, 8), service.calls.stream().map(List::size).toList());
        assertEquals(40, out.stream().filter(wrapper -> wrapper.getIngestDocument().hasField("vec")).count());

        RecordingService defaults = new RecordingService();
        Map<String, Object> config = new HashMap<>(Map.of("model_id", "shop-v1", "target_field", "vec",
            "fields", new HashMap<>(Map.of("item_id", "sku", "title", "name"))));
        ItemEmbeddingProcessor processor = new ItemEmbeddingProcessorFactory(defaults).create(Map.of(), "tag", null, config);
        List<IngestDocumentWrapper> bulk = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            bulk.add(doc(i, Map.of("sku", "d" + i, "name", "item " + i)));
        }
        run(processor, bulk);
        assertEquals(List.of(128, 128, 44), defaults.calls.stream().map(List::size).toList());
    }

    @Test
    void ignoreMissingPassesIncompleteDocumentsThroughUntouched() throws Exception {
        RecordingService service = new RecordingService();
        List<IngestDocumentWrapper> out = run(processor(service, true), List.of(doc(0, Map.of("name", "lamp"))));
        assertNull(out.get(0).getException());
        assertFalse(out.get(0).getIngestDocument().hasField("vec"));
        assertTrue(service.calls.isEmpty());
    }

    @Test
    void aModelFailureFailsExactlyTheDocumentsSentToIt() throws Exception {
        RecordingService service = new RecordingService();
        service.failure = new IllegalStateException("model [shop-v1] is not registered");
        List<IngestDocumentWrapper> out = run(processor(service, false),
            List.of(doc(0, Map.of("sku", "a", "name", "x")), doc(1, Map.of("name", "y"))));
        assertSame(service.failure, out.get(0).getException());
        assertTrue(out.get(1).getException().getMessage().contains("[sku] is missing"));
    }

    @Test
    void aWrongNumberOfVectorsIsAnError() throws Exception {
        ItemEmbeddingService broken = (modelId, items, listener) -> listener.onResponse(new float[0][]);
        List<IngestDocumentWrapper> out = run(processor(broken, false), List.of(doc(0, Map.of("sku", "a", "name", "x"))));
        assertTrue(out.get(0).getException().getMessage().contains("returned 0 vectors for 1 items"));
    }

    @Test
    void singleDocumentsGoThroughTheSamePath() throws Exception {
        ItemEmbeddingProcessor processor = processor(new RecordingService(), false);
        IngestDocument document = new IngestDocument("products", "1", null, null, null,
            new HashMap<>(Map.of("sku", "b7", "name", "desk")));
        AtomicReference<IngestDocument> result = new AtomicReference<>();
        AtomicReference<Exception> error = new AtomicReference<>();
        processor.execute(document, (doc, e) -> {
            result.set(doc);
            error.set(e);
        });
        assertNull(error.get());
        assertEquals(List.of(4.0f, 2.0f), result.get().getFieldValue("vec", List.class));
        assertThrows(UnsupportedOperationException.class, () -> processor.execute(document));
    }

    @Test
    void badPipelineDefinitionsNameTheOption() {
        ItemEmbeddingProcessorFactory factory = new ItemEmbeddingProcessorFactory(new RecordingService());
        assertOptionError(factory, Map.of("target_field", "v", "fields", Map.of("item_id", "a", "title", "b")), "model_id");
        assertOptionError(factory, Map.of("model_id", "Bad Id", "target_field", "v",
            "fields", Map.of("item_id", "a", "title", "b")), "model_id");
        assertOptionError(factory, Map.of("model_id", "m", "target_field", "v",
            "fields", Map.of("item_id", "a", "title", "b", "brand", "c")), "fields");
        assertOptionError(factory, Map.of("model_id", "m", "target_field", "v", "fields", Map.of("item_id", "a")), "title");
        assertOptionError(factory, Map.of("model_id", "m", "target_field", "b",
            "fields", Map.of("item_id", "a", "title", "b")), "target_field");
        for (Object batchSize : List.of(0, 1025, "many")) {
            assertOptionError(factory, Map.of("model_id", "m", "target_field", "v",
                "fields", Map.of("item_id", "a", "title", "b"), "batch_size", batchSize), "batch_size");
        }
    }

    private static void assertOptionError(ItemEmbeddingProcessorFactory factory, Map<String, Object> config, String option) {
        Map<String, Object> mutable = new HashMap<>();
        config.forEach((key, value) -> mutable.put(key, value instanceof Map<?, ?> map ? new HashMap<>(map) : value));
        OpenSearchParseException e = assertThrows(OpenSearchParseException.class,
            () -> factory.create(Map.of(), "tag", null, mutable));
        assertTrue(e.getMessage().contains(option) || String.valueOf(e.getMetadata("opensearch.property_name")).contains(option),
            e.getMessage());
    }
}

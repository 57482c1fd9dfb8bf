package org.mgdspr.plugin.ingest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PipelineModelCheckTest {

    @Test
    void findsModelsInProcessorsAndNestedFailureHandlers() {
        Map<String, Object> pipeline = Map.of(
            "processors", List.of(
                Map.of("mgdspr_item_embedding", Map.of("model_id", "a")),
                Map.of("set", Map.of("field", "x", "on_failure",
                    List.of(Map.of("mgdspr_item_embedding", Map.of("model_id", "b")))))),
            "on_failure", List.of(Map.of("mgdspr_item_embedding", Map.of("model_id", "a"))));
        assertEquals(List.of("a", "b"), PipelineModelCheck.referencedModels(pipeline));
    }

    @Test
    void ignoresPipelinesWithoutItAndMalformedEntries() {
        assertEquals(List.of(), PipelineModelCheck.referencedModels(Map.of("processors", List.of(Map.of("set", Map.of())))));
        assertEquals(List.of(), PipelineModelCheck.referencedModels(Map.of("processors", "not a list")));
        assertEquals(List.of(), PipelineModelCheck.referencedModels(
            Map.of("processors", List.of(Map.of("mgdspr_item_embedding", Map.of("model_id", 7))))));
    }
}

package org.mgdspr.plugin.registry;

import org.junit.jupiter.api.Test;
import org.opensearch.common.io.stream.BytesStreamOutput;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelRecordTest {

    private static final ModelRecord READY = ModelRecord.uploading("shop-v1", 3, 42)
        .ready("a".repeat(64), 1234, 64, "{\"x\":1}", "{\"method\":\"rrf\"}", 0.15);

    @Test
    void survivesTheIndexAndTheWire() throws IOException {
        assertEquals(READY, ModelRecord.fromSource(READY.toSource()));
        ModelRecord uploading = ModelRecord.uploading("shop-v2", 1, 7);
        assertEquals(uploading, ModelRecord.fromSource(uploading.toSource()));
        BytesStreamOutput out = new BytesStreamOutput();
        READY.writeTo(out);
        assertEquals(READY, ModelRecord.readFrom(out.bytes().streamInput()));
        ModelRecord withoutFits = ModelRecord.uploading("shop-v3", 1, 7).ready("b".repeat(64), 1, 8, "{}", null, null);
        assertEquals(withoutFits, ModelRecord.fromSource(withoutFits.toSource()));
        ModelRecord noBoostHelped = ModelRecord.uploading("shop-v4", 1, 7).ready("c".repeat(64), 1, 8, "{}", null, 0.0);
        assertEquals(noBoostHelped, ModelRecord.fromSource(noBoostHelped.toSource()));
    }

    @Test
    void invariantsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ModelRecord.uploading("Bad Id", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> ModelRecord.uploading("ok", 0, 0));
        assertThrows(IllegalArgumentException.class,
            () -> new ModelRecord("ok", ModelState.READY, null, 1, 1, 8, "{}", null, null, 0));
        assertThrows(IllegalArgumentException.class,
            () -> ModelRecord.uploading("ok", 1, 0).ready("a".repeat(64), 1, 8, "{}", null, -0.5));
        assertThrows(IllegalArgumentException.class, () -> ModelIds.validate("a#1"));
        assertThrows(IllegalArgumentException.class, () -> ModelIds.validate("x".repeat(129)));
        assertEquals("a.b_c-1", ModelIds.validate("a.b_c-1"));
    }

    @Test
    void malformedDocumentsAreRefusedNamingTheField() {
        assertMalformed(Map.of("model_id", "m"), "[state] must be a string but was [null]");
        assertMalformed(Map.of("model_id", "m", "state", "bogus"), "[state] must be one of [uploading, ready] but was [bogus]");
        assertMalformed(Map.of("state", "uploading"), "[model_id] must be a string but was [null]");
        assertMalformed(Map.of("model_id", "m", "state", "uploading", "chunk_count", "3"),
            "[chunk_count] must be an integer but was [3]");
        assertMalformed(Map.of("model_id", "m", "state", "uploading", "chunk_count", 5_000_000_000L),
            "[chunk_count] is out of range");
        Map<String, Object> badConfig = new HashMap<>(READY.toSource());
        badConfig.put("config", "not json");
        assertMalformed(badConfig, "[config] must hold a JSON object");
        Map<String, Object> noChecksum = new HashMap<>(READY.toSource());
        noChecksum.remove("sha256");
        assertMalformed(noChecksum, "a ready model needs its checksum");
        Map<String, Object> textWeight = new HashMap<>(READY.toSource());
        textWeight.put("fitted_brand_boost_weight", "0.2");
        assertMalformed(textWeight, "[fitted_brand_boost_weight] must be a number but was [0.2]");
        Map<String, Object> negativeWeight = new HashMap<>(READY.toSource());
        negativeWeight.put("fitted_brand_boost_weight", -1.0);
        assertMalformed(negativeWeight, "[fitted_brand_boost_weight] must be a finite number >= 0 but was [-1.0]");
    }

    private static void assertMalformed(Map<String, Object> source, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelRecord.fromSource(source));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}

package org.mgdspr.model.teacher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled teacher loads from the Maven jar on the classpath with no network (the build runs DJL offline), gives
 * unit vectors of its documented width, and puts related product texts closer than unrelated ones.
 */
class OnnxSentenceEncoderTest {

    private static OnnxSentenceEncoder encoder;

    @BeforeAll
    static void load() throws IOException {
        encoder = new OnnxSentenceEncoder(TeacherSource.resolve(TeacherSource.ALL_MINILM_L6_V2), 1);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void bundledMiniLmGivesUnitVectorsOf384Floats() {
        assertEquals(384, encoder.dim());
        assertTrue(encoder.fingerprint().startsWith(TeacherSource.ALL_MINILM_L6_V2 + "-"), encoder.fingerprint());
        for (float[] vector : encoder.embed(List.of("cordless drill", "a", "18 volt lithium ion battery pack"))) {
            assertEquals(384, vector.length);
            assertEquals(1.0, norm(vector), 1e-5);
        }
    }

    @Test
    void relatedTextsAreCloserThanUnrelatedOnes() {
        float[][] v = encoder.embed(List.of("cordless power drill", "battery powered drill driver kit",
            "white bathroom vanity with sink"));
        assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]) + 0.2,
            "drill-drill " + dot(v[0], v[1]) + " vs drill-vanity " + dot(v[0], v[2]));
    }

    @Test
    void aTextGetsTheSameVectorAloneAndInAPaddedBatch() {
        float[] alone = encoder.embed(List.of("garden hose"))[0];
        float[][] batch = encoder.embed(List.of("a much longer title of a stainless steel kitchen faucet with sprayer",
            "garden hose"));
        assertArrayEquals(alone, batch[1], 1e-5f);
    }

    @Test
    void aDirectoryWithoutOnnxFileIsRefusedByName(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> TeacherSource.resolve(dir.toString()));
        assertTrue(e.getMessage().contains("exactly one .onnx file"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TeacherSource.resolve("no-such-teacher"));
        assertTrue(e.getMessage().contains("neither a bundled teacher"), e.getMessage());
    }

    static double norm(float[] vector) {
        return Math.sqrt(dot(vector, vector));
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}

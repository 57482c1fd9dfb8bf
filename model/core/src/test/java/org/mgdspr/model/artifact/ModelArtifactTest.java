package org.mgdspr.model.artifact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelArtifactTest {

    @TempDir
    Path dir;

    private static ModelArtifact sample() {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        contents.put("config.json", "{\"dim\":4}".getBytes(StandardCharsets.UTF_8));
        byte[] params = new byte[10_000];
        for (int i = 0; i < params.length; i++) {
            params[i] = (byte) (i * 31);
        }
        contents.put("item_tower.params", params);
        return ModelArtifact.of(contents);
    }

    @Test
    void roundTripsThroughAFileWithTheSameChecksum() throws IOException {
        ModelArtifact original = sample();
        Path zip = dir.resolve("model.zip");
        original.write(zip);
        ModelArtifact read = ModelArtifact.read(zip);
        assertEquals(original.checksum(), read.checksum());
        assertEquals(original.manifest(), read.manifest());
        assertArrayEquals(original.entry("item_tower.params"), read.entry("item_tower.params"));
        assertEquals("{\"dim\":4}", read.entryAsString("config.json"));
    }

    @Test
    void sameContentGivesByteIdenticalZips() {
        assertArrayEquals(sample().toBytes(), sample().toBytes());
    }

    @Test
    void aTamperedEntryFailsItsChecksum() throws IOException {
        ModelArtifact original = sample();
        byte[] params = original.entry("item_tower.params");
        params[5000] ^= 0x01;
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("manifest.json", original.manifest().toJson().getBytes(StandardCharsets.UTF_8));
        entries.put("config.json", original.entry("config.json"));
        entries.put("item_tower.params", params);
        InvalidArtifactException e = assertThrows(InvalidArtifactException.class,
            () -> ModelArtifact.read(zipBytes(entries)));
        assertTrue(e.getMessage().contains("item_tower.params") && e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void aCorruptedCompressedByteIsRejected() {
        byte[] zip = sample().toBytes();
        int middle = zip.length / 2;
        for (int i = middle; i < middle + 16; i++) {
            zip[i] ^= (byte) 0x5a;
        }
        assertThrows(InvalidArtifactException.class, () -> ModelArtifact.read(zip));
    }

    @Test
    void aTruncatedZipIsRejected() {
        byte[] zip = sample().toBytes();
        byte[] truncated = Arrays.copyOf(zip, zip.length / 2);
        assertThrows(InvalidArtifactException.class, () -> ModelArtifact.read(truncated));
    }

    @Test
    void garbageIsRejected() {
        assertThrows(InvalidArtifactException.class,
            () -> ModelArtifact.read("not a zip at all".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void missingExtraAndIncompatibleContentsAreRejectedWithTheReason() throws IOException {
        String manifest = sample().manifest().toJson();
        InvalidArtifactException missing = assertThrows(InvalidArtifactException.class,
            () -> ModelArtifact.read(zip(Map.of("manifest.json", manifest, "config.json", "{\"dim\":4}"))));
        assertTrue(missing.getMessage().contains("item_tower.params"), missing.getMessage());

        ModelArtifact small = ModelArtifact.of(Map.of("a", new byte[] {1}));
        InvalidArtifactException extra = assertThrows(InvalidArtifactException.class,
            () -> ModelArtifact.read(zip(Map.of("manifest.json", small.manifest().toJson(), "a", "\u0001", "b", "x"))));
        assertTrue(extra.getMessage().contains("[b]"), extra.getMessage());

        String future = small.manifest().toJson().replace("\"format_version\": 1", "\"format_version\": 99");
        InvalidArtifactException version = assertThrows(InvalidArtifactException.class,
            () -> ModelArtifact.read(zip(Map.of("manifest.json", future, "a", "\u0001"))));
        assertTrue(version.getMessage().contains("99"), version.getMessage());

        InvalidArtifactException noManifest = assertThrows(InvalidArtifactException.class,
            () -> ModelArtifact.read(zip(Map.of("a", "x"))));
        assertTrue(noManifest.getMessage().contains("manifest.json"), noManifest.getMessage());
    }

    @Test
    void unsafeEntryNamesAndUnknownEntriesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ModelArtifact.of(Map.of("../evil", new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> ModelArtifact.of(Map.of("manifest.json", new byte[0])));
        assertThrows(InvalidArtifactException.class, () -> sample().entry("nope"));
    }

    @Test
    void entryNamesThatEscapeTheArtifactAreRejectedOnRead() throws IOException {
        byte[] data = {1, 2, 3};
        String manifest = "{\"format_version\": 1, \"entries\": {\"user/../../evil\": {\"size\": 3, \"sha256\": \""
            + ModelArtifact.sha256(data) + "\"}}}";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
        entries.put("user/../../evil", data);
        InvalidArtifactException e = assertThrows(InvalidArtifactException.class,
            () -> ModelArtifact.read(zipBytes(entries)));
        assertTrue(e.getMessage().contains("user/../../evil"), e.getMessage());
    }

    @Test
    void aZipThatInflatesFarBeyondItsSizeIsRefused() throws IOException {
        byte[] zeros = new byte[50 << 20];
        byte[] bomb = zipBytes(Map.of("manifest.json", new byte[0], "zeros", zeros));
        InvalidArtifactException e = assertThrows(InvalidArtifactException.class, () -> ModelArtifact.read(bomb));
        assertTrue(e.getMessage().contains("decompresses to more than"), e.getMessage());
    }

    @Test
    void aManifestWithABadEntryIsAnInvalidArtifact() throws IOException {
        String manifest = "{\"format_version\": 1, \"entries\": {\"a\": {\"size\": 1, \"sha256\": \"nope\"}}}";
        InvalidArtifactException e = assertThrows(InvalidArtifactException.class,
            () -> ModelArtifact.read(zip(Map.of("manifest.json", manifest, "a", "x"))));
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    }

    @Test
    void writingReplacesAtomically() throws IOException {
        Path zip = dir.resolve("m.zip");
        Files.writeString(zip, "old");
        sample().write(zip);
        assertEquals(sample().checksum(), ModelArtifact.read(zip).checksum());
        assertTrue(Files.notExists(dir.resolve("m.zip.partial")));
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        entries.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.ISO_8859_1)));
        return zipBytes(bytes);
    }

    private static byte[] zipBytes(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}

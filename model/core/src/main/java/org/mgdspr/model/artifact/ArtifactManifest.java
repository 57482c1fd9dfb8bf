package org.mgdspr.model.artifact;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The table of contents of a model artifact: its format version and the size and SHA-256 of every other entry.
 * Stored as {@code manifest.json}; the artifact's own checksum is the SHA-256 of the manifest bytes.
 *
 * @param formatVersion artifact layout version; readers reject versions they do not know
 * @param entries       entry name to its size and SHA-256
 */
public record ArtifactManifest(int formatVersion, Map<String, Entry> entries) {

    public static final String FILE_NAME = "manifest.json";

    private static final Gson GSON = new GsonBuilder()
        .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
        .setPrettyPrinting()
        .disableHtmlEscaping()
        .create();

    /** Size in bytes and lowercase hex SHA-256 of one entry. */
    public record Entry(long size, String sha256) {
        public Entry {
            if (size < 0) {
                throw new IllegalArgumentException("entry size must be >= 0, got " + size);
            }
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("entry sha256 must be 64 lowercase hex digits, got " + sha256);
            }
        }
    }

    public ArtifactManifest {
        Objects.requireNonNull(entries, "entries");
        if (entries.containsKey(FILE_NAME)) {
            throw new IllegalArgumentException(FILE_NAME + " cannot list itself");
        }
        entries = Map.copyOf(new TreeMap<>(entries));
    }

    public String toJson() {
        return GSON.toJson(new Serialized(formatVersion, new TreeMap<>(entries)));
    }

    public static ArtifactManifest fromJson(String json) {
        Serialized parsed;
        try {
            parsed = GSON.fromJson(json, Serialized.class);
        } catch (JsonParseException e) {
            throw new InvalidArtifactException(FILE_NAME + " is not valid JSON: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Gson wraps what the record constructors throw; report the invariant that was broken
            Throwable cause = e.getCause() instanceof IllegalArgumentException invalid ? invalid : e;
            throw new InvalidArtifactException(FILE_NAME + " is invalid: " + cause.getMessage(), e);
        }
        if (parsed == null || parsed.entries() == null) {
            throw new InvalidArtifactException(FILE_NAME + " has no entries");
        }
        if (parsed.entries().containsValue(null)) {
            throw new InvalidArtifactException(FILE_NAME + " lists an entry without size and sha256");
        }
        try {
            return new ArtifactManifest(parsed.formatVersion(), parsed.entries());
        } catch (IllegalArgumentException e) {
            throw new InvalidArtifactException(FILE_NAME + " is invalid: " + e.getMessage(), e);
        }
    }

    /** Keeps the JSON key order stable (sorted entries). */
    private record Serialized(int formatVersion, TreeMap<String, Entry> entries) {}
}

package org.mgdspr.model.artifact;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A model artifact: one zip of named entries plus a {@link ArtifactManifest} with the SHA-256 of each. Reading
 * verifies everything before anything is used: a corrupt, truncated, tampered or incompatible artifact is rejected
 * with an {@link InvalidArtifactException} that names the problem. Entries are held in memory; artifacts are
 * expected to be at most a few hundred MB.
 */
public final class ModelArtifact {

    public static final int FORMAT_VERSION = 1;

    private final ArtifactManifest manifest;
    private final Map<String, byte[]> entries;
    private final String checksum;

    private ModelArtifact(ArtifactManifest manifest, Map<String, byte[]> entries, String checksum) {
        this.manifest = manifest;
        this.entries = entries;
        this.checksum = checksum;
    }

    /** Builds an artifact from entry contents, computing the manifest. */
    public static ModelArtifact of(Map<String, byte[]> contents) {
        Map<String, ArtifactManifest.Entry> listed = new TreeMap<>();
        Map<String, byte[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : new TreeMap<>(contents).entrySet()) {
            validateName(entry.getKey());
            byte[] bytes = entry.getValue().clone();
            copy.put(entry.getKey(), bytes);
            listed.put(entry.getKey(), new ArtifactManifest.Entry(bytes.length, sha256(bytes)));
        }
        ArtifactManifest manifest = new ArtifactManifest(FORMAT_VERSION, listed);
        return new ModelArtifact(manifest, copy, sha256(manifest.toJson().getBytes(StandardCharsets.UTF_8)));
    }

    public static ModelArtifact read(Path zip) throws IOException {
        try (InputStream in = Files.newInputStream(zip)) {
            return read(in, inflationLimit(Files.size(zip)));
        } catch (InvalidArtifactException e) {
            throw new InvalidArtifactException(zip + ": " + e.getMessage(), e);
        }
    }

    public static ModelArtifact read(byte[] zip) {
        try {
            return read(new ByteArrayInputStream(zip), inflationLimit(zip.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param maxInflatedBytes bound on the total decompressed size, so that a small upload cannot exhaust the heap
     * @throws InvalidArtifactException when the bytes are not a complete, intact artifact of a known format
     */
    public static ModelArtifact read(InputStream zip, long maxInflatedBytes) throws IOException {
        Map<String, byte[]> found = new LinkedHashMap<>();
        byte[] manifestBytes = null;
        long inflated = 0;
        try (ZipInputStream in = new ZipInputStream(zip)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxInflatedBytes - inflated + 1));
                inflated += bytes.length;
                if (inflated > maxInflatedBytes) {
                    throw new InvalidArtifactException("artifact decompresses to more than " + maxInflatedBytes
                        + " bytes; refusing it");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (!ArtifactManifest.FILE_NAME.equals(entry.getName())) {
                    try {
                        validateName(entry.getName());
                    } catch (IllegalArgumentException e) {
                        throw new InvalidArtifactException(e.getMessage(), e);
                    }
                }
                if (ArtifactManifest.FILE_NAME.equals(entry.getName())) {
                    manifestBytes = bytes;
                } else if (found.put(entry.getName(), bytes) != null) {
                    throw new InvalidArtifactException("entry [" + entry.getName() + "] appears twice");
                }
            }
        } catch (ZipException | EOFException e) {
            throw new InvalidArtifactException("not a complete zip archive (corrupt or truncated): " + e.getMessage(), e);
        }
        if (manifestBytes == null) {
            throw new InvalidArtifactException("no " + ArtifactManifest.FILE_NAME + " (not a model artifact, or truncated)");
        }
        ArtifactManifest manifest = ArtifactManifest.fromJson(new String(manifestBytes, StandardCharsets.UTF_8));
        if (manifest.formatVersion() != FORMAT_VERSION) {
            throw new InvalidArtifactException("artifact format version " + manifest.formatVersion()
                + " is not supported; this build reads version " + FORMAT_VERSION);
        }
        for (Map.Entry<String, ArtifactManifest.Entry> listed : manifest.entries().entrySet()) {
            byte[] bytes = found.get(listed.getKey());
            if (bytes == null) {
                throw new InvalidArtifactException("entry [" + listed.getKey() + "] listed in the manifest is missing");
            }
            if (bytes.length != listed.getValue().size()) {
                throw new InvalidArtifactException("entry [" + listed.getKey() + "] has " + bytes.length
                    + " bytes, the manifest says " + listed.getValue().size());
            }
            if (!sha256(bytes).equals(listed.getValue().sha256())) {
                throw new InvalidArtifactException("entry [" + listed.getKey() + "] fails its SHA-256 check");
            }
        }
        for (String name : found.keySet()) {
            if (!manifest.entries().containsKey(name)) {
                throw new InvalidArtifactException("entry [" + name + "] is not listed in the manifest");
            }
        }
        return new ModelArtifact(manifest, found, sha256(manifestBytes));
    }

    public void write(Path zip) throws IOException {
        Path parent = zip.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path partial = zip.resolveSibling(zip.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            write(out);
        }
        Files.move(partial, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public void write(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(fixedTimeEntry(ArtifactManifest.FILE_NAME));
        zip.write(manifest.toJson().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            zip.putNextEntry(fixedTimeEntry(entry.getKey()));
            zip.write(entry.getValue());
            zip.closeEntry();
        }
        zip.finish();
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public ArtifactManifest manifest() {
        return manifest;
    }

    /** SHA-256 of the manifest, which pins every entry: the artifact's identity. */
    public String checksum() {
        return checksum;
    }

    public Set<String> entryNames() {
        return manifest.entries().keySet();
    }

    /** @throws InvalidArtifactException when the artifact has no such entry */
    public byte[] entry(String name) {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new InvalidArtifactException("artifact has no entry [" + name + "]; it has " + entryNames());
        }
        return bytes.clone();
    }

    public String entryAsString(String name) {
        return new String(entry(name), StandardCharsets.UTF_8);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Parameters barely compress and JSON compresses about tenfold, so a genuine artifact stays far below this
     * ratio; a zip bomb does not.
     */
    private static long inflationLimit(long compressedBytes) {
        return Math.max(1 << 20, compressedBytes * 100);
    }

    private static void validateName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("..") || name.contains("\\")
            || ArtifactManifest.FILE_NAME.equals(name)) {
            throw new IllegalArgumentException("invalid artifact entry name [" + name + "]");
        }
    }

    /** A fixed timestamp makes the same model produce byte-identical zips. */
    private static ZipEntry fixedTimeEntry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0);
        return entry;
    }
}

package org.mgdspr.model.cli;

import com.google.gson.JsonObject;

import org.mgdspr.model.artifact.InvalidArtifactException;
import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.artifact.RegistryApi;
import org.mgdspr.model.artifact.RegistryRules;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * One upload of an artifact file into the registry: chunk by chunk (only one chunk in memory), hashing while
 * reading, then a commit with the file's SHA-256. An upload that fails after it registered the id is deleted again,
 * so a rerun needs no {@code --replace}.
 */
final class Deployment {

    /** What the registry ended up holding. */
    record Result(long sizeInBytes, String sha256, JsonObject record) {}

    /** The Base64 of a chunk must fit in one Java array. */
    static final long MAX_CHUNK_SIZE = 1L << 30;

    private final RegistryClient registry;
    private final String modelId;
    private final long chunkSize;
    private final PrintStream progress;

    Deployment(RegistryClient registry, String modelId, long chunkSize, PrintStream progress) {
        this.registry = registry;
        this.modelId = modelId;
        this.chunkSize = chunkSize;
        this.progress = progress;
    }

    /**
     * @param replace delete a model with this id first; otherwise an existing id is an error
     * @throws UsageException  when the chunk size is over the cluster's limit
     * @throws DeployException when the cluster refuses or cannot be reached
     */
    Result deploy(Path file, boolean replace) throws IOException {
        long size = Files.size(file);
        checkLimits(size);
        if (replace) {
            // the cluster verifies only at commit; a broken file must not cost the model it was meant to replace
            checkArtifact(file);
            if (registry.delete(modelId)) {
                progress.println("deleted the existing model [" + modelId + "]");
            }
        } else {
            Optional<JsonObject> existing = registry.model(modelId);
            if (existing.isPresent()) {
                throw new DeployException("model [" + modelId + "] already exists (state "
                    + state(existing.get()) + "); rerun with --replace to delete it and upload this file instead");
            }
        }
        String sha256 = upload(file, size);
        progress.println("committing [" + modelId + "]: the cluster verifies the artifact");
        commitOrDiscard(sha256);
        JsonObject record = registry.model(modelId).orElseThrow(() -> new DeployException(
            "model [" + modelId + "] disappeared right after its commit"));
        return new Result(size, sha256, record);
    }

    static String state(JsonObject record) {
        return record.has("state") ? record.get("state").getAsString() : "unknown";
    }

    private void checkLimits(long size) {
        long chunks = (size + chunkSize - 1) / chunkSize;
        if (chunks > RegistryRules.MAX_CHUNK_COUNT) {
            throw new UsageException("option --chunk-size: " + chunkSize + " bytes would split the " + size
                + "-byte file into " + chunks + " chunks; the registry accepts at most " + RegistryRules.MAX_CHUNK_COUNT);
        }
        Optional<ServerLimits> limits = registry.limits();
        if (limits.isEmpty()) {
            progress.println("note: this user may not read the cluster's settings; the upload limits are not "
                + "checked in advance");
            return;
        }
        long largestChunk = limits.get().largestChunk();
        if (Math.min(chunkSize, size) > largestChunk) {
            throw new UsageException("option --chunk-size: chunks over " + largestChunk + " bytes ("
                + ByteSize.megabytes(largestChunk) + ") do not fit in one request of this cluster, whose "
                + ServerLimits.MAX_REQUEST_SETTING + " is " + limits.get().maxRequestBytes() + " bytes with Base64 "
                + "making chunks a third larger");
        }
        if (size > limits.get().maxModelBytes()) {
            throw new DeployException("the model file has " + size + " bytes but the cluster accepts at most "
                + limits.get().maxModelBytes() + " (" + RegistryApi.MAX_MODEL_SIZE_SETTING + ")");
        }
    }

    private void checkArtifact(Path file) throws IOException {
        try {
            MgdsprArtifact.read(file);
        } catch (InvalidArtifactException e) {
            throw new DeployException(e.getMessage() + "; the existing model [" + modelId + "] was left in place");
        }
    }

    /** @return the SHA-256 of the bytes sent */
    private String upload(Path file, long size) throws IOException {
        int chunkCount = Math.toIntExact((size + chunkSize - 1) / chunkSize);
        MessageDigest digest = sha256();
        long start = System.nanoTime();
        long sent = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int chunk = 0; chunk < chunkCount; chunk++) {
                int expected = (int) Math.min(chunkSize, size - sent);
                byte[] data;
                try {
                    data = in.readNBytes(expected);
                } catch (IOException e) {
                    throw uploadFailed(chunk, "reading " + file + " failed: " + e.getMessage());
                }
                if (data.length != expected) {
                    throw uploadFailed(chunk, "the file shrank while it was being uploaded");
                }
                digest.update(data);
                try {
                    registry.putChunk(modelId, chunk, chunkCount, data);
                } catch (DeployException e) {
                    throw uploadFailed(chunk, e.getMessage());
                }
                sent += data.length;
                progress.printf(Locale.ROOT, "chunk %d/%d sent: %s of %s, %.1f MB/s%n", chunk + 1, chunkCount,
                    ByteSize.megabytes(sent), ByteSize.megabytes(size),
                    ByteSize.megabytesPerSecond(sent, System.nanoTime() - start));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void commitOrDiscard(String sha256) {
        try {
            registry.commit(modelId, sha256);
        } catch (DeployException e) {
            throw discarded(e.getMessage());
        }
    }

    /** Chunk 0 registers the id: until it is accepted, the id may belong to someone else and stays untouched. */
    private DeployException uploadFailed(int chunk, String reason) {
        return chunk == 0 ? new DeployException(reason) : discarded(reason);
    }

    private DeployException discarded(String reason) {
        try {
            registry.delete(modelId);
            return new DeployException(reason + "; the partial upload of [" + modelId + "] was deleted");
        } catch (DeployException deleteFailed) {
            return new DeployException(reason + "; the partial upload of [" + modelId + "] may remain (deleting it "
                + "failed: " + deleteFailed.getMessage() + "), rerun with --replace");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}

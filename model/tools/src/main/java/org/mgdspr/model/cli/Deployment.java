package org.mgdspr.model.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.mgdspr.model.artifact.InvalidArtifactException;
import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.artifact.ModelArtifact;
import org.mgdspr.model.artifact.RegistryApi;
import org.mgdspr.model.artifact.RegistryRules;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One upload of an artifact file into the registry: chunk by chunk (only one chunk in memory), hashing while
 * reading, then a commit with the file's SHA-256.
 *
 * <p>An upload the cluster refuses (a 4xx answer) is deleted again, so a rerun needs no {@code --replace}. One that
 * stops because the cluster stayed busy or unreachable keeps its stored chunks: a rerun finds the id
 * {@code uploading}, checks each stored chunk against the file ({@link RegistryApi#STORED_CHUNKS_FIELD}) and sends
 * only the missing ones.
 */
final class Deployment {

    /** What the registry ended up holding. */
    record Result(long sizeInBytes, String sha256, JsonObject record) {}

    /** A chunk size the registry or the cluster cannot take; the tool reports it as a usage error. */
    static final class ChunkSizeRejected extends RuntimeException {
        ChunkSizeRejected(String message) {
            super(message);
        }
    }

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
     * @param replace delete a model with this id first; otherwise an existing id is an error, except an unfinished
     *                upload of this same file, which is resumed
     * @throws ChunkSizeRejected when the chunk size is over the cluster's or the registry's limit
     * @throws DeployException   when the cluster refuses or cannot be reached
     */
    Result deploy(Path file, boolean replace) throws IOException {
        long size = Files.size(file);
        checkLimits(size);
        Map<Integer, String> stored = Map.of();
        if (replace) {
            // the cluster verifies only at commit; a broken file must not cost the model it was meant to replace
            checkArtifact(file);
            if (registry.delete(modelId)) {
                progress.println("deleted the existing model [" + modelId + "]");
            }
        } else {
            Optional<JsonObject> existing = registry.model(modelId);
            if (existing.isPresent()) {
                if (!RegistryApi.UPLOADING_STATE.equals(state(existing.get()))) {
                    throw new DeployException("model [" + modelId + "] already exists (state " + state(existing.get())
                        + "); rerun with --replace to delete it and upload this file instead");
                }
                stored = storedChunks(existing.get(), file, size);
            }
        }
        String sha256 = upload(file, size, stored);
        progress.println("committing [" + modelId + "]: the cluster verifies the artifact");
        commit(sha256);
        JsonObject record = registry.model(modelId).orElseThrow(() -> new DeployException(
            "model [" + modelId + "] disappeared right after its commit"));
        return new Result(size, sha256, record);
    }

    static String state(JsonObject record) {
        return record.has(RegistryApi.STATE_FIELD) ? record.get(RegistryApi.STATE_FIELD).getAsString() : "unknown";
    }

    private int chunkCount(long size) {
        return Math.toIntExact((size + chunkSize - 1) / chunkSize);
    }

    private void checkLimits(long size) {
        long chunks = (size + chunkSize - 1) / chunkSize;
        if (chunks > RegistryRules.MAX_CHUNK_COUNT) {
            throw new ChunkSizeRejected("option --chunk-size: " + chunkSize + " bytes would split the " + size
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
            throw new ChunkSizeRejected("option --chunk-size: chunks over " + largestChunk + " bytes ("
                + ByteSize.megabytes(largestChunk) + ") do not fit in one request of this cluster, whose "
                + RegistryApi.MAX_REQUEST_SIZE_SETTING + " is " + limits.get().maxRequestBytes() + " bytes with "
                + "Base64 making chunks a third larger");
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

    /**
     * The chunks an unfinished upload of this id holds, after checking that they are chunks of {@code file}.
     *
     * @return chunk number to the SHA-256 of its bytes
     */
    private Map<Integer, String> storedChunks(JsonObject record, Path file, long size) throws IOException {
        int expected = chunkCount(size);
        int recorded = record.has(RegistryApi.CHUNK_COUNT_FIELD) ? record.get(RegistryApi.CHUNK_COUNT_FIELD).getAsInt()
            : -1;
        if (recorded != expected) {
            throw new DeployException("model [" + modelId + "] is an unfinished upload of " + recorded + " chunks, "
                + "but this file makes " + expected + " chunks of " + chunkSize + " bytes; rerun with the --chunk-size "
                + "of that upload to resume it, or with --replace to discard it");
        }
        JsonElement list = record.get(RegistryApi.STORED_CHUNKS_FIELD);
        if (list == null || !list.isJsonArray()) {
            throw new DeployException("model [" + modelId + "] is an unfinished upload, but the cluster does not say "
                + "which chunks it holds (its record has no " + RegistryApi.STORED_CHUNKS_FIELD + "), so it cannot be "
                + "resumed; rerun with --replace to discard it and upload this file");
        }
        Map<Integer, String> stored = new TreeMap<>();
        for (JsonElement entry : list.getAsJsonArray()) {
            JsonObject chunk = entry.getAsJsonObject();
            stored.put(chunk.get(RegistryApi.STORED_CHUNK_FIELD).getAsInt(),
                chunk.get(RegistryApi.STORED_CHUNK_SHA256_FIELD).getAsString());
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (Map.Entry<Integer, String> chunk : stored.entrySet()) {
                if (chunk.getKey() < 0 || chunk.getKey() >= expected
                    || !ModelArtifact.sha256(readChunk(channel, chunk.getKey(), size)).equals(chunk.getValue())) {
                    throw new DeployException("model [" + modelId + "] is an unfinished upload of a different "
                        + "artifact: its chunk " + chunk.getKey() + " is not chunk " + chunk.getKey() + " of " + file
                        + "; rerun with --replace to discard that upload, or deploy under another --id");
                }
            }
        }
        progress.printf(Locale.ROOT, "resuming the unfinished upload of [%s]: %d of %d chunks are stored already%n",
            modelId, stored.size(), expected);
        return stored;
    }

    /**
     * Sends every chunk not in {@code stored}, in order, and hashes the whole file on the way.
     *
     * @return the SHA-256 of the file
     */
    private String upload(Path file, long size, Map<Integer, String> stored) throws IOException {
        int chunkCount = chunkCount(size);
        MessageDigest digest = sha256();
        long start = System.nanoTime();
        long sent = 0;
        long toSend = size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int chunk = 0; chunk < chunkCount; chunk++) {
                byte[] data = readChunk(channel, chunk, size);
                digest.update(data);
                if (stored.containsKey(chunk)) {
                    toSend -= data.length;
                    continue;
                }
                try {
                    registry.putChunk(modelId, chunk, chunkCount, data);
                } catch (DeployException e) {
                    throw uploadFailed(chunk == 0 && stored.isEmpty(), e);
                }
                sent += data.length;
                progress.printf(Locale.ROOT, "chunk %d/%d sent: %s of %s, %.1f MB/s%n", chunk + 1, chunkCount,
                    ByteSize.megabytes(sent), ByteSize.megabytes(toSend),
                    ByteSize.megabytesPerSecond(sent, System.nanoTime() - start));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private byte[] readChunk(FileChannel channel, int chunk, long size) throws IOException {
        long offset = chunk * chunkSize;
        int length = (int) Math.min(chunkSize, size - offset);
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(0, length));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new DeployException("the file shrank while it was being uploaded; chunk " + chunk
                    + " was not sent");
            }
        }
        return buffer.array();
    }

    private void commit(String sha256) {
        try {
            registry.commit(modelId, sha256);
        } catch (DeployException e) {
            throw uploadFailed(false, e);
        }
    }

    /**
     * @param registersId whether the failed request was the one that registers the id: until it is accepted, the id
     *                    may belong to someone else and stays untouched
     */
    private DeployException uploadFailed(boolean registersId, DeployException failure) {
        if (registersId) {
            return failure;
        }
        if (!failure.isRefusal()) {
            return new DeployException(failure.getMessage() + "; the chunks stored so far stay: rerun the same "
                + "command to send only the missing ones (or with --replace to start over)");
        }
        try {
            registry.delete(modelId);
            return new DeployException(failure.getMessage() + "; the partial upload of [" + modelId + "] was deleted");
        } catch (DeployException deleteFailed) {
            return new DeployException(failure.getMessage() + "; the partial upload of [" + modelId + "] may remain "
                + "(deleting it failed: " + deleteFailed.getMessage() + "), rerun with --replace");
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

package org.mgdspr.model.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.mgdspr.model.artifact.ModelArtifact;
import org.mgdspr.model.artifact.RegistryApi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process stand-in for a cluster with the plugin's model registry: it records every request, reassembles
 * uploaded chunks and verifies commits like the plugin does, lists an unfinished upload's stored chunks the way
 * {@link RegistryApi#STORED_CHUNKS_FIELD} describes, and fails on demand with OpenSearch-style errors, for good
 * (a refusal) or for a number of attempts (a busy cluster).
 */
final class FakeRegistry implements AutoCloseable {

    /** One request as it arrived. */
    record Request(String method, String path, String query, String authorization) {

        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query);
        }
    }

    /** A registered model: uploading until a commit with the matching SHA-256 makes it ready. */
    private static final class Model {
        final byte[][] chunks;
        String state = "uploading";
        String sha256;

        Model(int chunkCount) {
            chunks = new byte[chunkCount][];
        }
    }

    private static final String MODELS = RegistryApi.MODELS_PATH + "/";

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Model> models = new HashMap<>();
    private String maxContentLength = "100mb";
    private String maxModelSize = "256mb";
    private boolean settingsForbidden;
    private int failingChunk = -1;
    private String commitFailure;
    private boolean reportsStoredChunks = true;
    /** Per {@code METHOD path}: the status to answer and how many more times. */
    private final Map<String, int[]> busyAnswers = new HashMap<>();

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests as {@code METHOD path?query}. */
    synchronized List<String> calls() {
        return requests.stream().map(Request::toString).toList();
    }

    synchronized void limits(String maxContentLength, String maxModelSize) {
        this.maxContentLength = maxContentLength;
        this.maxModelSize = maxModelSize;
    }

    synchronized void forbidSettings() {
        settingsForbidden = true;
    }

    /** Answers a 400 to every upload of this chunk. */
    synchronized void failChunk(int chunk) {
        failingChunk = chunk;
    }

    /** Answers a 400 with this reason to every commit. */
    synchronized void failCommits(String reason) {
        commitFailure = reason;
    }

    /** Answers {@code status} to the next {@code times} requests {@code METHOD path} (0 ends it), then serves them. */
    synchronized void busy(String request, int status, int times) {
        busyAnswers.put(request, new int[] {status, times});
    }

    /** Leaves {@link RegistryApi#STORED_CHUNKS_FIELD} out of records, as a plugin without resumable uploads does. */
    synchronized void hideStoredChunks() {
        reportsStoredChunks = false;
    }

    synchronized String state(String modelId) {
        return models.get(modelId).state;
    }

    synchronized void register(String modelId, String state) {
        Model model = new Model(1);
        model.state = state;
        models.put(modelId, model);
    }

    synchronized boolean has(String modelId) {
        return models.containsKey(modelId);
    }

    /** The concatenated chunks of a model. */
    synchronized byte[] artifact(String modelId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] chunk : models.get(modelId).chunks) {
            bytes.writeBytes(chunk);
        }
        return bytes.toByteArray();
    }

    synchronized String committedSha256(String modelId) {
        return models.get(modelId).sha256;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            requests.add(new Request(method, path, query, exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = exchange.getRequestBody().readAllBytes();
            int[] busy = busyAnswers.get(method + " " + path);
            if (busy != null && busy[1] > 0) {
                busy[1]--;
                error(exchange, busy[0], "busy: the test says so", false);
                return;
            }
            if (body.length > ByteSize.parse(maxContentLength)) {
                // like OpenSearch: the body is refused before any handler sees it
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            if (path.equals("/_cluster/settings") && method.equals("GET")) {
                settings(exchange);
            } else if (path.startsWith(MODELS)) {
                model(exchange, method, path.substring(MODELS.length()).split("/"), query, body);
            } else {
                error(exchange, 400, "no handler found for uri [" + path + "] and method [" + method + "]", true);
            }
        }
    }

    private void settings(HttpExchange exchange) throws IOException {
        if (settingsForbidden) {
            error(exchange, 403, "no permissions for [cluster:monitor/settings]", false);
            return;
        }
        // like OpenSearch: nested by the dots of the setting names
        JsonObject defaults = new JsonObject();
        nest(defaults, RegistryApi.MAX_REQUEST_SIZE_SETTING, maxContentLength);
        if (maxModelSize != null) {
            nest(defaults, RegistryApi.MAX_MODEL_SIZE_SETTING, maxModelSize);
        }
        JsonObject response = new JsonObject();
        response.add("defaults", defaults);
        respond(exchange, 200, response);
    }

    private static void nest(JsonObject root, String setting, String value) {
        String[] keys = setting.split("\\.");
        JsonObject parent = root;
        for (int i = 0; i < keys.length - 1; i++) {
            if (!parent.has(keys[i])) {
                parent.add(keys[i], new JsonObject());
            }
            parent = parent.getAsJsonObject(keys[i]);
        }
        parent.addProperty(keys[keys.length - 1], value);
    }

    private void model(HttpExchange exchange, String method, String[] parts, String query, byte[] body)
        throws IOException {
        String id = parts[0];
        Model model = models.get(id);
        String action = method + (parts.length > 1 ? " " + parts[1] : "");
        switch (action) {
            case "GET", "DELETE" -> {
                if (model == null) {
                    error(exchange, 404, "model [" + id + "] is not registered", false);
                    return;
                }
                if (method.equals("DELETE")) {
                    models.remove(id);
                    respond(exchange, 200, acknowledged());
                } else {
                    respond(exchange, 200, record(id, model));
                }
            }
            case "PUT _chunk" -> putChunk(exchange, id, model, Integer.parseInt(parts[2]),
                Integer.parseInt(query.substring("chunk_count=".length())), body);
            case "POST _commit" -> commit(exchange, id, model, body);
            default -> error(exchange, 405, "unexpected " + action, false);
        }
    }

    private void putChunk(HttpExchange exchange, String id, Model model, int chunk, int chunkCount, byte[] body)
        throws IOException {
        if (chunk == failingChunk) {
            error(exchange, 400, "chunk " + chunk + " was refused by the test", false);
            return;
        }
        if (chunk == 0) {
            if (model != null) {
                error(exchange, 409, "model [" + id + "] already exists; delete it first", false);
                return;
            }
            model = new Model(chunkCount);
            models.put(id, model);
        } else if (model == null || !model.state.equals("uploading") || model.chunks.length != chunkCount) {
            error(exchange, 409, "chunk " + chunk + " does not belong to an upload in progress", false);
            return;
        }
        if (model.chunks[chunk] != null) {
            error(exchange, 409, "chunk " + chunk + " of model [" + id + "] was already uploaded", false);
            return;
        }
        String data = json(body).get(RegistryApi.CHUNK_DATA_FIELD).getAsString();
        model.chunks[chunk] = Base64.getDecoder().decode(data);
        respond(exchange, 200, acknowledged());
    }

    private void commit(HttpExchange exchange, String id, Model model, byte[] body) throws IOException {
        if (commitFailure != null) {
            error(exchange, 400, commitFailure, false);
            return;
        }
        if (model == null) {
            error(exchange, 404, "model [" + id + "] is not registered", false);
            return;
        }
        for (int i = 0; i < model.chunks.length; i++) {
            if (model.chunks[i] == null) {
                error(exchange, 400, "chunk " + i + " was never uploaded", false);
                return;
            }
        }
        String expected = json(body).get(RegistryApi.COMMIT_SHA256_FIELD).getAsString();
        String actual = ModelArtifact.sha256(artifact(id));
        if (!actual.equals(expected)) {
            error(exchange, 400, "uploaded artifact has SHA-256 [" + actual + "] but the client sent [" + expected
                + "]", false);
            return;
        }
        model.state = "ready";
        model.sha256 = actual;
        respond(exchange, 200, record(id, model));
    }

    private JsonObject record(String id, Model model) {
        JsonObject record = new JsonObject();
        record.addProperty("model_id", id);
        record.addProperty(RegistryApi.STATE_FIELD, model.state);
        record.addProperty(RegistryApi.CHUNK_COUNT_FIELD, model.chunks.length);
        if (reportsStoredChunks && model.state.equals(RegistryApi.UPLOADING_STATE)) {
            JsonArray stored = new JsonArray();
            for (int i = 0; i < model.chunks.length; i++) {
                if (model.chunks[i] != null) {
                    JsonObject chunk = new JsonObject();
                    chunk.addProperty(RegistryApi.STORED_CHUNK_FIELD, i);
                    chunk.addProperty(RegistryApi.STORED_CHUNK_SHA256_FIELD, ModelArtifact.sha256(model.chunks[i]));
                    stored.add(chunk);
                }
            }
            record.add(RegistryApi.STORED_CHUNKS_FIELD, stored);
        }
        return record;
    }

    private static JsonObject acknowledged() {
        JsonObject response = new JsonObject();
        response.addProperty("acknowledged", true);
        return response;
    }

    private static JsonObject json(byte[] body) {
        return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** OpenSearch's error shape; a missing handler answers with the reason as a plain string. */
    private static void error(HttpExchange exchange, int status, String reason, boolean plain) throws IOException {
        JsonObject response = new JsonObject();
        if (plain) {
            response.addProperty("error", reason);
        } else {
            JsonObject error = new JsonObject();
            error.addProperty("type", "test_exception");
            error.addProperty("reason", reason);
            response.add("error", error);
        }
        response.addProperty("status", status);
        respond(exchange, status, response);
    }

    private static void respond(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

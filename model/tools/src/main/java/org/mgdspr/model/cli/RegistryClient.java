package org.mgdspr.model.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.mgdspr.model.artifact.RegistryApi;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The plugin's model registry over its REST API. Every failure is a {@link DeployException} naming the request and
 * the server's reason, or the URL that could not be reached.
 */
final class RegistryClient implements AutoCloseable {

    private static final String MODELS = RegistryApi.MODELS_PATH + "/";
    private static final String LIMITS = "/_cluster/settings?include_defaults=true&filter_path=defaults."
        + ServerLimits.MAX_REQUEST_SETTING + ",defaults." + RegistryApi.MAX_MODEL_SIZE_SETTING;
    private static final byte[] CHUNK_PREFIX = "{\"data\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNK_SUFFIX = "\"}".getBytes(StandardCharsets.US_ASCII);
    /** Enough of an unexpected (non-JSON) error page to recognise it. */
    private static final int MAX_REASON_CHARS = 300;

    private final String baseUrl;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl     cluster URL without a trailing slash
     * @param credentials {@code name:password} for basic authentication, or null
     * @param timeout     for connecting and for each request
     */
    RegistryClient(String baseUrl, String credentials, Duration timeout) {
        this.baseUrl = baseUrl;
        this.authorization = credentials == null ? null
            : "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        // OpenSearch speaks HTTP/1.1; an h2c upgrade attempt would only cost a round trip
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** The cluster's upload limits, or empty when this user may not read cluster settings (the server still checks). */
    Optional<ServerLimits> limits() {
        Reply reply = send("GET", LIMITS, BodyPublishers.noBody());
        if (reply.status() == 403) {
            return Optional.empty();
        }
        return Optional.of(ServerLimits.fromSettings(json(reply.require()), baseUrl));
    }

    /** The model's registry record, or empty when no model has this id. */
    Optional<JsonObject> model(String modelId) {
        Reply reply = send("GET", MODELS + modelId, BodyPublishers.noBody());
        return reply.status() == 404 ? Optional.empty() : Optional.of(json(reply.require()));
    }

    /** @return false when no model had this id */
    boolean delete(String modelId) {
        Reply reply = send("DELETE", MODELS + modelId, BodyPublishers.noBody());
        if (reply.status() == 404) {
            return false;
        }
        reply.require();
        return true;
    }

    void putChunk(String modelId, int chunk, int chunkCount, byte[] data) {
        BodyPublisher body = BodyPublishers.ofByteArrays(
            List.of(CHUNK_PREFIX, Base64.getEncoder().encode(data), CHUNK_SUFFIX));
        String path = MODELS + modelId + RegistryApi.CHUNK_PATH + "/" + chunk
            + "?" + RegistryApi.CHUNK_COUNT_PARAM + "=" + chunkCount;
        send("PUT", path, body).require();
    }

    void commit(String modelId, String sha256) {
        JsonObject body = new JsonObject();
        body.addProperty("sha256", sha256);
        send("POST", MODELS + modelId + RegistryApi.COMMIT_PATH, BodyPublishers.ofString(body.toString())).require();
    }

    @Override
    public void close() {
        http.close();
    }

    private Reply send(String method, String path, BodyPublisher body) {
        String url = baseUrl + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
            .header("Content-Type", "application/json").method(method, body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            var response = http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(method + " " + url, response.statusCode(), response.body());
        } catch (ConnectException e) {
            throw new DeployException("could not reach " + baseUrl + ": "
                + (e.getMessage() == null ? "connection refused" : e.getMessage()));
        } catch (HttpTimeoutException e) {
            throw new DeployException(method + " " + url + " got no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new DeployException(method + " " + url + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException(method + " " + url + " was interrupted");
        }
    }

    private static JsonObject json(Reply reply) {
        try {
            return JsonParser.parseString(reply.body()).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new DeployException(reply.request() + " answered with something other than a JSON object: "
                + abbreviate(reply.body()));
        }
    }

    /** One answer; {@link #require()} turns an error status into the server's reason. */
    private record Reply(String request, int status, String body) {

        Reply require() {
            if (status / 100 != 2) {
                throw new DeployException(request + " failed with HTTP " + status + ": " + reason(body));
            }
            return this;
        }
    }

    /**
     * OpenSearch errors are {@code {"error": {"reason": ...}}}, or {@code {"error": "..."}} when no handler matched
     * (the plugin is not installed); anything else (a proxy's page, security's plain text) is shown as it is.
     */
    private static String reason(String body) {
        try {
            JsonElement error = JsonParser.parseString(body).getAsJsonObject().get("error");
            if (error != null && error.isJsonPrimitive()) {
                return error.getAsString();
            }
            if (error != null && error.isJsonObject() && error.getAsJsonObject().has("reason")) {
                return error.getAsJsonObject().get("reason").getAsString();
            }
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            // not an OpenSearch error object: fall through to the raw body
        }
        return body.isBlank() ? "(no reason given)" : abbreviate(body.strip());
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "...";
    }
}

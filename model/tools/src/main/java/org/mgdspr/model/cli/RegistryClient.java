package org.mgdspr.model.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;
import org.mgdspr.model.artifact.RegistryApi;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.opensearch.client.transport.httpclient5.ResponseException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin's model registry over its REST API, through the opensearch-java client's generic requests. Requests
 * that meet a busy or failing cluster (HTTP 429, 5xx, a refused or dropped connection) are retried by
 * {@link RetryPolicy}; every other failure is a {@link DeployException} naming the request and the server's reason.
 */
final class RegistryClient implements AutoCloseable {

    private static final String MODELS = RegistryApi.MODELS_PATH + "/";
    private static final String JSON = "application/json";
    /** The messages the transport gives the statuses it raises as bare exceptions. */
    private static final Map<String, Integer> AUTH_FAILURES = Map.of("Unauthorized access", 401,
        "Forbidden access", 403);
    /** Enough of an unexpected (non-JSON) error page to recognise it. */
    private static final int MAX_REASON_CHARS = 300;

    private final String baseUrl;
    private final ApacheHttpClient5Transport transport;
    private final OpenSearchGenericClient client;
    private final RetryPolicy retries;

    /**
     * @param baseUrl     cluster URL without a trailing slash
     * @param credentials {@code name:password} for basic authentication, or null
     * @param timeout     for connecting and for each request
     * @param retries     how requests that may succeed later are repeated
     */
    RegistryClient(String baseUrl, String credentials, Duration timeout, RetryPolicy retries) {
        this.baseUrl = baseUrl;
        this.retries = retries;
        URI uri = URI.create(baseUrl);
        HttpHost host = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort());
        Timeout limit = Timeout.of(timeout);
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(host)
            .setRequestConfigCallback(config -> config.setConnectionRequestTimeout(limit).setResponseTimeout(limit))
            .setConnectionConfigCallback(config -> config.setConnectTimeout(limit));
        if (uri.getPath() != null && !uri.getPath().isEmpty()) {
            builder.setPathPrefix(uri.getPath());
        }
        if (credentials != null) {
            // preemptive: answering a challenge first would send every chunk twice
            builder.setDefaultHeaders(new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))});
        }
        this.transport = builder.build();
        this.client = new OpenSearchGenericClient(transport);
    }

    /** The cluster's upload limits, or empty when this user may not read cluster settings (the server still checks). */
    Optional<ServerLimits> limits() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("include_defaults", "true");
        query.put("filter_path", "defaults." + RegistryApi.MAX_REQUEST_SIZE_SETTING + ",defaults."
            + RegistryApi.MAX_MODEL_SIZE_SETTING);
        Reply reply = send("GET", "/_cluster/settings", query, null);
        if (reply.status() == 403) {
            return Optional.empty();
        }
        return Optional.of(ServerLimits.fromSettings(json(reply.require()), baseUrl));
    }

    /** The model's registry record, or empty when no model has this id. */
    Optional<JsonObject> model(String modelId) {
        Reply reply = send("GET", MODELS + modelId, Map.of(), null);
        return reply.status() == 404 ? Optional.empty() : Optional.of(json(reply.require()));
    }

    /** @return false when no model had this id */
    boolean delete(String modelId) {
        Reply reply = send("DELETE", MODELS + modelId, Map.of(), null);
        if (reply.status() == 404) {
            return false;
        }
        reply.require();
        return true;
    }

    /**
     * Stores one chunk. A 409 after a failed attempt means that attempt reached the cluster after all; the chunk
     * counts as stored, and the commit's checksum catches a chunk that differs.
     */
    void putChunk(String modelId, int chunk, int chunkCount, byte[] data) {
        JsonObject body = new JsonObject();
        body.addProperty(RegistryApi.CHUNK_DATA_FIELD, Base64.getEncoder().encodeToString(data));
        Reply reply = send("PUT", MODELS + modelId + RegistryApi.CHUNK_PATH + "/" + chunk,
            Map.of(RegistryApi.CHUNK_COUNT_PARAM, Integer.toString(chunkCount)), body);
        if (reply.status() == 409 && reply.attempts() > 1) {
            return;
        }
        reply.require();
    }

    void commit(String modelId, String sha256) {
        JsonObject body = new JsonObject();
        body.addProperty(RegistryApi.COMMIT_SHA256_FIELD, sha256);
        send("POST", MODELS + modelId + RegistryApi.COMMIT_PATH, Map.of(), body).require();
    }

    @Override
    public void close() throws IOException {
        transport.close();
    }

    /** @param body JSON, or null for none */
    private Reply send(String method, String endpoint, Map<String, String> query, JsonObject body) {
        String name = method + " " + baseUrl + endpoint;
        return retries.run(name, attempt -> {
            // built per attempt: a body stream is consumed by the attempt that sends it
            var request = Requests.builder().method(method).endpoint(endpoint).query(query);
            if (body != null) {
                request.body(Body.from(body.toString().getBytes(StandardCharsets.UTF_8), JSON));
            }
            try (Response response = client.execute(request.build())) {
                return new Reply(name, response.getStatus(), body(response), attempt);
            } catch (ConnectTimeoutException e) {
                throw new RetryPolicy.Unreachable("could not reach " + baseUrl + ": " + describe(e), e);
            } catch (InterruptedIOException e) {
                // a timeout: the request may still run on the cluster, so it is not repeated blindly
                throw new DeployException(name + " got no answer in time: " + e.getMessage());
            } catch (IOException e) {
                Reply answer = answerIn(name, e, attempt);
                if (answer != null) {
                    return answer;
                }
                throw new RetryPolicy.Unreachable("could not reach " + baseUrl + ": " + describe(e), e);
            }
        });
    }

    private static String body(Response response) {
        return response.getBody().map(Body::bodyAsString).orElse("");
    }

    /**
     * The cluster's answer when the transport raised it as an exception (it does so for 401, 403 and 502-504), or
     * null when the request got no answer.
     */
    private static Reply answerIn(String request, Throwable failure, int attempt) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ResponseException answer) {
                return new Reply(request, answer.status(), body(answer), attempt);
            }
            Integer status = cause.getMessage() == null ? null : AUTH_FAILURES.get(cause.getMessage());
            if (status != null) {
                return new Reply(request, status, "", attempt);
            }
        }
        return null;
    }

    /** The transport keeps the answer's body only in the message, after the line naming request and status. */
    private static String body(ResponseException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int lineEnd = message.indexOf('\n');
        return lineEnd < 0 ? "" : message.substring(lineEnd + 1);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
    record Reply(String request, int status, String body, int attempts) implements RetryPolicy.Answer {

        Reply require() {
            if (status / 100 != 2) {
                throw new DeployException(request + " failed with HTTP " + status + ": " + reason(body), status);
            }
            return this;
        }

        @Override
        public String failure() {
            return "HTTP " + status + ": " + reason(body);
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

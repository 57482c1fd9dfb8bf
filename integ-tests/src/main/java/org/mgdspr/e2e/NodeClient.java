package org.mgdspr.e2e;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JSON to one OpenSearch node through the opensearch-java client's generic requests (the plugin's endpoints have no
 * typed API); a refused request fails with the node's error reason.
 */
final class NodeClient implements AutoCloseable {

    private final String url;
    private final ApacheHttpClient5Transport transport;
    private final OpenSearchGenericClient client;

    NodeClient(String url) {
        this.url = url.endsWith("/") ? url : url + "/";
        URI uri = URI.create(this.url);
        this.transport = ApacheHttpClient5TransportBuilder.builder(new HttpHost(uri.getScheme(), uri.getHost(),
                uri.getPort()))
            .setRequestConfigCallback(config -> config.setResponseTimeout(Timeout.of(10, TimeUnit.MINUTES)))
            .setConnectionConfigCallback(config -> config.setConnectTimeout(Timeout.ofSeconds(10)))
            .build();
        this.client = new OpenSearchGenericClient(transport);
    }

    String url() {
        return url;
    }

    JsonObject get(String path) {
        return call("GET", path, null, "application/json");
    }

    JsonObject put(String path, String body) {
        return call("PUT", path, body, "application/json");
    }

    JsonObject post(String path, String body) {
        return call("POST", path, body, "application/json");
    }

    JsonObject bulk(String path, String ndjson) {
        return call("POST", path, ndjson, "application/x-ndjson");
    }

    /** Deletes, ignoring a missing target. */
    void deleteIfExists(String path) {
        Answer answer = send("DELETE", path, null, "application/json");
        if (answer.status() >= 300 && answer.status() != 404) {
            throw new IllegalStateException("DELETE " + path + " -> " + answer.status() + " " + answer.body());
        }
    }

    JsonObject call(String method, String path, String body, String contentType) {
        Answer answer = send(method, path, body, contentType);
        if (answer.status() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> HTTP " + answer.status() + ": "
                + reason(answer.body()));
        }
        JsonElement json = JsonParser.parseString(answer.body().isEmpty() ? "{}" : answer.body());
        return json.isJsonObject() ? json.getAsJsonObject() : wrap(json);
    }

    @Override
    public void close() throws IOException {
        transport.close();
    }

    private record Answer(int status, String body) {}

    private Answer send(String method, String path, String body, String contentType) {
        URI target = URI.create(url).resolve(path.startsWith("/") ? path.substring(1) : path);
        Map<String, String> query = new LinkedHashMap<>();
        if (target.getRawQuery() != null) {
            for (String pair : target.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                query.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                    equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        var request = Requests.builder().method(method).endpoint(target.getRawPath()).query(query);
        if (body != null) {
            request.body(Body.from(body.getBytes(StandardCharsets.UTF_8), contentType));
        }
        try (Response response = client.execute(request.build())) {
            String text = response.getBody().map(Body::bodyAsString).orElse("");
            return new Answer(response.getStatus(), text);
        } catch (ConnectException e) {
            throw new IllegalStateException("could not reach the node at " + url + ": is it running?", e);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        }
    }

    private static String reason(String body) {
        try {
            JsonObject error = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error");
            return error.get("type").getAsString() + ": " + error.get("reason").getAsString();
        } catch (RuntimeException notAnError) {
            return body;
        }
    }

    private static JsonObject wrap(JsonElement json) {
        JsonObject object = new JsonObject();
        object.add("value", json);
        return object;
    }
}

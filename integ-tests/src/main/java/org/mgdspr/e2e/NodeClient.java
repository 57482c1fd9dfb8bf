package org.mgdspr.e2e;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP to one OpenSearch node; a refused request fails with the node's error reason. */
final class NodeClient {

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    NodeClient(String url) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
    }

    String url() {
        return base.toString();
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
        HttpResponse<String> response = send("DELETE", path, null, "application/json");
        if (response.statusCode() >= 300 && response.statusCode() != 404) {
            throw new IllegalStateException("DELETE " + path + " -> " + response.statusCode() + " " + response.body());
        }
    }

    JsonObject call(String method, String path, String body, String contentType) {
        HttpResponse<String> response = send(method, path, body, contentType);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> HTTP " + response.statusCode() + ": "
                + reason(response.body()));
        }
        JsonElement json = JsonParser.parseString(response.body().isEmpty() ? "{}" : response.body());
        return json.isJsonObject() ? json.getAsJsonObject() : wrap(json);
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
            .timeout(Duration.ofMinutes(10)).header("Content-Type", contentType)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException("could not reach the node at " + base + ": is it running?", e);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
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

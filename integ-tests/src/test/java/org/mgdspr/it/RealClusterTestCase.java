package org.mgdspr.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connects every test class to the real cluster the build started, and disconnects after it. */
abstract class RealClusterTestCase {

    protected static final ObjectMapper JSON = new ObjectMapper();

    protected static ApacheHttpClient5Transport transport;
    protected static OpenSearchClient client;

    @BeforeAll
    static void connect() {
        transport = RealClusterClients.transport();
        client = RealClusterClients.client(transport);
    }

    @AfterAll
    static void disconnect() throws IOException {
        transport.close();
    }

    /** A REST call through any node; see {@link #call(OpenSearchClient, String, String, String)}. */
    protected static JsonNode call(String method, String endpoint, String body) throws IOException {
        return call(client, method, endpoint, body);
    }

    /**
     * A REST call with an optional JSON body through the plugin's endpoints, which the typed client does not know.
     * Any status of 300 or more fails the test with the answer.
     */
    protected static JsonNode call(OpenSearchClient on, String method, String endpoint, String body) throws IOException {
        Requests.JsonBodyBuilder request = Requests.builder().method(method).endpoint(endpoint);
        if (body != null) {
            request.json(body);
        }
        try (Response response = on.generic().execute(request.build())) {
            String text = response.getBody().map(b -> b.bodyAsString()).orElse("{}");
            assertTrue(response.getStatus() < 300, method + " " + endpoint + " -> " + response.getStatus() + " " + text);
            return JSON.readTree(text);
        }
    }
}

package org.mgdspr.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;

import java.io.IOException;

/** Connects every test class to the real cluster the build started, and disconnects after it. */
abstract class RealClusterTestCase {

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
}

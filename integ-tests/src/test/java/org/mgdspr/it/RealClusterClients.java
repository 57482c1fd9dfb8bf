package org.mgdspr.it;

import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import java.util.Arrays;

/** Builds clients for the cluster that the build started, from {@code tests.rest.cluster} (host:port,...). */
final class RealClusterClients {

    private RealClusterClients() {}

    static HttpHost[] hosts() {
        String cluster = System.getProperty("tests.rest.cluster");
        if (cluster == null || cluster.isBlank()) {
            throw new IllegalStateException("tests.rest.cluster must name the real cluster, e.g. 127.0.0.1:9400");
        }
        return Arrays.stream(cluster.split(",")).map(String::trim).map(hostPort -> {
            int colon = hostPort.lastIndexOf(':');
            return new HttpHost("http", hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        }).toArray(HttpHost[]::new);
    }

    static int expectedNodes() {
        return Integer.getInteger("it.cluster.nodes", hosts().length);
    }

    static ApacheHttpClient5Transport transport() {
        return ApacheHttpClient5TransportBuilder.builder(hosts()).build();
    }

    /** A transport to the node at {@code index} of {@code tests.rest.cluster} alone, so it coordinates every request. */
    static ApacheHttpClient5Transport transportToNode(int index) {
        return ApacheHttpClient5TransportBuilder.builder(hosts()[index]).build();
    }

    static OpenSearchClient client(ApacheHttpClient5Transport transport) {
        return new OpenSearchClient(transport);
    }
}

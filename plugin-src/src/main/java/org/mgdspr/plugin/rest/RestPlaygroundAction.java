package org.mgdspr.plugin.rest;

import org.mgdspr.model.artifact.RegistryApi;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.BytesRestResponse;
import org.opensearch.rest.RestRequest;
import org.opensearch.transport.client.node.NodeClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import static org.opensearch.rest.RestRequest.Method.GET;

/**
 * {@code GET _plugins/mgdspr/playground}: a page that runs the same query as personalized {@code mgdspr}, without
 * the user, as BM25 and fused, side by side, through this node's own REST API. Its script and style sheet are served
 * from the plugin too, and the page's Content-Security-Policy lets the browser load and call nothing but this node.
 */
public class RestPlaygroundAction extends BaseRestHandler {

    public static final String PATH = RegistryApi.PLUGIN_PATH + "/playground";
    static final String PAGE = "playground.html";
    static final String SCRIPT = "playground.js";
    static final String STYLE = "playground.css";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
        + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String ASSET_PARAM = "asset";

    private final Map<String, Asset> assets = Map.of(
        PAGE, Asset.load(PAGE, "text/html; charset=UTF-8"),
        SCRIPT, Asset.load(SCRIPT, "text/javascript; charset=UTF-8"),
        STYLE, Asset.load(STYLE, "text/css; charset=UTF-8"));

    @Override
    public String getName() {
        return "mgdspr_playground_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(GET, PATH), new Route(GET, PATH + "/{" + ASSET_PARAM + "}"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        String name = request.param(ASSET_PARAM, PAGE);
        Asset asset = assets.get(name);
        if (asset == null) {
            throw new ResourceNotFoundException("the playground has no file [" + name + "]; it serves " + assets.keySet());
        }
        return channel -> {
            BytesRestResponse response = new BytesRestResponse(RestStatus.OK, asset.contentType(), asset.bytes());
            response.addHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.addHeader("X-Content-Type-Options", "nosniff");
            response.addHeader("Cache-Control", "no-cache");
            channel.sendResponse(response);
        };
    }

    /** A file of the page, read once from the plugin's resources. */
    private record Asset(byte[] bytes, String contentType) {

        static Asset load(String name, String contentType) {
            try (InputStream in = RestPlaygroundAction.class.getResourceAsStream("playground/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the plugin jar lacks its playground file [" + name + "]");
                }
                return new Asset(in.readAllBytes(), contentType);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the playground file [" + name + "]", e);
            }
        }
    }
}

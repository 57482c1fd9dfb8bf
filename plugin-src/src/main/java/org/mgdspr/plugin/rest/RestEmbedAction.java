package org.mgdspr.plugin.rest;

import com.google.gson.Gson;

import org.mgdspr.model.artifact.RegistryApi;
import org.mgdspr.model.features.RequestLimits;
import org.mgdspr.plugin.ingest.ItemText;
import org.mgdspr.plugin.serving.EmbedAction;
import org.mgdspr.plugin.serving.EmbedRequest;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestToXContentListener;
import org.opensearch.transport.client.node.NodeClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.opensearch.rest.RestRequest.Method.POST;

/**
 * {@code POST _plugins/mgdspr/models/{model_id}/_embed}: the item tower's vectors for
 * {@code {"items": [{"item_id": "...", "title": "..."}]}}, or the user tower's vector for
 * {@code {"query": "...", "user": {...inline user context...}}}.
 */
public class RestEmbedAction extends BaseRestHandler {

    private static final Gson GSON = new Gson();

    @Override
    public String getName() {
        return "mgdspr_embed_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(POST, RegistryApi.MODELS_PATH + "/{model_id}/_embed"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) throws IOException {
        String modelId = request.param("model_id");
        Map<String, Object> body = RequestBodies.parse(request, Set.of("items", "query", "user"));
        EmbedRequest embed;
        if (body.containsKey("items")) {
            if (body.containsKey("query") || body.containsKey("user")) {
                throw new IllegalArgumentException("give either [items] or [query] with [user], not both");
            }
            embed = EmbedRequest.items(modelId, items(body.get("items")));
        } else {
            Object user = body.get("user");
            if (user != null && !(user instanceof Map)) {
                throw new IllegalArgumentException("[user] must be an object (an inline user context) but was [" + user
                    + "]");
            }
            embed = EmbedRequest.user(modelId, RequestLimits.text(RequestBodies.requiredString(body, "query"), "[query]"),
                user == null ? null : GSON.toJson(user));
        }
        return channel -> client.execute(EmbedAction.INSTANCE, embed, new RestToXContentListener<>(channel));
    }

    private static List<ItemText> items(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("[items] must be an array of {\"item_id\", \"title\"} objects");
        }
        List<ItemText> items = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> item) || !(item.get("item_id") instanceof String itemId)
                || !(item.get("title") instanceof String title) || item.size() != 2) {
                throw new IllegalArgumentException("[items][" + i + "] must be {\"item_id\": string, \"title\": string}");
            }
            try {
                items.add(new ItemText(itemId, title));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("[items][" + i + "]" + e.getMessage(), e);
            }
        }
        return items;
    }
}

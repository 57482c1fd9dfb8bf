package org.mgdspr.plugin.rest;

import org.mgdspr.model.artifact.RegistryApi;
import org.mgdspr.model.features.RequestLimits;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.plugin.ingest.ItemText;
import org.mgdspr.plugin.serving.EmbedAction;
import org.mgdspr.plugin.serving.EmbedRequest;
import org.mgdspr.plugin.user.UserContextReader;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestToXContentListener;
import org.opensearch.transport.client.node.NodeClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.opensearch.rest.RestRequest.Method.POST;

/**
 * {@code POST _plugins/mgdspr/models/{model_id}/_embed}: the item tower's vectors for
 * {@code {"items": [{"item_id": "...", "title": "..."}]}}, or the user tower's vector for
 * {@code {"query": "...", "user": {...inline user context...}}}.
 */
public class RestEmbedAction extends BaseRestHandler {

    private static final String ITEMS = "items";
    private static final String QUERY = "query";
    private static final String USER = "user";
    private static final List<String> FIELDS = List.of(ITEMS, QUERY, USER);
    private static final String ITEMS_SHAPE = "[items] must be an array of {\"item_id\", \"title\"} objects";
    private static final String QUERY_SHAPE = "field [query] is required and must be a non-empty string";

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
        if (!request.hasContent()) {
            throw new IllegalArgumentException("request body is required, with fields " + FIELDS);
        }
        List<Object> items = null;
        String query = null;
        UserContext user = null;
        try (XContentParser parser = request.contentParser()) {
            if (parser.nextToken() != XContentParser.Token.START_OBJECT) {
                throw new IllegalArgumentException("request body must be a JSON object with fields " + FIELDS);
            }
            while (parser.nextToken() == XContentParser.Token.FIELD_NAME) {
                String field = parser.currentName();
                XContentParser.Token value = parser.nextToken();
                switch (field) {
                    case ITEMS -> {
                        if (value != XContentParser.Token.START_ARRAY) {
                            throw new IllegalArgumentException(ITEMS_SHAPE);
                        }
                        items = parser.list();
                    }
                    case QUERY -> {
                        if (value != XContentParser.Token.VALUE_STRING) {
                            throw new IllegalArgumentException(QUERY_SHAPE);
                        }
                        query = parser.text();
                    }
                    case USER -> user = value == XContentParser.Token.VALUE_NULL ? null
                        : UserContextReader.readObject(parser, "[user]");
                    default -> throw new IllegalArgumentException("unknown field [" + field + "], expected one of "
                        + FIELDS);
                }
            }
        }
        EmbedRequest embed;
        if (items != null) {
            if (query != null || user != null) {
                throw new IllegalArgumentException("give either [items] or [query] with [user], not both");
            }
            embed = EmbedRequest.items(modelId, items(items));
        } else {
            if (query == null || query.isEmpty()) {
                throw new IllegalArgumentException(QUERY_SHAPE);
            }
            embed = EmbedRequest.user(modelId, RequestLimits.text(query, "[query]"),
                user == null ? UserContext.EMPTY : user);
        }
        return channel -> client.execute(EmbedAction.INSTANCE, embed, new RestToXContentListener<>(channel));
    }

    private static List<ItemText> items(List<Object> list) {
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

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
 * {@code {"query": "...", "user": {...inline user context...}}}, whose words are read spelling-corrected (when the
 * model corrects spelling) unless {@code "spelling_correction": false}.
 */
public class RestEmbedAction extends BaseRestHandler {

    private static final String ITEMS = "items";
    private static final String QUERY = "query";
    private static final String USER = "user";
    private static final String SPELLING_CORRECTION = "spelling_correction";
    private static final List<String> FIELDS = List.of(ITEMS, QUERY, USER, SPELLING_CORRECTION);
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
        EmbedBody body = new EmbedBody();
        RequestBodies.readFields(request, FIELDS, body::read);
        EmbedRequest embed;
        if (body.items != null) {
            if (body.query != null || body.user != null || body.spellingCorrection != null) {
                throw new IllegalArgumentException("give either [items] or [query] with [user] and "
                    + "[spelling_correction], not both");
            }
            embed = EmbedRequest.items(modelId, items(body.items));
        } else {
            if (body.query == null || body.query.isEmpty()) {
                throw new IllegalArgumentException(QUERY_SHAPE);
            }
            embed = EmbedRequest.user(modelId, RequestLimits.text(body.query, "[query]"),
                body.user == null ? UserContext.EMPTY : body.user, body.spellingCorrection == null
                    || body.spellingCorrection);
        }
        return channel -> client.execute(EmbedAction.INSTANCE, embed, new RestToXContentListener<>(channel));
    }

    /** The body's fields as read from the parser; the user context straight into its own form. */
    private static final class EmbedBody {
        private List<Object> items;
        private String query;
        private UserContext user;
        private Boolean spellingCorrection;

        void read(String field, XContentParser parser) throws IOException {
            XContentParser.Token value = parser.currentToken();
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
                case SPELLING_CORRECTION -> {
                    if (value != XContentParser.Token.VALUE_BOOLEAN) {
                        throw new IllegalArgumentException("[" + SPELLING_CORRECTION + "] must be true or false");
                    }
                    spellingCorrection = parser.booleanValue();
                }
                case USER -> user = value == XContentParser.Token.VALUE_NULL ? null
                    : UserContextReader.readObject(parser, "[" + USER + "]");
                default -> throw new IllegalStateException("RequestBodies lets only " + FIELDS + " through, not " + field);
            }
        }
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

package org.mgdspr.plugin.serving;

import com.google.gson.JsonParser;

import org.mgdspr.model.features.RequestLimits;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.features.UserContextJson;
import org.mgdspr.plugin.ingest.ItemText;
import org.mgdspr.plugin.registry.ModelIds;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.opensearch.action.ValidateActions.addValidationError;

/**
 * Asks a model for embeddings, for debugging and for clients that index precomputed vectors: either items (the
 * item tower) or one query with its user context (the user tower). The user context travels as JSON in the
 * format of the {@code mgdspr} query's inline {@code user}.
 */
public class EmbedRequest extends ActionRequest {

    /** Items per request; larger batches belong in the ingest pipeline. */
    public static final int MAX_ITEMS = 1000;

    private final String modelId;
    private final List<ItemText> items;
    private final String query;
    private final String userJson;

    private EmbedRequest(String modelId, List<ItemText> items, String query, String userJson) {
        this.modelId = modelId;
        this.items = items;
        this.query = query;
        this.userJson = userJson;
    }

    public static EmbedRequest items(String modelId, List<ItemText> items) {
        return new EmbedRequest(modelId, List.copyOf(items), null, null);
    }

    public static EmbedRequest user(String modelId, String query, String userJson) {
        return new EmbedRequest(modelId, List.of(), query, userJson);
    }

    public EmbedRequest(StreamInput in) throws IOException {
        super(in);
        modelId = in.readString();
        int count = in.readVInt();
        List<ItemText> read = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            read.add(new ItemText(in.readString(), in.readString()));
        }
        items = List.copyOf(read);
        query = in.readOptionalString();
        userJson = in.readOptionalString();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeString(modelId);
        out.writeVInt(items.size());
        for (ItemText item : items) {
            out.writeString(item.itemId());
            out.writeString(item.title());
        }
        out.writeOptionalString(query);
        out.writeOptionalString(userJson);
    }

    @Override
    public ActionRequestValidationException validate() {
        ActionRequestValidationException errors = ModelIds.validate(modelId, null);
        if (query == null && items.isEmpty()) {
            errors = addValidationError("give either [items] or [query] (with an optional [user])", errors);
        }
        if (query != null && !items.isEmpty()) {
            errors = addValidationError("give either [items] or [query], not both", errors);
        }
        if (items.size() > MAX_ITEMS) {
            errors = addValidationError("at most " + MAX_ITEMS + " items per request, got " + items.size(), errors);
        }
        if (userJson != null) {
            try {
                userContext();
            } catch (RuntimeException e) {
                errors = addValidationError("[user] is invalid: " + e.getMessage(), errors);
            }
        }
        return errors;
    }

    public String modelId() {
        return modelId;
    }

    public List<ItemText> items() {
        return items;
    }

    public String query() {
        return query;
    }

    public boolean isUserRequest() {
        return query != null;
    }

    /** @throws IllegalArgumentException naming the path of the bad field */
    public UserContext userContext() {
        if (userJson == null) {
            return UserContext.EMPTY;
        }
        return RequestLimits.check(UserContextJson.fromJson(JsonParser.parseString(userJson), "user"), "user");
    }
}

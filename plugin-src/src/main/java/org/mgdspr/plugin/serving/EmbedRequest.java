package org.mgdspr.plugin.serving;

import org.mgdspr.model.features.RequestLimits;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.plugin.ingest.ItemText;
import org.mgdspr.plugin.registry.ModelIds;
import org.mgdspr.plugin.user.UserContextStream;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.opensearch.action.ValidateActions.addValidationError;

/**
 * Asks a model for embeddings, for debugging and for clients that index precomputed vectors: either items (the
 * item tower) or one query with its user context (the user tower), which travels in its transport form
 * ({@link UserContextStream}).
 */
public class EmbedRequest extends ActionRequest {

    /** Items per request; larger batches belong in the ingest pipeline. */
    public static final int MAX_ITEMS = 1000;

    private final String modelId;
    private final List<ItemText> items;
    private final String query;
    private final UserContext user;
    private final boolean spellingCorrection;

    private EmbedRequest(String modelId, List<ItemText> items, String query, UserContext user,
                         boolean spellingCorrection) {
        this.modelId = modelId;
        this.items = items;
        this.query = query;
        this.user = user;
        this.spellingCorrection = spellingCorrection;
    }

    public static EmbedRequest items(String modelId, List<ItemText> items) {
        return new EmbedRequest(modelId, List.copyOf(items), null, UserContext.EMPTY, true);
    }

    public static EmbedRequest user(String modelId, String query, UserContext user) {
        return user(modelId, query, user, true);
    }

    /**
     * @param spellingCorrection whether the tower reads the query's words spelling-corrected when the model corrects
     *                           spelling (as the {@code mgdspr} query's {@code spelling_correction})
     */
    public static EmbedRequest user(String modelId, String query, UserContext user, boolean spellingCorrection) {
        return new EmbedRequest(modelId, List.of(), query, Objects.requireNonNull(user, "user"), spellingCorrection);
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
        user = UserContextStream.read(in);
        spellingCorrection = in.readBoolean();
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
        UserContextStream.write(out, user);
        out.writeBoolean(spellingCorrection);
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
        try {
            RequestLimits.check(user, "[user]");
        } catch (IllegalArgumentException e) {
            errors = addValidationError(e.getMessage(), errors);
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

    /** Whether a user request's query is read spelling-corrected, when the model corrects spelling. */
    public boolean spellingCorrection() {
        return spellingCorrection;
    }

    /** The user context of a user request; empty for items. */
    public UserContext userContext() {
        return user;
    }
}

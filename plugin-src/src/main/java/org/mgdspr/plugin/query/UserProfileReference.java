package org.mgdspr.plugin.query;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.mgdspr.model.features.RequestLimits;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.features.UserContextJson;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.get.GetRequest;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.transport.client.Client;

import java.io.IOException;
import java.util.List;

/**
 * A user context stored as a document of a user-profile index in the same cluster. The document holds the fields of
 * an inline context ({@code real_time}, {@code short_term}, {@code long_term}, {@code query_history}) at the top level
 * of its source; other fields (a name, a segment, ...) are ignored.
 */
public record UserProfileReference(String index, String id) implements UserSource {

    private static final List<String> CONTEXT_FIELDS = List.of(UserContextJson.REAL_TIME, UserContextJson.SHORT_TERM,
        UserContextJson.LONG_TERM, UserContextJson.QUERY_HISTORY);

    public UserProfileReference {
        if (index == null || index.isBlank()) {
            throw new IllegalArgumentException("[user.index] must name the user-profile index");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("[user.id] must name the user-profile document");
        }
    }

    static UserProfileReference readFrom(StreamInput in) throws IOException {
        return new UserProfileReference(in.readString(), in.readString());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(index);
        out.writeString(id);
    }

    @Override
    public void resolve(Client client, ActionListener<UserContext> listener) {
        client.get(new GetRequest(index, id), ActionListener.wrap(response -> {
            if (!response.isExists() || response.isSourceEmpty()) {
                throw new ResourceNotFoundException("user profile [" + id + "] not found in index [" + index + "]");
            }
            listener.onResponse(contextOf(response.getSourceAsString()));
        }, listener::onFailure));
    }

    UserContext contextOf(String sourceJson) {
        JsonElement source = JsonParser.parseString(sourceJson);
        JsonObject context = new JsonObject();
        for (String field : CONTEXT_FIELDS) {
            JsonElement value = source.getAsJsonObject().get(field);
            if (value != null) {
                context.add(field, value);
            }
        }
        String path = "user profile [" + index + "/" + id + "]";
        return RequestLimits.check(UserContextJson.fromJson(context, path), path);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        return builder.startObject(MgdsprQueryParser.USER.getPreferredName()).field("index", index).field("id", id)
            .endObject();
    }
}

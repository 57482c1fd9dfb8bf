package org.mgdspr.plugin.query;

import org.mgdspr.model.features.UserContext;
import org.mgdspr.plugin.user.UserContextReader;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.get.GetRequest;
import org.opensearch.common.xcontent.XContentHelper;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.MediaTypeRegistry;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.transport.client.Client;

import java.io.IOException;

/**
 * A user context stored as a document of a user-profile index in the same cluster. The document holds the fields of
 * an inline context ({@code real_time}, {@code short_term}, {@code long_term}, {@code query_history}) at the top level
 * of its source; other fields (a name, a segment, ...) are ignored.
 */
public record UserProfileReference(String index, String id) implements UserSource {

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
            listener.onResponse(contextOf(response.getSourceAsBytesRef()));
        }, listener::onFailure));
    }

    /** The context in a profile document's source, read by {@link UserContextReader#readDocument}. */
    UserContext contextOf(BytesReference source) throws IOException {
        try (XContentParser parser = XContentHelper.createParser(NamedXContentRegistry.EMPTY,
            DeprecationHandler.THROW_UNSUPPORTED_OPERATION, source, MediaTypeRegistry.xContentType(source))) {
            return UserContextReader.readDocument(parser, "user profile [" + index + "/" + id + "]");
        }
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        return builder.startObject(MgdsprQueryParser.USER.getPreferredName()).field("index", index).field("id", id)
            .endObject();
    }
}

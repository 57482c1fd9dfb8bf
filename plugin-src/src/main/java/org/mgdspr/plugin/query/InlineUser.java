package org.mgdspr.plugin.query;

import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.features.UserContextJson;
import org.mgdspr.plugin.user.UserContextStream;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.transport.client.Client;

import java.io.IOException;
import java.util.Objects;

/** A user context given in the request, in the JSON form of {@link UserContextJson}. */
public record InlineUser(UserContext context) implements UserSource {

    public static final InlineUser ANONYMOUS = new InlineUser(UserContext.EMPTY);

    public InlineUser {
        Objects.requireNonNull(context, "context");
    }

    static InlineUser readFrom(StreamInput in) throws IOException {
        return new InlineUser(UserContextStream.read(in));
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        UserContextStream.write(out, context);
    }

    @Override
    public void resolve(Client client, ActionListener<UserContext> listener) {
        listener.onResponse(context);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        String json = UserContextJson.toJson(context).toString();
        try (XContentParser parser = JsonXContent.jsonXContent.createParser(NamedXContentRegistry.EMPTY,
            DeprecationHandler.THROW_UNSUPPORTED_OPERATION, json)) {
            parser.nextToken();
            return builder.field(MgdsprQueryParser.USER.getPreferredName()).copyCurrentStructure(parser);
        }
    }
}

package org.mgdspr.plugin.query;

import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.features.UserContextJson;
import org.mgdspr.plugin.user.UserContextStream;
import org.mgdspr.plugin.user.UserContextWriter;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
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
        return UserContextWriter.write(builder, MgdsprQueryParser.USER.getPreferredName(), context);
    }
}

package org.mgdspr.plugin.query;

import org.mgdspr.model.features.UserContext;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ToXContentFragment;
import org.opensearch.transport.client.Client;

import java.io.IOException;

/** Where a {@code mgdspr} search takes the user context from: the request itself, or a user-profile document. */
public sealed interface UserSource extends Writeable, ToXContentFragment permits InlineUser, UserProfileReference {

    /** Resolves the context on the coordinating node; {@code client} serves profile lookups. */
    void resolve(Client client, ActionListener<UserContext> listener);

    static UserSource readFrom(StreamInput in) throws IOException {
        return in.readBoolean() ? UserProfileReference.readFrom(in) : InlineUser.readFrom(in);
    }

    /** Writes the kind tag that {@link #readFrom} dispatches on, then the source itself. */
    static void write(UserSource source, StreamOutput out) throws IOException {
        out.writeBoolean(source instanceof UserProfileReference);
        source.writeTo(out);
    }
}

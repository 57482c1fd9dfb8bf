package org.mgdspr.plugin.query;

import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ToXContentFragment;
import org.opensearch.core.xcontent.XContentBuilder;

import java.io.IOException;

/**
 * The {@code fusion_weights} of a {@code mgdspr} query: how much each channel counts in {@code rrf} and
 * {@code weighted} fusion. Only their ratio matters. The values are checked with the rest of the fusion settings.
 */
public record FusionWeights(double knn, double lexical) implements Writeable, ToXContentFragment {

    public static FusionWeights readFrom(StreamInput in) throws IOException {
        return new FusionWeights(in.readDouble(), in.readDouble());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeDouble(knn);
        out.writeDouble(lexical);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        return builder.startObject(MgdsprQueryParser.FUSION_WEIGHTS.getPreferredName())
            .field(MgdsprQueryBuilder.KNN_CHANNEL, knn)
            .field(MgdsprQueryBuilder.LEXICAL_CHANNEL, lexical)
            .endObject();
    }
}

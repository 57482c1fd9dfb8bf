package org.mgdspr.plugin.query;

import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ToXContentFragment;
import org.opensearch.core.xcontent.XContentBuilder;

import java.io.IOException;
import java.util.List;

/**
 * The inverted-index channel of a {@code mgdspr} search: BM25 over {@code fields} with the query text (a
 * {@code multi_match} of type {@code best_fields}), its global top {@code k} over the searched indices joining the
 * fusion.
 *
 * @param fields the text fields to match
 * @param k      documents it contributes, or {@code null} for the query's {@code k}
 */
public record LexicalChannel(List<String> fields, Integer k) implements Writeable, ToXContentFragment {

    public LexicalChannel {
        fields = List.copyOf(fields);
        if (fields.isEmpty() || fields.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("[lexical.fields] must name at least one field, without blanks");
        }
        if (k != null && (k < 1 || k > MgdsprQueryBuilder.MAX_K)) {
            throw new IllegalArgumentException("[lexical.k] must be between 1 and " + MgdsprQueryBuilder.MAX_K
                + " but was " + k);
        }
    }

    public int kOr(int queryK) {
        return k == null ? queryK : k;
    }

    public static LexicalChannel readFrom(StreamInput in) throws IOException {
        return new LexicalChannel(in.readStringList(), in.readOptionalVInt());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeStringCollection(fields);
        out.writeOptionalVInt(k);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject(MgdsprQueryParser.LEXICAL.getPreferredName());
        builder.field("fields", fields);
        if (k != null) {
            builder.field("k", k);
        }
        return builder.endObject();
    }
}

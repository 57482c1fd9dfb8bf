package org.mgdspr.plugin.query;

import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ToXContentFragment;
import org.opensearch.core.xcontent.XContentBuilder;

import java.io.IOException;
import java.util.List;

/**
 * The paper's boolean relevance control (§4.3): every key term of the query must occur, as a phrase, in at least one
 * of {@code fields} of a retrieved item.
 *
 * @param mode      where the key terms come from
 * @param terms     the key terms when {@code mode} is {@code explicit}, otherwise empty
 * @param fields    the text fields that must carry the key terms
 * @param placement post-filter (paper) or pre-filter inside the k-NN search
 */
public record RelevanceControl(KeyTermMode mode, List<String> terms, List<String> fields, FilterPlacement placement)
    implements Writeable, ToXContentFragment {

    public static final RelevanceControl OFF = new RelevanceControl(KeyTermMode.OFF, List.of(), List.of("title"),
        FilterPlacement.POST_FILTER);

    public RelevanceControl {
        terms = List.copyOf(terms);
        fields = List.copyOf(fields);
        if (mode == KeyTermMode.EXPLICIT && terms.isEmpty()) {
            throw new IllegalArgumentException("[relevance_control.terms] must list at least one key term when mode is "
                + "[explicit]");
        }
        if (mode != KeyTermMode.EXPLICIT && !terms.isEmpty()) {
            throw new IllegalArgumentException("[relevance_control.terms] is only allowed when mode is [explicit], not ["
                + mode.jsonName() + "]");
        }
        if (terms.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("[relevance_control.terms] must not contain blank terms");
        }
        if (fields.isEmpty() || fields.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("[relevance_control.fields] must name at least one field, without blanks");
        }
    }

    public static RelevanceControl readFrom(StreamInput in) throws IOException {
        return new RelevanceControl(in.readEnum(KeyTermMode.class), in.readStringList(), in.readStringList(),
            in.readEnum(FilterPlacement.class));
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeEnum(mode);
        out.writeStringCollection(terms);
        out.writeStringCollection(fields);
        out.writeEnum(placement);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject(MgdsprQueryParser.RELEVANCE_CONTROL.getPreferredName());
        builder.field("mode", mode.jsonName());
        if (!terms.isEmpty()) {
            builder.field("terms", terms);
        }
        builder.field("fields", fields);
        builder.field("apply", placement.jsonName());
        return builder.endObject();
    }
}

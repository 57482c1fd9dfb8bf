package org.mgdspr.plugin.fusion;

import org.opensearch.core.common.ParsingException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * How a channel orders documents of equal score, which decides their ranks and which of them its top {@code k}
 * keeps. BM25 gives equal scores to every document with the same matches and field length, so on catalogs of short
 * titles most lexical lists end inside a run of equal scores.
 *
 * @param kind  which order
 * @param field for {@link Kind#FIELD}, the field whose values order the ties; {@code null} otherwise
 */
public record TieOrder(Kind kind, String field) implements Writeable {

    public enum Kind {
        /**
         * By index name, then {@code _id}: the lists, and so the fused result, do not depend on the number of shards
         * nor on which copy of a shard answers. It reads the stored {@code _id} of every document in a run of equal
         * scores that reaches into the top {@code k}, and may search again for the documents tied at the cut.
         */
        ID,
        /**
         * As a plain search orders them: by shard, then by Lucene document number. No stored field is read and no
         * second search runs, but equal scores may be ordered differently on another number of shards or replica.
         */
        SHARD,
        /**
         * By a field's doc values, ascending, as a search sorted on {@code _score} and then that field orders them:
         * the shard reads the field's doc values of the tied documents, not their stored fields, and with a field
         * that is unique per document (a SKU) the order does not depend on the shards either. Documents without a
         * value, or with the same one, follow in shard order.
         */
        FIELD
    }

    public static final TieOrder ID = new TieOrder(Kind.ID, null);
    public static final TieOrder SHARD = new TieOrder(Kind.SHARD, null);

    private static final String FIELD_KEY = "field";
    private static final String EXPECTED =
        "[tie_order] must be [id], [shard] or {\"field\": <a field with doc values>}";

    public TieOrder {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.FIELD) != (field != null)) {
            throw new IllegalArgumentException("a tie order names a field if and only if it is [field], got " + kind
                + " with field [" + field + "]");
        }
        if (field != null && field.isBlank()) {
            throw new IllegalArgumentException("[tie_order.field] must name a field");
        }
    }

    public static TieOrder byField(String field) {
        return new TieOrder(Kind.FIELD, field);
    }

    /** Whether the order reads {@code _id}. */
    public boolean byId() {
        return kind == Kind.ID;
    }

    /** Whether the order reads a field's doc values. */
    public boolean byField() {
        return kind == Kind.FIELD;
    }

    /**
     * Whether a shard reads a key of each tied document ({@code _id} or the field's value), and so looks beyond the
     * cut for the documents tied at it.
     */
    public boolean byKey() {
        return kind != Kind.SHARD;
    }

    public static TieOrder readFrom(StreamInput in) throws IOException {
        return new TieOrder(in.readEnum(Kind.class), in.readOptionalString());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeEnum(kind);
        out.writeOptionalString(field);
    }

    /** Writes the value of a {@code tie_order} field: {@code "id"}, {@code "shard"} or {@code {"field": name}}. */
    public XContentBuilder valueToXContent(XContentBuilder builder) throws IOException {
        return kind == Kind.FIELD ? builder.startObject().field(FIELD_KEY, field).endObject()
            : builder.value(kind.name().toLowerCase(Locale.ROOT));
    }

    /** Reads the value {@link #valueToXContent} writes; the parser is on it. */
    public static TieOrder parse(XContentParser parser) throws IOException {
        XContentParser.Token token = parser.currentToken();
        if (token == XContentParser.Token.VALUE_STRING) {
            String name = parser.text();
            for (Kind kind : new Kind[] {Kind.ID, Kind.SHARD}) {
                if (kind.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return new TieOrder(kind, null);
                }
            }
            throw new ParsingException(parser.getTokenLocation(), EXPECTED + " but was [" + name + "]");
        }
        if (token != XContentParser.Token.START_OBJECT) {
            throw new ParsingException(parser.getTokenLocation(), EXPECTED + " but was " + switch (token) {
                case START_ARRAY -> "an array";
                case VALUE_NUMBER -> "a number";
                case VALUE_BOOLEAN -> "a boolean";
                default -> String.valueOf(token);
            });
        }
        String field = null;
        for (token = parser.nextToken(); token != XContentParser.Token.END_OBJECT; token = parser.nextToken()) {
            String key = parser.currentName();
            parser.nextToken();
            if (!FIELD_KEY.equals(key) || parser.currentToken() != XContentParser.Token.VALUE_STRING) {
                throw new ParsingException(parser.getTokenLocation(), EXPECTED + ", got [" + key + "]");
            }
            field = parser.text();
        }
        if (field == null) {
            throw new ParsingException(parser.getTokenLocation(), EXPECTED + "; the object has no [field]");
        }
        try {
            return byField(field);
        } catch (IllegalArgumentException e) {
            throw new ParsingException(parser.getTokenLocation(), e.getMessage(), e);
        }
    }
}

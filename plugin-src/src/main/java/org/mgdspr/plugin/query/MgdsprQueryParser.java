package org.mgdspr.plugin.query;

import org.mgdspr.model.features.RequestLimits;
import org.mgdspr.model.fusion.ScoreNormalization;
import org.mgdspr.plugin.fusion.TieOrder;
import org.mgdspr.plugin.serving.QueryEncoder;
import org.opensearch.core.ParseField;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.xcontent.XContentLocation;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.query.AbstractQueryBuilder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Parses the body of a {@code mgdspr} query. Every field is checked here or in the builder's validation, and every
 * error names the field: unknown fields, wrong types and bad values are rejected with a 400.
 */
public final class MgdsprQueryParser {

    static final ParseField MODEL_ID = new ParseField("model_id");
    static final ParseField FIELD = new ParseField("field");
    static final ParseField QUERY = new ParseField("query");
    static final ParseField USER = new ParseField("user");
    static final ParseField K = new ParseField("k");
    static final ParseField FILTER = new ParseField("filter");
    static final ParseField RELEVANCE_CONTROL = new ParseField("relevance_control");
    static final ParseField LEXICAL = new ParseField("lexical");
    static final ParseField FUSION = new ParseField("fusion");
    static final ParseField RANK_CONSTANT = new ParseField("rank_constant");
    static final ParseField FUSION_WEIGHTS = new ParseField("fusion_weights");
    static final ParseField NORMALIZATION = new ParseField("normalization");
    static final ParseField TIE_ORDER = new ParseField("tie_order");
    static final ParseField PROVENANCE = new ParseField("provenance");
    static final ParseField EXACT = new ParseField("exact");
    static final ParseField SPELLING_CORRECTION = new ParseField("spelling_correction");
    static final ParseField BRAND_BOOST = new ParseField("brand_boost");

    private MgdsprQueryParser() {}

    public static MgdsprQueryBuilder parse(XContentParser parser, Supplier<QueryEncoder> encoder,
                                           SearchTargets targets) throws IOException {
        MgdsprQueryBuilder.Builder builder = MgdsprQueryBuilder.builder();
        String currentField = null;
        XContentParser.Token token;
        while ((token = parser.nextToken()) != XContentParser.Token.END_OBJECT) {
            if (token == XContentParser.Token.FIELD_NAME) {
                currentField = parser.currentName();
            } else if (token == XContentParser.Token.START_OBJECT) {
                if (USER.match(currentField, parser.getDeprecationHandler())) {
                    builder.user(UserSourceParser.parse(parser));
                } else if (FILTER.match(currentField, parser.getDeprecationHandler())) {
                    builder.filter(AbstractQueryBuilder.parseInnerQueryBuilder(parser));
                } else if (RELEVANCE_CONTROL.match(currentField, parser.getDeprecationHandler())) {
                    builder.relevanceControl(parseRelevanceControl(parser));
                } else if (LEXICAL.match(currentField, parser.getDeprecationHandler())) {
                    builder.lexical(parseLexical(parser));
                } else if (FUSION_WEIGHTS.match(currentField, parser.getDeprecationHandler())) {
                    builder.fusionWeights(parseFusionWeights(parser));
                } else if (TIE_ORDER.match(currentField, parser.getDeprecationHandler())) {
                    builder.tieOrder(TieOrder.parse(parser));
                } else if (BRAND_BOOST.match(currentField, parser.getDeprecationHandler())) {
                    builder.brandBoost(parseBrandBoost(parser));
                } else {
                    throw unexpected(parser, currentField, token);
                }
            } else if (token.isValue()) {
                if (MODEL_ID.match(currentField, parser.getDeprecationHandler())) {
                    builder.modelId(text(parser, MODEL_ID.getPreferredName()));
                } else if (FIELD.match(currentField, parser.getDeprecationHandler())) {
                    builder.field(text(parser, FIELD.getPreferredName()));
                } else if (QUERY.match(currentField, parser.getDeprecationHandler())) {
                    builder.queryText(limitedText(parser, QUERY.getPreferredName()));
                } else if (K.match(currentField, parser.getDeprecationHandler())) {
                    builder.k(integer(parser, K.getPreferredName()));
                } else if (FUSION.match(currentField, parser.getDeprecationHandler())) {
                    builder.fusion(enumValue(FusionMode.class, text(parser, FUSION.getPreferredName()), "[fusion]"));
                } else if (NORMALIZATION.match(currentField, parser.getDeprecationHandler())) {
                    builder.normalization(enumValue(ScoreNormalization.class,
                        text(parser, NORMALIZATION.getPreferredName()), "[normalization]"));
                } else if (TIE_ORDER.match(currentField, parser.getDeprecationHandler())) {
                    builder.tieOrder(TieOrder.parse(parser));
                } else if (RANK_CONSTANT.match(currentField, parser.getDeprecationHandler())) {
                    builder.rankConstant(integer(parser, RANK_CONSTANT.getPreferredName()));
                } else if (PROVENANCE.match(currentField, parser.getDeprecationHandler())) {
                    builder.provenance(bool(parser, PROVENANCE.getPreferredName()));
                } else if (EXACT.match(currentField, parser.getDeprecationHandler())) {
                    builder.exact(bool(parser, EXACT.getPreferredName()));
                } else if (SPELLING_CORRECTION.match(currentField, parser.getDeprecationHandler())) {
                    builder.spellingCorrection(bool(parser, SPELLING_CORRECTION.getPreferredName()));
                } else if (AbstractQueryBuilder.BOOST_FIELD.match(currentField, parser.getDeprecationHandler())) {
                    builder.boost((float) number(parser, AbstractQueryBuilder.BOOST_FIELD.getPreferredName()));
                } else if (AbstractQueryBuilder.NAME_FIELD.match(currentField, parser.getDeprecationHandler())) {
                    builder.queryName(text(parser, AbstractQueryBuilder.NAME_FIELD.getPreferredName()));
                } else {
                    throw unexpected(parser, currentField, token);
                }
            } else {
                throw unexpected(parser, currentField, token);
            }
        }
        try {
            return builder.encoder(encoder).targets(targets).build();
        } catch (IllegalArgumentException e) {
            throw new ParsingException(parser.getTokenLocation(), e.getMessage(), e);
        }
    }

    private static RelevanceControl parseRelevanceControl(XContentParser parser) throws IOException {
        XContentLocation location = parser.getTokenLocation();
        Map<String, Object> values = readFields(parser, RELEVANCE_CONTROL.getPreferredName(), Map.of(
            "mode", MgdsprQueryParser::text, "terms", MgdsprQueryParser::strings,
            "fields", MgdsprQueryParser::strings, "apply", MgdsprQueryParser::text));
        try {
            return new RelevanceControl(
                enumValue(KeyTermMode.class, (String) values.getOrDefault("mode", KeyTermMode.AUTO.jsonName()),
                    "[relevance_control.mode]"),
                stringList(values.getOrDefault("terms", List.of())),
                stringList(values.getOrDefault("fields", RelevanceControl.OFF.fields())),
                enumValue(FilterPlacement.class,
                    (String) values.getOrDefault("apply", FilterPlacement.POST_FILTER.jsonName()),
                    "[relevance_control.apply]"));
        } catch (IllegalArgumentException e) {
            throw new ParsingException(location, e.getMessage(), e);
        }
    }

    private static LexicalChannel parseLexical(XContentParser parser) throws IOException {
        XContentLocation location = parser.getTokenLocation();
        Map<String, Object> values = readFields(parser, LEXICAL.getPreferredName(), Map.of(
            "fields", MgdsprQueryParser::strings, "k", MgdsprQueryParser::integer));
        try {
            return new LexicalChannel(stringList(values.getOrDefault("fields", List.of())), (Integer) values.get("k"));
        } catch (IllegalArgumentException e) {
            throw new ParsingException(location, e.getMessage(), e);
        }
    }

    private static BrandBoost parseBrandBoost(XContentParser parser) throws IOException {
        XContentLocation location = parser.getTokenLocation();
        Map<String, Object> values = readFields(parser, BRAND_BOOST.getPreferredName(), Map.of(
            "field", MgdsprQueryParser::text, "weight", MgdsprQueryParser::weightOrAuto,
            "candidates", MgdsprQueryParser::integer));
        if (!values.containsKey("weight")) {
            throw new ParsingException(location, "[" + BRAND_BOOST.getPreferredName() + "] requires [weight]");
        }
        try {
            Object weight = values.get("weight");
            return new BrandBoost((String) values.get("field"),
                weight instanceof Double number ? number.floatValue() : null, (Integer) values.get("candidates"));
        } catch (IllegalArgumentException e) {
            throw new ParsingException(location, e.getMessage(), e);
        }
    }

    private static FusionWeights parseFusionWeights(XContentParser parser) throws IOException {
        XContentLocation location = parser.getTokenLocation();
        Map<String, Object> values = readFields(parser, FUSION_WEIGHTS.getPreferredName(), Map.of(
            MgdsprQueryBuilder.KNN_CHANNEL, MgdsprQueryParser::number,
            MgdsprQueryBuilder.LEXICAL_CHANNEL, MgdsprQueryParser::number));
        if (values.size() != 2) {
            throw new ParsingException(location, "[" + FUSION_WEIGHTS.getPreferredName() + "] needs a weight for both ["
                + MgdsprQueryBuilder.KNN_CHANNEL + "] and [" + MgdsprQueryBuilder.LEXICAL_CHANNEL + "]");
        }
        return new FusionWeights((Double) values.get(MgdsprQueryBuilder.KNN_CHANNEL),
            (Double) values.get(MgdsprQueryBuilder.LEXICAL_CHANNEL));
    }

    @FunctionalInterface
    private interface ValueReader {
        Object read(XContentParser parser, String name) throws IOException;
    }

    /** Reads the fields of the current object, each with its reader; any other field is an error naming it. */
    private static Map<String, Object> readFields(XContentParser parser, String object, Map<String, ValueReader> readers)
        throws IOException {
        Map<String, Object> values = new HashMap<>();
        String currentField = null;
        XContentParser.Token token;
        while ((token = parser.nextToken()) != XContentParser.Token.END_OBJECT) {
            if (token == XContentParser.Token.FIELD_NAME) {
                currentField = parser.currentName();
                continue;
            }
            ValueReader reader = readers.get(currentField);
            if (reader == null) {
                throw new ParsingException(parser.getTokenLocation(), "[" + object + "] does not support [" + currentField
                    + "], expected one of " + new TreeSet<>(readers.keySet()));
            }
            values.put(currentField, reader.read(parser, object + "." + currentField));
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringList(Object value) {
        return (List<String>) value;
    }

    /** What each top-level field holds, so a value of the wrong kind is named as such rather than as unknown. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
        Map.entry(MODEL_ID.getPreferredName(), "a string"), Map.entry(FIELD.getPreferredName(), "a string"),
        Map.entry(QUERY.getPreferredName(), "a string"), Map.entry(FUSION.getPreferredName(), "a string"),
        Map.entry(NORMALIZATION.getPreferredName(), "a string"), Map.entry(TIE_ORDER.getPreferredName(),
            "[id], [shard] or {\"field\": <a field with doc values>}"),
        Map.entry(AbstractQueryBuilder.NAME_FIELD.getPreferredName(), "a string"),
        Map.entry(K.getPreferredName(), "an integer"), Map.entry(RANK_CONSTANT.getPreferredName(), "an integer"),
        Map.entry(PROVENANCE.getPreferredName(), "true or false"), Map.entry(EXACT.getPreferredName(), "true or false"),
        Map.entry(SPELLING_CORRECTION.getPreferredName(), "true or false"),
        Map.entry(AbstractQueryBuilder.BOOST_FIELD.getPreferredName(), "a number"),
        Map.entry(USER.getPreferredName(), "an object (an inline user context, or {\"index\", \"id\"} of a profile)"),
        Map.entry(FILTER.getPreferredName(), "an object (a query)"),
        Map.entry(RELEVANCE_CONTROL.getPreferredName(), "an object"), Map.entry(LEXICAL.getPreferredName(), "an object"),
        Map.entry(FUSION_WEIGHTS.getPreferredName(), "an object"), Map.entry(BRAND_BOOST.getPreferredName(),
            "an object"));

    private static ParsingException unexpected(XContentParser parser, String field, XContentParser.Token token) {
        String expected = EXPECTED.get(field);
        if (expected == null) {
            return new ParsingException(parser.getTokenLocation(), "[" + MgdsprQueryBuilder.NAME + "] query does not "
                + "support [" + field + "], expected one of " + new TreeSet<>(EXPECTED.keySet()));
        }
        return new ParsingException(parser.getTokenLocation(), "[" + field + "] must be " + expected + " but was "
            + describe(token));
    }

    private static String describe(XContentParser.Token token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER -> "a number";
            case VALUE_BOOLEAN -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    private static String text(XContentParser parser, String name) throws IOException {
        if (parser.currentToken() != XContentParser.Token.VALUE_STRING) {
            throw new ParsingException(parser.getTokenLocation(), "[" + name + "] must be a string but was "
                + describe(parser.currentToken()));
        }
        return parser.text();
    }

    /** A text the towers read, refused above {@link RequestLimits#MAX_TEXT_CHARS}. */
    private static String limitedText(XContentParser parser, String name) throws IOException {
        String text = text(parser, name);
        try {
            return RequestLimits.text(text, "[" + name + "]");
        } catch (IllegalArgumentException e) {
            throw new ParsingException(parser.getTokenLocation(), e.getMessage(), e);
        }
    }

    /** The constant whose lower-case name is {@code value}; the error lists every accepted name. */
    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String label) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String name = constant.name().toLowerCase(Locale.ROOT);
            if (name.equals(value)) {
                return constant;
            }
            names.add(name);
        }
        throw new IllegalArgumentException(label + " must be one of " + names + " but was [" + value + "]");
    }

    private static boolean bool(XContentParser parser, String name) throws IOException {
        if (parser.currentToken() != XContentParser.Token.VALUE_BOOLEAN) {
            throw new ParsingException(parser.getTokenLocation(), "[" + name + "] must be true or false but was "
                + describe(parser.currentToken()));
        }
        return parser.booleanValue();
    }

    private static int integer(XContentParser parser, String name) throws IOException {
        if (parser.currentToken() != XContentParser.Token.VALUE_NUMBER) {
            throw new ParsingException(parser.getTokenLocation(), "[" + name + "] must be an integer but was "
                + describe(parser.currentToken()));
        }
        return switch (parser.numberType()) {
            case INT, LONG -> {
                long value = parser.longValue();
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    throw new ParsingException(parser.getTokenLocation(), "[" + name + "] is out of range: " + value);
                }
                yield (int) value;
            }
            default -> throw new ParsingException(parser.getTokenLocation(), "[" + name + "] must be an integer but was "
                + parser.text());
        };
    }

    private static double number(XContentParser parser, String name) throws IOException {
        if (parser.currentToken() != XContentParser.Token.VALUE_NUMBER) {
            throw new ParsingException(parser.getTokenLocation(), "[" + name + "] must be a number but was "
                + describe(parser.currentToken()) + (parser.currentToken() == XContentParser.Token.VALUE_STRING
                ? " [" + parser.text() + "]" : ""));
        }
        return parser.doubleValue();
    }

    /** A number, or the string {@code auto} as itself. */
    private static Object weightOrAuto(XContentParser parser, String name) throws IOException {
        if (parser.currentToken() == XContentParser.Token.VALUE_STRING && BrandBoost.AUTO.equals(parser.text())) {
            return BrandBoost.AUTO;
        }
        if (parser.currentToken() != XContentParser.Token.VALUE_NUMBER) {
            boolean text = parser.currentToken() == XContentParser.Token.VALUE_STRING;
            throw new ParsingException(parser.getTokenLocation(), "[" + name + "] must be a number or ["
                + BrandBoost.AUTO + "] but was " + describe(parser.currentToken()) + (text ? " [" + parser.text() + "]"
                : ""));
        }
        return parser.doubleValue();
    }

    private static List<String> strings(XContentParser parser, String name) throws IOException {
        if (parser.currentToken() != XContentParser.Token.START_ARRAY) {
            throw new ParsingException(parser.getTokenLocation(), "[" + name + "] must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        while (parser.nextToken() != XContentParser.Token.END_ARRAY) {
            values.add(text(parser, name + "[" + values.size() + "]"));
        }
        return values;
    }
}

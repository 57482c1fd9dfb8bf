package org.mgdspr.plugin.query;

import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.LongTermList;
import org.mgdspr.model.features.RequestLimits;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.features.UserContextJson;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.xcontent.XContentLocation;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.core.xcontent.XContentParser.Token;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the {@code user} object of a {@code mgdspr} query straight from the request's tokens: a profile reference
 * ({@code index} and {@code id}) or an inline context in the JSON form of {@link UserContextJson}, with the same
 * rules (unknown fields rejected, null and absent lists empty, numeric ids kept in their JSON text, empty list
 * entries dropped) and {@link RequestLimits}. A context at the model's limits is several kilobytes, and reading it
 * into a map and a JSON tree first cost more than the feature encoding of the whole query.
 */
final class UserSourceParser {

    private static final String PATH = "[user]";
    private static final String INDEX = "index";
    private static final String ID = "id";
    private static final Map<String, LongTermList> LONG_TERM_KEYS = Arrays.stream(LongTermList.values())
        .collect(Collectors.toUnmodifiableMap(UserContextJson::key, list -> list));

    private final XContentParser parser;
    private final List<BehaviorItem> realTime = new ArrayList<>();
    private final List<BehaviorItem> shortTerm = new ArrayList<>();
    private final Map<LongTermList, List<String>> longTerm = new EnumMap<>(LongTermList.class);
    private final List<String> queryHistory = new ArrayList<>();
    private String index;
    private String id;
    private boolean referenceKey;
    private String firstContextKey;
    private String firstUnknownKey;

    private UserSourceParser(XContentParser parser) {
        this.parser = parser;
    }

    /** Reads the object the parser is on; errors name the field under {@code user}, or the limit it exceeds. */
    static UserSource parse(XContentParser parser) throws IOException {
        XContentLocation location = parser.getTokenLocation();
        try {
            return new UserSourceParser(parser).read();
        } catch (IllegalArgumentException e) {
            throw new ParsingException(location, e.getMessage(), e);
        }
    }

    private UserSource read() throws IOException {
        expect(Token.START_OBJECT, PATH, "an object");
        Token token;
        while ((token = parser.nextToken()) == Token.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            if (key.equals(INDEX) || key.equals(ID)) {
                referenceKey = true;
                String value = referenceValue("user." + key);
                if (key.equals(INDEX)) {
                    index = value;
                } else {
                    id = value;
                }
                continue;
            }
            if (firstContextKey == null) {
                firstContextKey = key;
            }
            switch (key) {
                case UserContextJson.REAL_TIME -> behaviorList(realTime, PATH + "." + key);
                case UserContextJson.SHORT_TERM -> behaviorList(shortTerm, PATH + "." + key);
                case UserContextJson.LONG_TERM -> longTermLists(PATH + "." + key);
                case UserContextJson.QUERY_HISTORY -> strings(queryHistory, PATH + "." + key);
                default -> {
                    if (firstUnknownKey == null) {
                        firstUnknownKey = key;
                    }
                    parser.skipChildren();
                }
            }
        }
        if (token != Token.END_OBJECT) {
            throw new IllegalArgumentException(PATH + " ended early");
        }
        // a profile reference has exactly the keys index and id; anything else is an inline context
        if (referenceKey) {
            if (firstContextKey != null) {
                throw new IllegalArgumentException(PATH + " is a profile reference (index, id) and must not also "
                    + "carry [" + firstContextKey + "]");
            }
            return new UserProfileReference(index, id);
        }
        if (firstUnknownKey != null) {
            throw new IllegalArgumentException(PATH + "." + firstUnknownKey + " is not a user context field, expected "
                + "one of [" + UserContextJson.REAL_TIME + ", " + UserContextJson.SHORT_TERM + ", "
                + UserContextJson.LONG_TERM + ", " + UserContextJson.QUERY_HISTORY + "]");
        }
        return new InlineUser(RequestLimits.check(new UserContext(realTime, shortTerm, longTerm, queryHistory), PATH));
    }

    private String referenceValue(String name) throws IOException {
        Token token = parser.currentToken();
        if (token == Token.VALUE_NULL) {
            return null;
        }
        if (token != Token.VALUE_STRING) {
            throw new IllegalArgumentException("[" + name + "] must be a string but was " + describe(token));
        }
        return parser.text();
    }

    private void behaviorList(List<BehaviorItem> items, String path) throws IOException {
        if (parser.currentToken() == Token.VALUE_NULL) {
            return;
        }
        expect(Token.START_ARRAY, path, "an array");
        for (int i = 0; parser.nextToken() != Token.END_ARRAY; i++) {
            items.add(behaviorItem(path, i));
        }
    }

    private BehaviorItem behaviorItem(String listPath, int position) throws IOException {
        if (parser.currentToken() != Token.START_OBJECT) {
            throw new IllegalArgumentException(listPath + "[" + position + "] must be an object but was "
                + describe(parser.currentToken()));
        }
        String itemId = "";
        String shop = "";
        String leafCategory = "";
        String category = "";
        String brand = "";
        while (parser.nextToken() == Token.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            switch (key) {
                case "item_id" -> itemId = string(listPath, position, key);
                case "shop" -> shop = string(listPath, position, key);
                case "leaf_category" -> leafCategory = string(listPath, position, key);
                case "category" -> category = string(listPath, position, key);
                case "brand" -> brand = string(listPath, position, key);
                default -> throw new IllegalArgumentException(listPath + "[" + position + "]." + key
                    + " is not a behaviour item field, expected item_id, shop, leaf_category, category, brand");
            }
        }
        if (itemId.isEmpty()) {
            throw new IllegalArgumentException(listPath + "[" + position + "].item_id is required and must not be empty");
        }
        return new BehaviorItem(itemId, shop, leafCategory, category, brand);
    }

    private void longTermLists(String path) throws IOException {
        if (parser.currentToken() == Token.VALUE_NULL) {
            return;
        }
        expect(Token.START_OBJECT, path, "an object");
        while (parser.nextToken() == Token.FIELD_NAME) {
            String key = parser.currentName();
            LongTermList list = longTermList(key, path);
            parser.nextToken();
            List<String> ids = new ArrayList<>();
            strings(ids, path + "." + key);
            longTerm.put(list, ids);
        }
    }

    private static LongTermList longTermList(String key, String path) {
        LongTermList list = LONG_TERM_KEYS.get(key);
        if (list != null) {
            return list;
        }
        throw new IllegalArgumentException(path + "." + key + " is not a long-term list, expected one of item_click, "
            + "item_buy, item_collect, shop_*, leaf_category_*, brand_* with actions click, buy, collect");
    }

    private void strings(List<String> values, String path) throws IOException {
        if (parser.currentToken() == Token.VALUE_NULL) {
            return;
        }
        expect(Token.START_ARRAY, path, "an array");
        for (int i = 0; parser.nextToken() != Token.END_ARRAY; i++) {
            String value = string(path, i, null);
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
    }

    /** A string or number at {@code path[position]} (or its {@code field}); null reads as empty. */
    private String string(String path, int position, String field) throws IOException {
        Token token = parser.currentToken();
        if (token == Token.VALUE_STRING || token == Token.VALUE_NUMBER) {
            return parser.text();
        }
        if (token == Token.VALUE_NULL) {
            return "";
        }
        String at = path + "[" + position + "]" + (field == null ? "" : "." + field);
        throw new IllegalArgumentException(at + " must be a string but was " + describe(token));
    }

    private void expect(Token expected, String path, String what) throws IOException {
        if (parser.currentToken() != expected) {
            throw new IllegalArgumentException(path + " must be " + what + " but was " + describe(parser.currentToken()));
        }
    }

    private String describe(Token token) throws IOException {
        if (token == null) {
            return "missing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "\"" + parser.text() + "\"";
            case VALUE_BOOLEAN, VALUE_NUMBER -> parser.text();
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }
}

package org.mgdspr.plugin.user;

import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.LongTermList;
import org.mgdspr.model.features.RequestLimits;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.features.UserContextJson;
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
 * Reads a user context straight from XContent tokens, in the JSON form of {@link UserContextJson} and with its rules:
 * null and absent lists are empty, numeric ids keep their JSON text, empty list entries are dropped, behaviour items
 * take only their five fields and need an {@code item_id}; then {@link RequestLimits}. Every error is an
 * {@link IllegalArgumentException} that names the field under the reader's path. One reader serves every place a
 * context arrives on a node (the {@code mgdspr} query's {@code user}, a user-profile document, {@code _embed}), so
 * they accept exactly the same contexts.
 */
public final class UserContextReader {

    private static final Map<String, LongTermList> LONG_TERM_KEYS = Arrays.stream(LongTermList.values())
        .collect(Collectors.toUnmodifiableMap(UserContextJson::key, list -> list));

    private final XContentParser parser;
    private final String path;
    private final List<BehaviorItem> realTime = new ArrayList<>();
    private final List<BehaviorItem> shortTerm = new ArrayList<>();
    private final Map<LongTermList, List<String>> longTerm = new EnumMap<>(LongTermList.class);
    private final List<String> queryHistory = new ArrayList<>();

    /**
     * A reader for a caller that walks the fields of an object itself and hands each one to {@link #readField}.
     *
     * @param path prefixes every error message, e.g. {@code [user]}
     */
    public UserContextReader(XContentParser parser, String path) {
        this.parser = parser;
        this.path = path;
    }

    /**
     * A context object, the parser on its start: every field must be a context field.
     *
     * @throws IllegalArgumentException naming the bad field, or the limit the context exceeds
     */
    public static UserContext readObject(XContentParser parser, String path) throws IOException {
        return read(parser, path, false);
    }

    /**
     * A document whose top level holds the context fields among fields of its own (a name, a segment, ...), which
     * are skipped; the parser before its first token.
     *
     * @throws IllegalArgumentException naming the bad field, or the limit the context exceeds
     */
    public static UserContext readDocument(XContentParser parser, String path) throws IOException {
        parser.nextToken();
        return read(parser, path, true);
    }

    private static UserContext read(XContentParser parser, String path, boolean skipForeignFields) throws IOException {
        UserContextReader reader = new UserContextReader(parser, path);
        expect(parser, Token.START_OBJECT, path, "an object");
        while (parser.nextToken() == Token.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            if (!reader.readField(key)) {
                if (!skipForeignFields) {
                    throw notAContextField(path, key);
                }
                parser.skipChildren();
            }
        }
        return reader.context();
    }

    /** The error for a field that is not one of the context's four. */
    public static IllegalArgumentException notAContextField(String path, String key) {
        return new IllegalArgumentException(path + "." + key + " is not a user context field, expected one of ["
            + UserContextJson.REAL_TIME + ", " + UserContextJson.SHORT_TERM + ", " + UserContextJson.LONG_TERM + ", "
            + UserContextJson.QUERY_HISTORY + "]");
    }

    /**
     * Reads the value the parser is on if {@code key} is one of the context's fields.
     *
     * @return false, with the parser untouched, for any other key
     */
    public boolean readField(String key) throws IOException {
        switch (key) {
            case UserContextJson.REAL_TIME -> behaviorList(realTime, path + "." + key);
            case UserContextJson.SHORT_TERM -> behaviorList(shortTerm, path + "." + key);
            case UserContextJson.LONG_TERM -> longTermLists(path + "." + key);
            case UserContextJson.QUERY_HISTORY -> strings(queryHistory, path + "." + key);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The fields read so far, checked against {@link RequestLimits}. */
    public UserContext context() {
        return RequestLimits.check(new UserContext(realTime, shortTerm, longTerm, queryHistory), path);
    }

    private void behaviorList(List<BehaviorItem> items, String listPath) throws IOException {
        if (parser.currentToken() == Token.VALUE_NULL) {
            return;
        }
        expect(parser, Token.START_ARRAY, listPath, "an array");
        for (int i = 0; parser.nextToken() != Token.END_ARRAY; i++) {
            items.add(behaviorItem(listPath, i));
        }
    }

    private BehaviorItem behaviorItem(String listPath, int position) throws IOException {
        if (parser.currentToken() != Token.START_OBJECT) {
            throw new IllegalArgumentException(listPath + "[" + position + "] must be an object but was "
                + describe(parser, parser.currentToken()));
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

    private void longTermLists(String listsPath) throws IOException {
        if (parser.currentToken() == Token.VALUE_NULL) {
            return;
        }
        expect(parser, Token.START_OBJECT, listsPath, "an object");
        while (parser.nextToken() == Token.FIELD_NAME) {
            String key = parser.currentName();
            LongTermList list = longTermList(key, listsPath);
            parser.nextToken();
            List<String> ids = new ArrayList<>();
            strings(ids, listsPath + "." + key);
            longTerm.put(list, ids);
        }
    }

    private static LongTermList longTermList(String key, String listsPath) {
        LongTermList list = LONG_TERM_KEYS.get(key);
        if (list != null) {
            return list;
        }
        throw new IllegalArgumentException(listsPath + "." + key + " is not a long-term list, expected one of "
            + "item_click, item_buy, item_collect, shop_*, leaf_category_*, brand_* with actions click, buy, collect");
    }

    private void strings(List<String> values, String listPath) throws IOException {
        if (parser.currentToken() == Token.VALUE_NULL) {
            return;
        }
        expect(parser, Token.START_ARRAY, listPath, "an array");
        for (int i = 0; parser.nextToken() != Token.END_ARRAY; i++) {
            String value = string(listPath, i, null);
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
    }

    /** A string or number at {@code listPath[position]} (or its {@code field}); null reads as empty. */
    private String string(String listPath, int position, String field) throws IOException {
        Token token = parser.currentToken();
        if (token == Token.VALUE_STRING || token == Token.VALUE_NUMBER) {
            return parser.text();
        }
        if (token == Token.VALUE_NULL) {
            return "";
        }
        String at = listPath + "[" + position + "]" + (field == null ? "" : "." + field);
        throw new IllegalArgumentException(at + " must be a string but was " + describe(parser, token));
    }

    /** @throws IllegalArgumentException saying what {@code at} must be unless the parser is on {@code expected} */
    public static void expect(XContentParser parser, Token expected, String at, String what) throws IOException {
        if (parser.currentToken() != expected) {
            throw new IllegalArgumentException(at + " must be " + what + " but was "
                + describe(parser, parser.currentToken()));
        }
    }

    /** The token the parser is on as an error message shows it. */
    public static String describe(XContentParser parser, Token token) throws IOException {
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

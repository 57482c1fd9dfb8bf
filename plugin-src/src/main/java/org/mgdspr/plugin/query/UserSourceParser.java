package org.mgdspr.plugin.query;

import org.mgdspr.model.features.RequestLimits;
import org.mgdspr.model.features.UserContextJson;
import org.mgdspr.plugin.user.UserContextReader;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.xcontent.XContentLocation;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.core.xcontent.XContentParser.Token;

import java.io.IOException;

/**
 * Reads the {@code user} object of a {@code mgdspr} query straight from the request's tokens: a profile reference
 * ({@code index} and {@code id}) or an inline context in the JSON form of {@link UserContextJson}, read by
 * {@link UserContextReader} with its rules and {@link RequestLimits}. A context at the model's limits is several
 * kilobytes, and reading it into a map and a JSON tree first cost more than the feature encoding of the whole query.
 */
final class UserSourceParser {

    private static final String PATH = "[user]";
    private static final String INDEX = "index";
    private static final String ID = "id";

    private final XContentParser parser;
    private final UserContextReader context;
    private String index;
    private String id;
    private boolean referenceKey;
    private String firstContextKey;
    private String firstUnknownKey;

    private UserSourceParser(XContentParser parser) {
        this.parser = parser;
        this.context = new UserContextReader(parser, PATH);
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
        UserContextReader.expect(parser, Token.START_OBJECT, PATH, "an object");
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
            if (!context.readField(key)) {
                if (firstUnknownKey == null) {
                    firstUnknownKey = key;
                }
                parser.skipChildren();
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
            throw UserContextReader.notAContextField(PATH, firstUnknownKey);
        }
        return new InlineUser(context.context());
    }

    private String referenceValue(String name) throws IOException {
        Token token = parser.currentToken();
        if (token == Token.VALUE_NULL) {
            return null;
        }
        if (token != Token.VALUE_STRING) {
            throw new IllegalArgumentException("[" + name + "] must be a string but was " + UserContextReader.describe(parser, token));
        }
        return parser.text();
    }
}

package org.mgdspr.plugin.rest;

import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.rest.RestRequest;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Strict parsing of the small JSON bodies of the plugin's REST endpoints: unknown fields are errors. */
final class RequestBodies {

    private RequestBodies() {}

    /** @throws IllegalArgumentException (HTTP 400) naming a missing body or an unknown field */
    static Map<String, Object> parse(RestRequest request, Set<String> allowedFields) throws IOException {
        if (!request.hasContent()) {
            throw new IllegalArgumentException("request body is required, with fields " + allowedFields);
        }
        Map<String, Object> body;
        try (XContentParser parser = request.contentParser()) {
            body = parser.map();
        }
        for (String field : body.keySet()) {
            if (!allowedFields.contains(field)) {
                throw new IllegalArgumentException("unknown field [" + field + "], expected one of " + allowedFields);
            }
        }
        return body;
    }

    static String requiredString(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (!(value instanceof String text) || text.isEmpty()) {
            throw new IllegalArgumentException("field [" + field + "] is required and must be a non-empty string");
        }
        return text;
    }

    /**
     * Parses a body of string fields, decoding {@code base64Field} straight from the parser into bytes, so a chunk
     * exists in the heap as the request's content and its decoded bytes only, never as a string or map of it.
     *
     * @throws IllegalArgumentException (HTTP 400) naming a missing body, an unknown or mistyped field, invalid
     *                                  Base64, or a body too large to hold {@code maxBytes} decoded bytes
     */
    static Map<String, Object> parseWithBase64(RestRequest request, Set<String> allowedFields, String base64Field,
                                               long maxBytes, String limitName) throws IOException {
        if (!request.hasContent()) {
            throw new IllegalArgumentException("request body is required, with fields " + allowedFields);
        }
        // Base64 holds 3 bytes in 4 characters; anything beyond that and the few other fields is over the limit
        long maxContentLength = maxBytes / 3 * 4 + 4 + 1024;
        if (request.content().length() > maxContentLength) {
            throw new IllegalArgumentException("request body is " + request.content().length() + " bytes; ["
                + base64Field + "] may hold at most " + maxBytes + " bytes (" + limitName + "), send smaller chunks");
        }
        Map<String, Object> body = new HashMap<>();
        readFields(request, allowedFields, (field, parser) -> {
            if (parser.currentToken() != XContentParser.Token.VALUE_STRING) {
                throw new IllegalArgumentException("field [" + field + "] must be a string");
            }
            body.put(field, field.equals(base64Field) ? decode(parser, field) : parser.text());
        });
        if (!(body.get(base64Field) instanceof byte[] bytes) || bytes.length == 0) {
            throw new IllegalArgumentException("field [" + base64Field + "] is required and must be non-empty Base64");
        }
        return body;
    }

    /** Reads the value of one field of a body; the parser is on the value's first token. */
    @FunctionalInterface
    interface FieldReader {
        void read(String field, XContentParser parser) throws IOException;
    }

    /**
     * Walks the fields of a body that must be one object, handing each field's value to {@code reader}, so an
     * endpoint reads its values straight from the parser.
     *
     * @throws IllegalArgumentException (HTTP 400) naming a missing body, a body that is not an object, or an unknown
     *                                  field
     */
    static void readFields(RestRequest request, Collection<String> allowedFields, FieldReader reader)
        throws IOException {
        if (!request.hasContent()) {
            throw new IllegalArgumentException("request body is required, with fields " + allowedFields);
        }
        try (XContentParser parser = request.contentParser()) {
            if (parser.nextToken() != XContentParser.Token.START_OBJECT) {
                throw new IllegalArgumentException("request body must be a JSON object with fields " + allowedFields);
            }
            while (parser.nextToken() == XContentParser.Token.FIELD_NAME) {
                String field = parser.currentName();
                if (!allowedFields.contains(field)) {
                    throw new IllegalArgumentException("unknown field [" + field + "], expected one of " + allowedFields);
                }
                parser.nextToken();
                reader.read(field, parser);
            }
        }
    }

    private static byte[] decode(XContentParser parser, String field) {
        try {
            return parser.binaryValue();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("field [" + field + "] is not valid Base64: " + e.getMessage(), e);
        }
    }
}

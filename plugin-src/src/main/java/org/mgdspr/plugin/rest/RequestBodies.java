package org.mgdspr.plugin.rest;

import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.rest.RestRequest;

import java.io.IOException;
import java.util.Base64;
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

    static String optionalString(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("field [" + field + "] must be a string");
        }
        return text;
    }

    static byte[] base64(Map<String, Object> body, String field) {
        try {
            return Base64.getDecoder().decode(requiredString(body, field));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field [" + field + "] is not valid Base64: " + e.getMessage(), e);
        }
    }
}

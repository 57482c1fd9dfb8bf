package org.mgdspr.plugin.query;

import com.google.gson.JsonParser;
import org.mgdspr.model.features.LongTermList;
import org.mgdspr.model.features.RequestLimits;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.features.UserContextJson;
import org.mgdspr.plugin.user.UserContextReader;
import org.mgdspr.plugin.user.UserContextStream;
import org.mgdspr.plugin.user.UserContextWriter;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.xcontent.XContentType;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.bytes.BytesArray;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.MediaType;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.test.OpenSearchTestCase;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * Every place a context reaches a node reads it alike: a user-profile document (its own fields skipped, in any
 * XContent type), the inline context of {@code _embed}, the transport form, and the form the query prints.
 */
public class UserContextReaderTests extends OpenSearchTestCase {

    private static final String CONTEXT_FIELDS = """
        "real_time": [{"item_id": 12345, "shop": "s1", "brand": "acme"}, {"item_id": "i2", "brand": null}],
        "short_term": [{"item_id": "i3", "shop": 7}],
        "long_term": {"brand_click": ["acme", "", null, 42], "shop_collect": null},
        "query_history": ["trail shoes", "", "red drill"]""";

    private final UserProfileReference profile = new UserProfileReference("profiles", "u1");

    public void testAProfileDocumentReadsAsTheInlineContextOfItsFields() throws IOException {
        UserContext expected = RequestLimits.check(
            UserContextJson.fromJson(JsonParser.parseString("{" + CONTEXT_FIELDS + "}"), "user"), "user");
        String document = """
            {"user_id": "u1", "segment": {"tier": "gold", "tags": [1, {"deep": [null]}]},""" + CONTEXT_FIELDS + """
            , "since": 2021, "active": true, "notes": null}""";
        assertEquals(expected, profile.contextOf(new BytesArray(document)));
        assertEquals("12345", expected.realTime().get(0).itemId());
        assertEquals(List.of("acme", "42"), expected.longTerm().get(LongTermList.BRAND_CLICK));
    }

    public void testAProfileStoredInAnyXContentTypeReadsTheSame() throws IOException {
        for (int round = 0; round < 10; round++) {
            UserContext context = RandomUserContexts.context(random());
            MediaType type = randomFrom(XContentType.values());
            assertEquals(type.toString(), context, profile.contextOf(profileSource(type, context)));
        }
    }

    public void testAProfileWithoutContextFieldsIsAnEmptyContext() throws IOException {
        assertEquals(UserContext.EMPTY, profile.contextOf(new BytesArray("{\"user_id\": \"u1\"}")));
    }

    public void testProfileErrorsNameTheDocumentAndTheField() {
        assertProfileRejected("{\"real_time\": [{\"shop\": \"s1\"}]}",
            "user profile [profiles/u1].real_time[0].item_id is required and must not be empty");
        assertProfileRejected("{\"long_term\": {\"colour_click\": []}}",
            "user profile [profiles/u1].long_term.colour_click is not a long-term list");
        assertProfileRejected("{\"query_history\": \"drill\"}",
            "user profile [profiles/u1].query_history must be an array but was \"drill\"");
        String tooLong = String.join(",", Collections.nCopies(RequestLimits.MAX_QUERY_HISTORY + 1, "\"drill\""));
        assertProfileRejected("{\"query_history\": [" + tooLong + "]}",
            "user profile [profiles/u1].query_history has 1001 entries, above the limit of 1000");
    }

    public void testAnInlineObjectTakesContextFieldsOnly() throws IOException {
        UserContext context = RandomUserContexts.context(random());
        assertEquals(context, readObject(UserContextJson.toJson(context).toString()));
        IllegalArgumentException unknown = expectThrows(IllegalArgumentException.class,
            () -> readObject("{\"user_id\": \"u1\"}"));
        assertEquals("[user].user_id is not a user context field, expected one of [real_time, short_term, long_term, "
            + "query_history]", unknown.getMessage());
        IllegalArgumentException notAnObject = expectThrows(IllegalArgumentException.class, () -> readObject("[1]"));
        assertEquals("[user] must be an object but was an array", notAnObject.getMessage());
    }

    public void testTheTransportFormKeepsEveryField() throws IOException {
        for (int round = 0; round < 20; round++) {
            UserContext context = RandomUserContexts.context(random());
            try (BytesStreamOutput out = new BytesStreamOutput()) {
                new InlineUser(context).writeTo(out);
                UserContextStream.write(out, context);
                try (StreamInput in = out.bytes().streamInput()) {
                    assertEquals(new InlineUser(context), InlineUser.readFrom(in));
                    assertEquals(context, UserContextStream.read(in));
                    assertEquals(0, in.available());
                }
            }
        }
    }

    public void testTheWrittenFormReadsBackAsTheSameContext() throws IOException {
        for (int round = 0; round < 20; round++) {
            UserContext context = RandomUserContexts.context(random());
            MediaType type = randomFrom(XContentType.values());
            BytesReference written;
            try (XContentBuilder builder = XContentBuilder.builder(type.xContent())) {
                builder.startObject();
                UserContextWriter.write(builder, "user", context);
                written = BytesReference.bytes(builder.endObject());
            }
            try (XContentParser parser = type.xContent().createParser(NamedXContentRegistry.EMPTY,
                DeprecationHandler.THROW_UNSUPPORTED_OPERATION, written.streamInput())) {
                parser.nextToken();
                parser.nextToken();
                parser.nextToken();
                assertEquals(type.toString(), context, UserContextReader.readObject(parser, "[user]"));
            }
        }
        UserContext context = RandomUserContexts.context(random());
        try (XContentBuilder json = JsonXContent.contentBuilder()) {
            json.startObject();
            new InlineUser(context).toXContent(json, ToXContent.EMPTY_PARAMS);
            String text = json.endObject().toString();
            assertEquals(context, UserContextJson.fromJson(JsonParser.parseString(text).getAsJsonObject().get("user"),
                "user"));
        }
    }

    private void assertProfileRejected(String document, String message) {
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
            () -> profile.contextOf(new BytesArray(document)));
        assertTrue(e.getMessage(), e.getMessage().startsWith(message));
    }

    private static UserContext readObject(String json) throws IOException {
        try (XContentParser parser = JsonXContent.jsonXContent.createParser(NamedXContentRegistry.EMPTY,
            DeprecationHandler.THROW_UNSUPPORTED_OPERATION, json)) {
            parser.nextToken();
            return UserContextReader.readObject(parser, "[user]");
        }
    }

    private static BytesReference profileSource(MediaType type, UserContext context) throws IOException {
        try (XContentBuilder builder = XContentBuilder.builder(type.xContent())) {
            builder.startObject().field("user_id", "u1").startObject("segment").field("tier", "gold").endObject();
            return BytesReference.bytes(UserContextWriter.writeFields(builder, context).endObject());
        }
    }
}

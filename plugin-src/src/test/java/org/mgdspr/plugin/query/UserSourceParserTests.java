package org.mgdspr.plugin.query;

import com.google.gson.JsonParser;
import org.mgdspr.model.features.LongTermList;
import org.mgdspr.model.features.RequestLimits;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.features.UserContextJson;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.test.OpenSearchTestCase;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * The streaming reader of the query's {@code user} object reads what {@link UserContextJson} reads, refuses what it
 * refuses, and leaves the parser on the object's end so the query's next fields parse.
 */
public class UserSourceParserTests extends OpenSearchTestCase {

    private static final String FULL = """
        {"real_time": [{"item_id": 12345, "shop": "s1", "leaf_category": "l1", "category": "c1", "brand": "acme"},
                       {"item_id": "i2", "brand": null}],
         "short_term": [{"item_id": "i3", "shop": 7}],
         "long_term": {"brand_click": ["acme", "", null, 42], "item_buy": [], "shop_collect": null},
         "query_history": ["trail shoes", "", "red drill"]}
        """;

    public void testAnInlineContextReadsAsTheModelsJsonReaderReadsIt() throws IOException {
        UserContext expected = RequestLimits.check(UserContextJson.fromJson(JsonParser.parseString(FULL), "[user]"),
            "[user]");
        assertEquals(new InlineUser(expected), parse(FULL));
        assertEquals("numeric ids keep their JSON text", "12345", expected.realTime().get(0).itemId());
        assertEquals(List.of("acme", "42"), expected.longTerm().get(LongTermList.BRAND_CLICK));
    }

    public void testRandomContextsRoundTripThroughTheirJsonForm() throws IOException {
        for (int round = 0; round < 20; round++) {
            UserContext context = RandomUserContexts.context(random());
            assertEquals(new InlineUser(context), parse(UserContextJson.toJson(context).toString()));
        }
    }

    public void testEmptyAndNullFieldsReadAsAnEmptyContext() throws IOException {
        assertEquals(new InlineUser(UserContext.EMPTY), parse("{}"));
        assertEquals(new InlineUser(UserContext.EMPTY),
            parse("{\"real_time\": null, \"short_term\": [], \"long_term\": null, \"query_history\": null}"));
    }

    public void testAProfileReferenceHasIndexAndIdOnly() throws IOException {
        assertEquals(new UserProfileReference("profiles", "u1"), parse("{\"index\": \"profiles\", \"id\": \"u1\"}"));
        assertRejected("{\"index\": \"profiles\", \"id\": \"u1\", \"real_time\": []}",
            "[user] is a profile reference (index, id) and must not also carry [real_time]");
        assertRejected("{\"colour\": 1, \"id\": \"u1\"}",
            "[user] is a profile reference (index, id) and must not also carry [colour]");
        assertRejected("{\"index\": \"profiles\"}", "[user.id] must name the user-profile document");
        assertRejected("{\"index\": 5, \"id\": \"u1\"}", "[user.index] must be a string but was 5");
    }

    public void testErrorsNameTheFieldUnderUser() {
        assertRejected("{\"queries\": []}", "[user].queries is not a user context field, expected one of [real_time, "
            + "short_term, long_term, query_history]");
        assertRejected("{\"real_time\": {}}", "[user].real_time must be an array but was an object");
        assertRejected("{\"real_time\": [\"i1\"]}", "[user].real_time[0] must be an object but was \"i1\"");
        assertRejected("{\"short_term\": [{\"item_id\": \"i1\"}, {\"item\": \"i2\"}]}",
            "[user].short_term[1].item is not a behaviour item field");
        assertRejected("{\"short_term\": [{\"shop\": \"s1\"}]}",
            "[user].short_term[0].item_id is required and must not be empty");
        assertRejected("{\"real_time\": [{\"item_id\": true}]}", "[user].real_time[0].item_id must be a string but "
            + "was true");
        assertRejected("{\"real_time\": [{\"item_id\": \"i1\", \"brand\": [\"a\"]}]}",
            "[user].real_time[0].brand must be a string but was an array");
        assertRejected("{\"long_term\": []}", "[user].long_term must be an object but was an array");
        assertRejected("{\"long_term\": {\"colour_click\": []}}", "[user].long_term.colour_click is not a long-term "
            + "list");
        assertRejected("{\"long_term\": {\"brand_buy\": \"acme\"}}", "[user].long_term.brand_buy must be an array but "
            + "was \"acme\"");
        assertRejected("{\"query_history\": [\"drill\", {}]}", "[user].query_history[1] must be a string but was an "
            + "object");
    }

    public void testLimitsAreThoseOfEveryOtherRequest() {
        String items = String.join(",", Collections.nCopies(RequestLimits.MAX_BEHAVIOR_ITEMS + 1,
            "{\"item_id\": \"i\"}"));
        assertRejected("{\"real_time\": [" + items + "]}", "[user].real_time has 1001 entries, above the limit of 1000");
        String longId = "x".repeat(RequestLimits.MAX_ID_CHARS + 1);
        assertRejected("{\"short_term\": [{\"item_id\": \"i\"}, {\"item_id\": \"i\", \"shop\": \"" + longId + "\"}]}",
            "[user].short_term[1].shop is 513 characters long, above the limit of 512");
        assertRejected("{\"long_term\": {\"item_click\": [\"a\", \"" + longId + "\"]}}",
            "[user].long_term.item_click[1] is 513 characters long, above the limit of 512");
    }

    public void testTheParserStopsAtTheEndOfTheUserObject() throws IOException {
        try (XContentParser parser = parser("{\"user\": {\"real_time\": [{\"item_id\": \"i1\"}]}, \"k\": 7}")) {
            parser.nextToken();
            parser.nextToken();
            assertEquals("user", parser.currentName());
            parser.nextToken();
            UserSourceParser.parse(parser);
            assertEquals(XContentParser.Token.END_OBJECT, parser.currentToken());
            assertEquals(XContentParser.Token.FIELD_NAME, parser.nextToken());
            assertEquals("k", parser.currentName());
        }
    }

    private UserSource parse(String json) throws IOException {
        try (XContentParser parser = parser(json)) {
            parser.nextToken();
            return UserSourceParser.parse(parser);
        }
    }

    private void assertRejected(String json, String message) {
        ParsingException e = expectThrows(ParsingException.class, () -> parse(json));
        assertTrue(e.getMessage(), e.getMessage().contains(message));
    }

    private static XContentParser parser(String json) throws IOException {
        return JsonXContent.jsonXContent.createParser(NamedXContentRegistry.EMPTY,
            DeprecationHandler.THROW_UNSUPPORTED_OPERATION, json);
    }
}

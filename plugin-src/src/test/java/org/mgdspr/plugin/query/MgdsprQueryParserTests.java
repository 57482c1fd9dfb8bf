package org.mgdspr.plugin.query;

import org.mgdspr.plugin.MgdsprPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.search.SearchModule;
import org.opensearch.test.OpenSearchTestCase;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Type errors name the type each field expects, and texts and user contexts above the request limits are refused. */
public class MgdsprQueryParserTests extends OpenSearchTestCase {

    private static final String BASE = "{\"mgdspr\": {\"model_id\": \"shop-v1\", \"field\": \"item_vec\", %s}}";

    private final NamedXContentRegistry registry = new NamedXContentRegistry(
        new SearchModule(Settings.EMPTY, List.of(new MgdsprPlugin(Settings.EMPTY))).getNamedXContents());

    public void testTypeErrorsNameTheExpectedType() {
        assertRejected("\"query\": \"q\", \"user\": \"u1\"", "[user] must be an object (an inline user context, or "
            + "{\"index\", \"id\"} of a profile) but was a string");
        assertRejected("\"query\": {}", "[query] must be a string but was an object");
        assertRejected("\"query\": [\"a\"]", "[query] must be a string but was an array");
        assertRejected("\"query\": \"q\", \"boost\": \"abc\"", "[boost] must be a number but was a string [abc]");
        assertRejected("\"query\": \"q\", \"k\": \"ten\"", "[k] must be an integer but was a string");
        assertRejected("\"query\": \"q\", \"filter\": \"in_stock\"", "[filter] must be an object (a query) but was a string");
        assertRejected("\"query\": \"q\", \"provenance\": 1", "[provenance] must be true or false but was a number");
        assertRejected("\"query\": \"q\", \"spelling_correction\": \"off\"",
            "[spelling_correction] must be true or false but was a string");
        assertRejected("\"query\": \"q\", \"exact\": {}", "[exact] must be true or false but was an object");
        assertRejected("\"query\": \"q\", \"colour\": {}", "[mgdspr] query does not support [colour], expected one of");
    }

    public void testTextsAndContextsAboveTheLimitsAreRefusedNamingTheLimit() {
        assertRejected("\"query\": \"" + "q".repeat(4097) + "\"", "[query] is 4097 characters long, above the limit "
            + "of 4096");
        String history = String.join(",", Collections.nCopies(1001, "\"drill\""));
        assertRejected("\"query\": \"q\", \"user\": {\"query_history\": [" + history + "]}",
            "[user].query_history has 1001 entries, above the limit of 1000");
    }

    private void assertRejected(String fields, String message) {
        Exception e = expectThrows(Exception.class, () -> {
            try (XContentParser parser = JsonXContent.jsonXContent.createParser(registry,
                DeprecationHandler.THROW_UNSUPPORTED_OPERATION, String.format(Locale.ROOT, BASE, fields))) {
                AbstractQueryBuilder.parseInnerQueryBuilder(parser);
            }
        });
        assertTrue(e.getMessage(), e.getMessage().contains(message));
    }
}

package org.mgdspr.plugin.fusion;

import org.mgdspr.plugin.MgdsprPlugin;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.io.stream.NamedWriteableAwareStreamInput;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.search.SearchModule;

import java.io.IOException;
import java.util.List;

import static org.junit.Assert.assertEquals;

/** Reads queries from JSON and checks that they come back equal from the wire and from their printed form. */
final class QueryRoundTrip {

    private final NamedXContentRegistry xContentRegistry;
    private final NamedWriteableRegistry writeableRegistry;

    QueryRoundTrip() {
        SearchModule searchModule = new SearchModule(Settings.EMPTY, List.of(new MgdsprPlugin(Settings.EMPTY)));
        this.xContentRegistry = new NamedXContentRegistry(searchModule.getNamedXContents());
        this.writeableRegistry = new NamedWriteableRegistry(searchModule.getNamedWriteables());
    }

    void assertSurvivesTheWireAndXContent(QueryBuilder query) throws IOException {
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            out.writeNamedWriteable(query);
            try (StreamInput in = new NamedWriteableAwareStreamInput(out.bytes().streamInput(), writeableRegistry)) {
                assertEquals(query, in.readNamedWriteable(QueryBuilder.class));
            }
        }
        try (XContentBuilder json = JsonXContent.contentBuilder()) {
            query.toXContent(json, ToXContent.EMPTY_PARAMS);
            assertEquals(query, parse(json.toString()));
        }
    }

    /** A query in its JSON form, as a search request's body holds it. */
    QueryBuilder parse(String json) throws IOException {
        try (XContentParser parser = JsonXContent.jsonXContent.createParser(xContentRegistry,
            DeprecationHandler.THROW_UNSUPPORTED_OPERATION, json)) {
            return AbstractQueryBuilder.parseInnerQueryBuilder(parser);
        }
    }
}

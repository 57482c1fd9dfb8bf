package org.mgdspr.plugin.serving;

import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.test.OpenSearchTestCase;

import java.io.IOException;
import java.util.List;
import java.util.Map;

public class EmbedResponseTests extends OpenSearchTestCase {

    public void testAQueryResponseCarriesTheWordsAndBrandsTheTowerReadAndAnItemResponseNeither() throws IOException {
        EmbedResponse query = roundTrip(new EmbedResponse("m", new float[][] {{0.5f, -1f}}, List.of("toilet", "seat"),
            Map.of("zeta", 0.25, "acme", 0.5)));
        assertEquals(List.of("toilet", "seat"), query.queryWords());
        assertEquals(Map.of("acme", 0.5, "zeta", 0.25), query.brandShares());
        assertArrayEquals(new float[] {0.5f, -1f}, query.vectors()[0], 0f);
        assertEquals("{\"model_id\":\"m\",\"query_words\":[\"toilet\",\"seat\"],"
            + "\"brand_shares\":{\"acme\":0.5,\"zeta\":0.25},\"dimension\":2,\"vectors\":[[0.5,-1.0]]}", json(query));

        EmbedResponse items = roundTrip(new EmbedResponse("m", new float[][] {{1f}, {2f}}, null, null));
        assertNull(items.queryWords());
        assertNull(items.brandShares());
        assertEquals(2, items.vectors().length);
        assertEquals("{\"model_id\":\"m\",\"dimension\":1,\"vectors\":[[1.0],[2.0]]}", json(items));
    }

    private static EmbedResponse roundTrip(EmbedResponse response) throws IOException {
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            response.writeTo(out);
            return new EmbedResponse(out.bytes().streamInput());
        }
    }

    private static String json(EmbedResponse response) throws IOException {
        return BytesReference.bytes(response.toXContent(JsonXContent.contentBuilder(), ToXContent.EMPTY_PARAMS))
            .utf8ToString();
    }
}

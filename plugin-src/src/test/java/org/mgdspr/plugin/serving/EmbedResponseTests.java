package org.mgdspr.plugin.serving;

import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.test.OpenSearchTestCase;

import java.io.IOException;
import java.util.List;

public class EmbedResponseTests extends OpenSearchTestCase {

    public void testAQueryResponseCarriesTheWordsTheTowerReadAndAnItemResponseNone() throws IOException {
        EmbedResponse query = roundTrip(new EmbedResponse("m", new float[][] {{0.5f, -1f}}, List.of("toilet", "seat")));
        assertEquals(List.of("toilet", "seat"), query.queryWords());
        assertArrayEquals(new float[] {0.5f, -1f}, query.vectors()[0], 0f);
        assertEquals("{\"model_id\":\"m\",\"query_words\":[\"toilet\",\"seat\"],\"dimension\":2,"
            + "\"vectors\":[[0.5,-1.0]]}", json(query));

        EmbedResponse items = roundTrip(new EmbedResponse("m", new float[][] {{1f}, {2f}}, null));
        assertNull(items.queryWords());
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

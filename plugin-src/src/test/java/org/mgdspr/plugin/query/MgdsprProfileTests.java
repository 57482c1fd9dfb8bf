package org.mgdspr.plugin.query;

import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.test.OpenSearchTestCase;

import java.io.IOException;
import java.util.List;
import java.util.Map;

public class MgdsprProfileTests extends OpenSearchTestCase {

    public void testTheSectionCarriesTimesChannelsAndHowEachQueryWasRead() throws IOException {
        MgdsprProfile profile = new MgdsprProfile(
            List.of(new MgdsprProfile.Timing("shop", "encode", 1500)),
            List.of(new MgdsprProfile.ChannelRun("shop", "shop:knn", 90000, 1, false, 2, 2, 0, 5)),
            List.of(new MgdsprProfile.Reading("shop", List.of("cordless", "drill"), List.of("drill"),
                Map.of("zeta", 0.25, "acme", 0.5))));
        MgdsprProfile received;
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            profile.writeTo(out);
            received = new MgdsprProfile(out.bytes().streamInput());
        }
        assertEquals(profile, received);
        assertEquals(List.of("cordless", "drill"), received.readings().get(0).queryWords());
        String json = BytesReference.bytes(received.toXContent(JsonXContent.contentBuilder().startObject(),
            ToXContent.EMPTY_PARAMS).endObject()).utf8ToString();
        assertEquals("{\"mgdspr\":{\"timings\":[{\"query\":\"shop\",\"part\":\"encode\",\"time_in_nanos\":1500}],"
            + "\"channels\":[{\"query\":\"shop\",\"channel\":\"shop:knn\",\"time_in_nanos\":90000,\"took\":1,"
            + "\"timed_out\":false,\"hits\":5,\"_shards\":{\"total\":2,\"successful\":2,\"failed\":0}}],"
            + "\"readings\":[{\"query\":\"shop\",\"query_words\":[\"cordless\",\"drill\"],\"key_terms\":[\"drill\"],"
            + "\"brand_shares\":{\"acme\":0.5,\"zeta\":0.25}}]}}",
            json);
        assertNotEquals(profile, new MgdsprProfile(profile.timings(), profile.channels(), List.of()));
    }
}

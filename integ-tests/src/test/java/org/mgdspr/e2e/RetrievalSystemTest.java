package org.mgdspr.e2e;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.features.KeyTermLexicon;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.fusion.FusionMethod;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.testing.Fixtures;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrievalSystemTest {

    @Test
    void theAutoSystemsRunOnlyWithWhatTheTrainerFittedForTheModel() throws IOException {
        MgdsprArtifact fused;
        MgdsprArtifact boosted;
        try (TwoTowerModel model = TwoTowerModel.create(Fixtures.tiny())) {
            KeyTermLexicon lexicon = KeyTermLexicon.builder("en").build();
            fused = MgdsprArtifact.pack(model, lexicon, new JsonObject(), FusionSpec.defaults(FusionMethod.RRF));
            boosted = MgdsprArtifact.pack(model, lexicon, null, new JsonObject(), null, 0.2);
        }
        assertTrue(RetrievalSystem.FUSED_AUTO.servedBy(fused));
        assertFalse(RetrievalSystem.MGDSPR_BRAND_BOOST.servedBy(fused));
        assertFalse(RetrievalSystem.FUSED_AUTO.servedBy(boosted));
        assertTrue(RetrievalSystem.MGDSPR_BRAND_BOOST.servedBy(boosted));
        for (RetrievalSystem system : RetrievalSystem.values()) {
            if (system != RetrievalSystem.FUSED_AUTO && system != RetrievalSystem.MGDSPR_BRAND_BOOST) {
                assertTrue(system.servedBy(fused) && system.servedBy(boosted), system.label);
            }
        }
        JsonObject body = JsonParser.parseString(RetrievalSystem.MGDSPR_BRAND_BOOST.body("m", "q", UserContext.EMPTY,
            null, 10)).getAsJsonObject();
        assertEquals("auto", body.getAsJsonObject("query").getAsJsonObject("mgdspr").getAsJsonObject("brand_boost")
            .get("weight").getAsString(), body.toString());
    }
}

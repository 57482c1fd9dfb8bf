package org.mgdspr.model.simulate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.data.CatalogKeyTerms;
import org.mgdspr.model.data.Dataset;
import org.mgdspr.model.data.JsonLinesFormat;
import org.mgdspr.model.data.Product;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.features.KeyTerm;
import org.mgdspr.model.features.KeyTermClass;
import org.mgdspr.model.features.KeyTermLexicon;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator's output flows through the JSON-lines format, the feature encoder and the key-term lexicon. */
class SimulatedDatasetIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void simulatedDatasetRoundTripsThroughJsonLinesAndEncodes() {
        SimulatedLog log = new WorldSimulator(SimulationConfig.tiny(11)).generate();
        Dataset dataset = log.dataset();
        JsonLinesFormat.writeDataset(dir, dataset);
        Dataset read = JsonLinesFormat.readDataset(dir, QueryIntent.GOOD);
        assertEquals(dataset.catalog().products(), read.catalog().products());
        assertEquals(dataset.train(), read.train());
        assertEquals(dataset.test(), read.test());

        FeatureEncoder encoder = new FeatureEncoder(ModelConfig.preset("small").features());
        int withBehaviour = 0;
        for (SearchRequest request : read.train()) {
            EncodedUser user = encoder.encodeUser(request.query(), request.context());
            assertTrue(user.words()[0] != 0, "every simulated query has a word: " + request.query());
            withBehaviour += user.shortTerm().length() > 0 || user.realTime().length() > 0 ? 1 : 0;
        }
        assertTrue(withBehaviour > read.train().size() / 2, withBehaviour + " of " + read.train().size());
        for (Product product : read.catalog().products()) {
            assertTrue(encoder.encodeItem(product.itemId(), product.title()).titleTokens()[0] != 0);
        }
    }

    @Test
    void lexiconFromTheSimulatedCatalogFindsTheIntentOfSpecificQueries() {
        SimulatedLog log = new WorldSimulator(SimulationConfig.tiny(11)).generate();
        KeyTermLexicon lexicon = CatalogKeyTerms.lexicon(log.world().catalog(), "en");
        int total = 0;
        int found = 0;
        for (int i = 0; i < log.requestCount(); i++) {
            QueryIntent intent = log.intent(i);
            if (intent.brand() < 0 || intent.colour() < 0) {
                continue;
            }
            total++;
            List<KeyTerm> terms = lexicon.detect(log.request(i).query());
            boolean brandFound = terms.stream().anyMatch(t -> t.type() == KeyTermClass.BRAND
                && t.normalized().equals(log.world().brandName(intent.brand())));
            boolean colourFound = terms.stream().anyMatch(t -> t.type() == KeyTermClass.COLOUR
                && t.normalized().equals(Vocabulary.COLOURS.get(intent.colour())));
            found += brandFound && colourFound ? 1 : 0;
        }
        // typed queries carry a typo 5 % of the time, which legitimately hides a key term
        assertTrue(total > 20 && found >= 0.85 * total, found + " of " + total);
    }
}

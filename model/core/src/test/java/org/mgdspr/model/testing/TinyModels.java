package org.mgdspr.model.testing;

import com.google.gson.JsonObject;

import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EnglishTokenizer;
import org.mgdspr.model.features.KeyTermClass;
import org.mgdspr.model.features.KeyTermLexicon;
import org.mgdspr.model.spelling.CatalogVocabulary;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.io.IOException;
import java.util.List;

/**
 * A real, untrained MGDSPR model small enough to build in a test: 16-dimensional, tiny hash tables. Shared with
 * the tools', the plugin's and the integration tests through this module's test jar.
 */
public final class TinyModels {

    public static final int DIMENSION = 16;
    /** The brand boost's weight the models carry as if fitted: far above any k-NN score, so its effect is plain. */
    public static final double FITTED_BRAND_BOOST_WEIGHT = 10;

    private TinyModels() {}

    public static MgdsprArtifact artifact() throws IOException {
        return pack(config(false), null);
    }

    /** The same model with query spelling correction towards the words of the given titles. */
    public static MgdsprArtifact spellingArtifact(List<String> titles) throws IOException {
        return pack(config(true), CatalogVocabulary.of(titles, new EnglishTokenizer()));
    }

    private static ModelConfig config(boolean spellingCorrection) {
        return ModelConfig.fromJson("""
            {"preset": "small",
             "features": {"unigram_buckets": 512, "bigram_buckets": 512, "word_buckets": 512, "history_buckets": 512,
                          "title_buckets": 512, "item_id_buckets": 512, "shop_buckets": 64,
                          "leaf_category_buckets": 64, "category_buckets": 64, "brand_buckets": 64,
                          "max_real_time": 4, "max_short_term": 4, "max_long_term": 4,
                          "spelling_correction": %s},
             "tower": {"dim": 16, "item_id_dim": 8, "shop_dim": 2, "leaf_category_dim": 2, "category_dim": 2,
                       "brand_dim": 2, "heads": 2, "ffn_dim": 16, "alpha_dnn_hidden": [16]},
             "loss": {"random_negatives": 16, "hard_negatives": 4}}
            """.formatted(spellingCorrection));
    }

    private static MgdsprArtifact pack(ModelConfig config, CatalogVocabulary spelling) throws IOException {
        KeyTermLexicon lexicon = KeyTermLexicon.builder("en").add("acme", KeyTermClass.BRAND).addColours().build();
        try (TwoTowerModel model = TwoTowerModel.create(config)) {
            return MgdsprArtifact.pack(model, lexicon, spelling, new JsonObject(), null, FITTED_BRAND_BOOST_WEIGHT);
        }
    }
}

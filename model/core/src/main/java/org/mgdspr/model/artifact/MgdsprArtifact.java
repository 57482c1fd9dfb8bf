package org.mgdspr.model.artifact;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.features.KeyTermLexicon;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.spelling.CatalogVocabulary;
import org.mgdspr.model.spelling.SpellingCorrector;
import org.mgdspr.model.twotower.ItemTower;
import org.mgdspr.model.twotower.TwoTowerModel;
import org.mgdspr.model.twotower.UserTower;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A trained MGDSPR model as one {@link ModelArtifact}: the model config, the feature spec (what the encoder needs
 * to produce the same ids), the relevance-control key-term lexicon, a training summary, and the two tower
 * directories. Either tower loads without the other: the ingest path needs only the item tower, the query path only
 * the user tower.
 *
 * <p>Everything is validated when the artifact is read (checksums by {@link ModelArtifact}, then the descriptor,
 * the config, the feature spec and the lexicon must agree); a tower that fails to load is reported as an
 * {@link InvalidArtifactException} too. Entries:
 * <pre>
 *   mgdspr.json            kind, layout version, dim, language, user tower type
 *   config.json            the full ModelConfig
 *   feature_spec.json      language and the FeatureConfig the encoder must use
 *   key_terms.json         KeyTermLexicon
 *   training.json          training summary and curve (informative)
 *   fusion.json            optional: the fusion of the k-NN and lexical channels fitted on validation queries,
 *                          what {@code fusion: auto} runs
 *   brand_boost.json       optional: {"weight": w}, the brand boost's weight fitted on validation queries (0: the
 *                          boost did not help them), what {@code brand_boost} with {@code "weight": "auto"} runs
 *   spelling.tsv           exactly when the features ask for spelling correction: the training catalog's
 *                          CatalogVocabulary that query words are corrected towards
 *   user/..., item/...     the tower directories of TwoTowerModel#save
 * </pre>
 */
public final class MgdsprArtifact {

    public static final String KIND = "mgdspr-two-tower";
    public static final int LAYOUT_VERSION = 1;

    static final String DESCRIPTOR = "mgdspr.json";
    static final String CONFIG = "config.json";
    static final String FEATURE_SPEC = "feature_spec.json";
    static final String KEY_TERMS = "key_terms.json";
    static final String TRAINING = "training.json";
    static final String FUSION = "fusion.json";
    static final String BRAND_BOOST = "brand_boost.json";
    static final String SPELLING = "spelling.tsv";
    static final String USER = "user";
    static final String ITEM = "item";

    private final ModelArtifact artifact;
    private final ModelConfig config;
    private final KeyTermLexicon keyTerms;
    private final JsonObject training;
    private final FusionSpec fittedFusion;
    private final Double fittedBrandBoostWeight;
    private final CatalogVocabulary spellingVocabulary;

    private MgdsprArtifact(ModelArtifact artifact, ModelConfig config, KeyTermLexicon keyTerms, JsonObject training,
                           FusionSpec fittedFusion, Double fittedBrandBoostWeight,
                           CatalogVocabulary spellingVocabulary) {
        this.artifact = artifact;
        this.config = config;
        this.keyTerms = keyTerms;
        this.training = training;
        this.fittedFusion = fittedFusion;
        this.fittedBrandBoostWeight = fittedBrandBoostWeight;
        this.spellingVocabulary = spellingVocabulary;
    }

    /**
     * Packs a model that does not correct query spelling.
     *
     * @param keyTerms the lexicon mined from the training catalog; its language must be the model's
     * @param training summary of the training run (may be empty)
     */
    public static MgdsprArtifact pack(TwoTowerModel model, KeyTermLexicon keyTerms, JsonObject training)
        throws IOException {
        return pack(model, keyTerms, training, null);
    }

    /**
     * Packs a model that does not correct query spelling, with the channel fusion fitted for it.
     *
     * @param fittedFusion what {@code fusion: auto} runs with this model, or null when none was fitted
     */
    public static MgdsprArtifact pack(TwoTowerModel model, KeyTermLexicon keyTerms, JsonObject training,
                                      FusionSpec fittedFusion) throws IOException {
        return pack(model, keyTerms, null, training, fittedFusion);
    }

    /**
     * Packs a model with the vocabulary its queries are spelling-corrected towards.
     *
     * @param spellingVocabulary the training catalog's vocabulary; required exactly when the model's features ask
     *                           for spelling correction
     */
    public static MgdsprArtifact pack(TwoTowerModel model, KeyTermLexicon keyTerms,
                                      CatalogVocabulary spellingVocabulary, JsonObject training,
                                      FusionSpec fittedFusion) throws IOException {
        return pack(model, keyTerms, spellingVocabulary, training, fittedFusion, null);
    }

    /**
     * Packs a model with what the trainer fitted for it on validation queries.
     *
     * @param fittedBrandBoostWeight what {@code brand_boost} with {@code "weight": "auto"} runs (finite, >= 0; 0 for
     *                               no boost), or null when none was fitted
     */
    public static MgdsprArtifact pack(TwoTowerModel model, KeyTermLexicon keyTerms,
                                      CatalogVocabulary spellingVocabulary, JsonObject training,
                                      FusionSpec fittedFusion, Double fittedBrandBoostWeight) throws IOException {
        ModelConfig config = model.config();
        checkCatalogEntries(config, keyTerms, spellingVocabulary);
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put(DESCRIPTOR, utf8(descriptor(config).toString()));
        entries.put(CONFIG, utf8(config.toJson()));
        entries.put(FEATURE_SPEC, utf8(featureSpec(config).toString()));
        entries.put(KEY_TERMS, utf8(keyTerms.toJson()));
        entries.put(TRAINING, utf8(Objects.requireNonNullElseGet(training, JsonObject::new).toString()));
        if (fittedFusion != null) {
            entries.put(FUSION, utf8(fittedFusion.toJson().toString()));
        }
        if (fittedBrandBoostWeight != null) {
            checkBrandBoostWeight(fittedBrandBoostWeight);
            JsonObject boost = new JsonObject();
            boost.addProperty("weight", fittedBrandBoostWeight);
            entries.put(BRAND_BOOST, utf8(boost.toString()));
        }
        if (spellingVocabulary != null) {
            entries.put(SPELLING, utf8(spellingVocabulary.toTsv()));
        }
        Path dir = Files.createTempDirectory("mgdspr-pack-");
        try {
            model.save(dir);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    entries.put(dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        } finally {
            TemporaryDirectory.deleteQuietly(dir);
        }
        return validate(ModelArtifact.of(entries));
    }

    /**
     * This model with the entries derived from its catalog rebuilt from another catalog, typically the same shop's
     * catalog some time after training: the key-term lexicon and, when the model corrects spelling, the vocabulary
     * query words are corrected towards. The towers, config, fitted fusion and fitted brand boost are kept; the
     * training summary keeps what it said and records the rebuild under {@code catalog_refresh}.
     *
     * @param keyTerms           the lexicon mined from the new catalog, in the model's language
     * @param spellingVocabulary the new catalog's vocabulary; required exactly when the model corrects spelling
     * @param refresh            what the new entries were built from (files, product count), recorded as given
     */
    public MgdsprArtifact withCatalog(KeyTermLexicon keyTerms, CatalogVocabulary spellingVocabulary,
                                      JsonObject refresh) {
        checkCatalogEntries(config, keyTerms, spellingVocabulary);
        Map<String, byte[]> entries = new TreeMap<>();
        artifact.entryNames().forEach(name -> entries.put(name, artifact.entry(name)));
        entries.put(KEY_TERMS, utf8(keyTerms.toJson()));
        if (spellingVocabulary != null) {
            entries.put(SPELLING, utf8(spellingVocabulary.toTsv()));
        }
        JsonObject summary = training();
        summary.add("catalog_refresh", refresh.deepCopy());
        entries.put(TRAINING, utf8(summary.toString()));
        return validate(ModelArtifact.of(entries));
    }

    private static double checkBrandBoostWeight(double weight) {
        if (!Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException("the brand boost's weight must be a finite number >= 0 but was "
                + weight);
        }
        return weight;
    }

    private static void checkCatalogEntries(ModelConfig config, KeyTermLexicon keyTerms,
                                            CatalogVocabulary spellingVocabulary) {
        if (!keyTerms.language().equals(config.features().language())) {
            throw new IllegalArgumentException("key-term lexicon language [" + keyTerms.language()
                + "] differs from the model language [" + config.features().language() + "]");
        }
        if (config.features().spellingCorrection() != (spellingVocabulary != null)) {
            throw new IllegalArgumentException(config.features().spellingCorrection()
                ? "the model corrects query spelling but no vocabulary was given"
                : "a spelling vocabulary was given but the model does not correct query spelling");
        }
    }

    /** Reads and validates an artifact file. */
    public static MgdsprArtifact read(Path zip) throws IOException {
        ModelArtifact artifact = ModelArtifact.read(zip);
        try {
            return validate(artifact);
        } catch (InvalidArtifactException e) {
            throw new InvalidArtifactException(zip + ": " + e.getMessage(), e);
        }
    }

    /** Validates the MGDSPR layout of an already checksum-verified artifact (e.g. reassembled from chunks). */
    public static MgdsprArtifact of(ModelArtifact artifact) {
        return validate(artifact);
    }

    public void write(Path zip) throws IOException {
        artifact.write(zip);
    }

    public ModelArtifact artifact() {
        return artifact;
    }

    public String checksum() {
        return artifact.checksum();
    }

    public ModelConfig config() {
        return config;
    }

    public KeyTermLexicon keyTerms() {
        return keyTerms;
    }

    public JsonObject training() {
        return training.deepCopy();
    }

    /** The fusion fitted on the trainer's validation queries, if the artifact has one. */
    public Optional<FusionSpec> fittedFusion() {
        return Optional.ofNullable(fittedFusion);
    }

    /**
     * The brand boost's weight fitted on the trainer's validation queries, if the artifact has one; 0 when the boost
     * did not help them.
     */
    public Optional<Double> fittedBrandBoostWeight() {
        return Optional.ofNullable(fittedBrandBoostWeight);
    }

    /** The vocabulary query words are corrected towards, if the model corrects spelling. */
    public Optional<CatalogVocabulary> spellingVocabulary() {
        return Optional.ofNullable(spellingVocabulary);
    }

    /**
     * The encoder that produces the ids this model was trained on. Each call builds the spelling corrector's index
     * afresh (a fraction of a second for a catalog's vocabulary), so callers keep the encoder.
     */
    public FeatureEncoder encoder() {
        return new FeatureEncoder(config.features(),
            spellingVocabulary == null ? null : new SpellingCorrector(spellingVocabulary));
    }

    /** The whole model (both towers). */
    public TwoTowerModel loadModel() {
        return loadTowers("", TwoTowerModel::load);
    }

    /** The item tower alone; its title table is stored with it even when the word vocabulary is shared. */
    public ItemTower loadItemTower() {
        return loadTowers(ITEM + "/", dir -> ItemTower.load(dir.resolve(ITEM)));
    }

    public UserTower loadUserTower() {
        return loadTowers(USER + "/", dir -> UserTower.load(dir.resolve(USER)));
    }

    private interface TowerLoader<T> {
        T load(Path dir) throws IOException;
    }

    /** Unpacks the entries under {@code prefix} into a temporary directory and loads from there. */
    private <T> T loadTowers(String prefix, TowerLoader<T> loader) {
        Path dir;
        try {
            dir = Files.createTempDirectory("mgdspr-load-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory to unpack the model", e);
        }
        try {
            for (String name : artifact.entryNames()) {
                if ((name.startsWith(USER + "/") || name.startsWith(ITEM + "/")) && name.startsWith(prefix)) {
                    Path file = dir.resolve(name).normalize();
                    if (!file.startsWith(dir)) {
                        throw new InvalidArtifactException("entry [" + name + "] points outside the model");
                    }
                    Files.createDirectories(file.getParent());
                    Files.write(file, artifact.entry(name));
                }
            }
            return loader.load(dir);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidArtifactException invalid) {
                throw invalid;
            }
            throw new InvalidArtifactException("tower parameters do not load: " + e.getMessage(), e);
        } finally {
            TemporaryDirectory.deleteQuietly(dir);
        }
    }

    private static <T> T descriptorField(JsonObject descriptor, String key, Function<JsonElement, T> read, T absent) {
        if (!descriptor.has(key)) {
            return absent;
        }
        try {
            return read.apply(descriptor.get(key));
        } catch (RuntimeException e) {
            throw new InvalidArtifactException(DESCRIPTOR + " field [" + key + "] has the wrong type: " + descriptor.get(key), e);
        }
    }

    private static MgdsprArtifact validate(ModelArtifact artifact) {
        JsonObject descriptor = json(artifact, DESCRIPTOR);
        String kind = descriptorField(descriptor, "kind", JsonElement::getAsString, "");
        if (!KIND.equals(kind)) {
            throw new InvalidArtifactException("artifact kind is [" + kind + "], expected [" + KIND + "]");
        }
        int version = descriptorField(descriptor, "layout_version", JsonElement::getAsInt, -1);
        if (version != LAYOUT_VERSION) {
            throw new InvalidArtifactException("MGDSPR layout version " + version
                + " is not supported; this build reads version " + LAYOUT_VERSION);
        }
        ModelConfig config;
        try {
            config = ModelConfig.fromJson(artifact.entryAsString(CONFIG));
        } catch (IllegalArgumentException e) {
            throw new InvalidArtifactException(CONFIG + " is not a valid model config: " + e.getMessage(), e);
        }
        if (!descriptor(config).equals(descriptor)) {
            throw new InvalidArtifactException(DESCRIPTOR + " " + descriptor + " does not match " + CONFIG);
        }
        if (!featureSpecMatches(json(artifact, FEATURE_SPEC), config)) {
            throw new InvalidArtifactException(FEATURE_SPEC + " does not match the features of " + CONFIG);
        }
        for (String tower : List.of(USER, ITEM)) {
            String towerConfig = tower + "/config.json";
            try {
                if (!ModelConfig.fromJson(artifact.entryAsString(towerConfig)).equals(config)) {
                    throw new InvalidArtifactException(towerConfig + " differs from " + CONFIG);
                }
            } catch (InvalidArtifactException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new InvalidArtifactException(towerConfig + " is not a valid model config: " + e.getMessage(), e);
            }
        }
        KeyTermLexicon keyTerms;
        try {
            keyTerms = KeyTermLexicon.fromJson(artifact.entryAsString(KEY_TERMS));
        } catch (IllegalArgumentException e) {
            throw new InvalidArtifactException(KEY_TERMS + " is not a valid lexicon: " + e.getMessage(), e);
        }
        if (!keyTerms.language().equals(config.features().language())) {
            throw new InvalidArtifactException(KEY_TERMS + " is for language [" + keyTerms.language()
                + "], the model for [" + config.features().language() + "]");
        }
        JsonObject training = artifact.entryNames().contains(TRAINING) ? json(artifact, TRAINING) : new JsonObject();
        FusionSpec fittedFusion = null;
        if (artifact.entryNames().contains(FUSION)) {
            try {
                fittedFusion = FusionSpec.fromJson(json(artifact, FUSION));
            } catch (IllegalArgumentException e) {
                throw new InvalidArtifactException(FUSION + " is not a valid fusion spec: " + e.getMessage(), e);
            }
        }
        Double fittedBrandBoostWeight = null;
        if (artifact.entryNames().contains(BRAND_BOOST)) {
            JsonObject boost = json(artifact, BRAND_BOOST);
            try {
                if (boost.size() != 1 || !boost.has("weight") || !boost.get("weight").isJsonPrimitive()
                    || !boost.getAsJsonPrimitive("weight").isNumber()) {
                    throw new IllegalArgumentException("expected {\"weight\": <number>} but was " + boost);
                }
                fittedBrandBoostWeight = checkBrandBoostWeight(boost.get("weight").getAsDouble());
            } catch (IllegalArgumentException e) {
                throw new InvalidArtifactException(BRAND_BOOST + " is not a valid brand boost: " + e.getMessage(), e);
            }
        }
        boolean hasSpelling = artifact.entryNames().contains(SPELLING);
        if (hasSpelling != config.features().spellingCorrection()) {
            throw new InvalidArtifactException(hasSpelling
                ? SPELLING + " is present but " + CONFIG + " does not ask for spelling correction"
                : CONFIG + " asks for spelling correction but the artifact has no " + SPELLING);
        }
        CatalogVocabulary spellingVocabulary = null;
        if (hasSpelling) {
            try {
                spellingVocabulary = CatalogVocabulary.fromTsv(artifact.entryAsString(SPELLING));
            } catch (IllegalArgumentException e) {
                throw new InvalidArtifactException(SPELLING + " is not a valid vocabulary: " + e.getMessage(), e);
            }
        }
        return new MgdsprArtifact(artifact, config, keyTerms, training, fittedFusion, fittedBrandBoostWeight,
            spellingVocabulary);
    }

    private static JsonObject descriptor(ModelConfig config) {
        JsonObject json = new JsonObject();
        json.addProperty("kind", KIND);
        json.addProperty("layout_version", LAYOUT_VERSION);
        json.addProperty("dim", config.tower().dim());
        json.addProperty("language", config.features().language());
        json.addProperty("user_tower", config.tower().userTower());
        return json;
    }

    /** The part of the config the encoder depends on, with the hashing scheme named for readers of the zip. */
    private static JsonObject featureSpec(ModelConfig config) {
        JsonObject json = new JsonObject();
        json.addProperty("language", config.features().language());
        json.addProperty("hash", "MurmurHash3 x86_32 of table namespace + 0x00 + UTF-8 value; id 0 is padding");
        json.add("features", JsonParser.parseString(config.toJson()).getAsJsonObject().get("features"));
        return json;
    }

    /**
     * The spec names the config's language and hash, and its features, read like a config (a key it lacks takes the
     * preset's value), equal the config's: an artifact written before a feature key existed still reads, with the
     * behaviour it was trained with.
     */
    private static boolean featureSpecMatches(JsonObject spec, ModelConfig config) {
        JsonObject expected = featureSpec(config);
        if (!spec.keySet().equals(expected.keySet()) || !spec.get("language").equals(expected.get("language"))
            || !spec.get("hash").equals(expected.get("hash")) || !spec.get("features").isJsonObject()) {
            return false;
        }
        JsonObject features = new JsonObject();
        features.add("features", spec.get("features"));
        try {
            return ModelConfig.fromJson(features.toString()).features().equals(config.features());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonObject json(ModelArtifact artifact, String entry) {
        try {
            JsonElement parsed = JsonParser.parseString(artifact.entryAsString(entry));
            if (!parsed.isJsonObject()) {
                throw new InvalidArtifactException(entry + " must be a JSON object");
            }
            return parsed.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new InvalidArtifactException(entry + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

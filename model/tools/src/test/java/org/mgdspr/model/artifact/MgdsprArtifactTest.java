package org.mgdspr.model.artifact;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.features.EnglishTokenizer;
import org.mgdspr.model.features.KeyTermClass;
import org.mgdspr.model.features.KeyTermLexicon;
import org.mgdspr.model.fusion.FusionMethod;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.fusion.ScoreNormalization;
import org.mgdspr.model.spelling.CatalogVocabulary;
import org.mgdspr.model.testing.Fixtures;
import org.mgdspr.model.train.TrainingExample;
import org.mgdspr.model.train.TwoTowerTraining;
import org.mgdspr.model.twotower.ItemTower;
import org.mgdspr.model.twotower.TwoTowerModel;
import org.mgdspr.model.twotower.UserTower;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MgdsprArtifactTest {

    private static final ModelConfig CONFIG = ModelConfig.fromJson(Fixtures.tiny().toJson()
        .replace("\"share_word_vocabulary\": false", "\"share_word_vocabulary\": true"));

    private static KeyTermLexicon lexicon() {
        return KeyTermLexicon.builder("en").addColours().add("DeWalt", KeyTermClass.BRAND).build();
    }

    /** A model moved away from its initialisation, so a round trip that re-initialised would be caught. */
    private static TwoTowerModel trained(List<EncodedUser> users, List<EncodedItem> items) {
        TwoTowerModel model = TwoTowerModel.create(CONFIG);
        List<TrainingExample> batch = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            batch.add(new TrainingExample(users.get(i), items.get(i)));
        }
        try (TwoTowerTraining training = new TwoTowerTraining(model)) {
            training.step(batch, items);
            training.step(batch, items);
        }
        return model;
    }

    @Test
    void saveThenLoadGivesBitIdenticalEmbeddingsForTheModelAndEachTowerAlone(@TempDir Path dir) throws IOException {
        Random random = new Random(5);
        List<EncodedUser> users = Fixtures.users(CONFIG.features(), random, 6);
        List<EncodedItem> items = Fixtures.items(CONFIG.features(), random, 30);
        Path zip = dir.resolve("model.zip");
        float[][] userVectors;
        float[][] itemVectors;
        JsonObject training = new JsonObject();
        training.addProperty("best_step", 2);
        try (TwoTowerModel model = trained(users, items)) {
            userVectors = model.embedUsers(users);
            itemVectors = model.embedItems(items);
            MgdsprArtifact.pack(model, lexicon(), training).write(zip);
        }
        MgdsprArtifact read = MgdsprArtifact.read(zip);
        assertEquals(CONFIG, read.config());
        assertEquals(lexicon().toJson(), read.keyTerms().toJson());
        assertEquals(2, read.training().get("best_step").getAsInt());
        try (TwoTowerModel loaded = read.loadModel()) {
            assertArrayEquals(userVectors, loaded.embedUsers(users));
            assertArrayEquals(itemVectors, loaded.embedItems(items));
        }
        try (ItemTower itemOnly = read.loadItemTower()) {
            assertArrayEquals(itemVectors, itemOnly.embed(items));
        }
        try (UserTower userOnly = read.loadUserTower()) {
            assertArrayEquals(userVectors, userOnly.embed(users));
        }
    }

    @Test
    void packingIsDeterministic() throws IOException {
        Random random = new Random(6);
        List<EncodedUser> users = Fixtures.users(CONFIG.features(), random, 3);
        List<EncodedItem> items = Fixtures.items(CONFIG.features(), random, 10);
        try (TwoTowerModel model = trained(users, items)) {
            assertEquals(MgdsprArtifact.pack(model, lexicon(), new JsonObject()).checksum(),
                MgdsprArtifact.pack(model, lexicon(), new JsonObject()).checksum());
        }
    }

    @Test
    void theFittedFusionRoundTripsAndABrokenOneIsRejected(@TempDir Path dir) throws IOException {
        Random random = new Random(8);
        FusionSpec fitted = new FusionSpec(FusionMethod.WEIGHTED, 20, 0.3, 0.7, ScoreNormalization.Z_SCORE);
        Path zip = dir.resolve("fused.zip");
        ModelArtifact withoutFusion;
        try (TwoTowerModel model = trained(Fixtures.users(CONFIG.features(), random, 3),
            Fixtures.items(CONFIG.features(), random, 10))) {
            MgdsprArtifact.pack(model, lexicon(), new JsonObject(), fitted).write(zip);
            withoutFusion = MgdsprArtifact.pack(model, lexicon(), new JsonObject()).artifact();
        }
        assertEquals(fitted, MgdsprArtifact.read(zip).fittedFusion().orElseThrow());
        assertTrue(MgdsprArtifact.of(withoutFusion).fittedFusion().isEmpty());

        Map<String, byte[]> broken = entries(withoutFusion);
        broken.put("fusion.json", "{\"method\": \"max\"}".getBytes(StandardCharsets.UTF_8));
        InvalidArtifactException error = assertThrows(InvalidArtifactException.class,
            () -> MgdsprArtifact.of(ModelArtifact.of(broken)));
        assertTrue(error.getMessage().contains("fusion.json"), error.getMessage());
    }

    @Test
    void theFittedBrandBoostRoundTripsKeepsAZeroAndABrokenOneIsRejected(@TempDir Path dir) throws IOException {
        Random random = new Random(9);
        Path zip = dir.resolve("boosted.zip");
        ModelArtifact zero;
        ModelArtifact without;
        try (TwoTowerModel model = trained(Fixtures.users(CONFIG.features(), random, 3),
            Fixtures.items(CONFIG.features(), random, 10))) {
            MgdsprArtifact.pack(model, lexicon(), null, new JsonObject(), null, 0.15).write(zip);
            zero = MgdsprArtifact.pack(model, lexicon(), null, new JsonObject(), null, 0.0).artifact();
            without = MgdsprArtifact.pack(model, lexicon(), new JsonObject()).artifact();
            assertThrows(IllegalArgumentException.class,
                () -> MgdsprArtifact.pack(model, lexicon(), null, new JsonObject(), null, -0.1));
        }
        assertEquals(0.15, MgdsprArtifact.read(zip).fittedBrandBoostWeight().orElseThrow());
        assertEquals(0.15, MgdsprArtifact.read(zip).withCatalog(lexicon(), null, new JsonObject())
            .fittedBrandBoostWeight().orElseThrow(), "a refreshed catalog keeps what was fitted");
        assertEquals(0.0, MgdsprArtifact.of(zero).fittedBrandBoostWeight().orElseThrow(), "0: no boost helped");
        assertTrue(MgdsprArtifact.of(without).fittedBrandBoostWeight().isEmpty());

        for (String entry : List.of("{\"weight\": -1}", "{\"weight\": \"auto\"}", "{\"weight\": 0.2, \"k\": 3}",
            "{}")) {
            Map<String, byte[]> broken = entries(without);
            broken.put("brand_boost.json", entry.getBytes(StandardCharsets.UTF_8));
            InvalidArtifactException error = assertThrows(InvalidArtifactException.class,
                () -> MgdsprArtifact.of(ModelArtifact.of(broken)), entry);
            assertTrue(error.getMessage().startsWith("brand_boost.json is not a valid brand boost"),
                error.getMessage());
        }
    }

    @Test
    void theSpellingVocabularyTravelsWithAModelThatCorrectsAndOnlyWithIt(@TempDir Path dir) throws IOException {
        ModelConfig correcting = ModelConfig.fromJson(CONFIG.toJson()
            .replace("\"spelling_correction\": false", "\"spelling_correction\": true"));
        CatalogVocabulary vocabulary = CatalogVocabulary.of(List.of("Toilet Seat", "Ceiling Fan"),
            new EnglishTokenizer());
        Path zip = dir.resolve("spelling.zip");
        ModelArtifact packed;
        try (TwoTowerModel model = TwoTowerModel.create(correcting)) {
            MgdsprArtifact.pack(model, lexicon(), vocabulary, new JsonObject(), null).write(zip);
            packed = MgdsprArtifact.read(zip).artifact();
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> MgdsprArtifact.pack(model, lexicon(), new JsonObject()));
            assertTrue(missing.getMessage().contains("no vocabulary"), missing.getMessage());
        }
        MgdsprArtifact read = MgdsprArtifact.read(zip);
        assertEquals(vocabulary, read.spellingVocabulary().orElseThrow());
        assertEquals(List.of("toilet", "seat"), read.encoder().queryTokens("toliet seat").words());
        try (TwoTowerModel plain = TwoTowerModel.create(CONFIG)) {
            assertTrue(MgdsprArtifact.pack(plain, lexicon(), new JsonObject()).spellingVocabulary().isEmpty());
            assertThrows(IllegalArgumentException.class,
                () -> MgdsprArtifact.pack(plain, lexicon(), vocabulary, new JsonObject(), null));
        }

        Map<String, byte[]> withoutVocabulary = entries(packed);
        withoutVocabulary.remove("spelling.tsv");
        InvalidArtifactException absent = assertThrows(InvalidArtifactException.class,
            () -> MgdsprArtifact.of(ModelArtifact.of(withoutVocabulary)));
        assertTrue(absent.getMessage().contains("spelling.tsv"), absent.getMessage());
        Map<String, byte[]> broken = entries(packed);
        broken.put("spelling.tsv", "toilet\tmany\n".getBytes(StandardCharsets.UTF_8));
        InvalidArtifactException invalid = assertThrows(InvalidArtifactException.class,
            () -> MgdsprArtifact.of(ModelArtifact.of(broken)));
        assertTrue(invalid.getMessage().contains("spelling.tsv is not a valid vocabulary"), invalid.getMessage());
    }

    @Test
    void aNewerCatalogReplacesTheLexiconAndTheVocabularyAndKeepsEverythingTrained() throws IOException {
        ModelConfig correcting = ModelConfig.fromJson(CONFIG.toJson()
            .replace("\"spelling_correction\": false", "\"spelling_correction\": true"));
        FusionSpec fusion = new FusionSpec(FusionMethod.RRF, 20, 0.7, 0.3, ScoreNormalization.MIN_MAX);
        MgdsprArtifact trained;
        try (TwoTowerModel model = TwoTowerModel.create(correcting)) {
            trained = MgdsprArtifact.pack(model, lexicon(), CatalogVocabulary.of(List.of("Delco Spark Plug"),
                new EnglishTokenizer()), new JsonObject(), fusion);
        }
        assertEquals(List.of("delco", "plug"), trained.encoder().queryTokens("acdelco plug").words(),
            "a word only newer titles use reads as an older word");

        KeyTermLexicon newer = KeyTermLexicon.builder("en").add("ACDelco", KeyTermClass.BRAND).build();
        JsonObject refresh = new JsonObject();
        refresh.addProperty("items", 2);
        MgdsprArtifact refreshed = trained.withCatalog(newer, CatalogVocabulary.of(
            List.of("Delco Spark Plug", "ACDelco Spark Plug"), new EnglishTokenizer()), refresh);
        assertEquals(List.of("acdelco", "plug"), refreshed.encoder().queryTokens("acdelco plug").words());
        assertEquals(newer.toJson(), refreshed.keyTerms().toJson());
        assertEquals(refresh, refreshed.training().get("catalog_refresh"));
        assertEquals(trained.config(), refreshed.config());
        assertEquals(fusion, refreshed.fittedFusion().orElseThrow());
        for (String name : trained.artifact().entryNames()) {
            if (name.startsWith("user/") || name.startsWith("item/")) {
                assertArrayEquals(trained.artifact().entry(name), refreshed.artifact().entry(name), name);
            }
        }
        MgdsprArtifact read = MgdsprArtifact.of(ModelArtifact.read(refreshed.artifact().toBytes()));
        assertEquals(refreshed.checksum(), read.checksum());

        assertThrows(IllegalArgumentException.class, () -> trained.withCatalog(newer, null, refresh),
            "a correcting model needs the new vocabulary");
        IllegalArgumentException chinese = assertThrows(IllegalArgumentException.class, () -> trained.withCatalog(
            KeyTermLexicon.builder("zh").build(), refreshed.spellingVocabulary().orElseThrow(), refresh));
        assertTrue(chinese.getMessage().contains("language"), chinese.getMessage());
        try (TwoTowerModel plain = TwoTowerModel.create(CONFIG)) {
            MgdsprArtifact notCorrecting = MgdsprArtifact.pack(plain, lexicon(), new JsonObject());
            assertEquals(newer.toJson(), notCorrecting.withCatalog(newer, null, refresh).keyTerms().toJson());
            assertThrows(IllegalArgumentException.class, () -> notCorrecting.withCatalog(newer,
                refreshed.spellingVocabulary().orElseThrow(), refresh));
        }
    }

    @Test
    void corruptTruncatedAndIncompatibleArtifactsAreRejected(@TempDir Path dir) throws IOException {
        Random random = new Random(7);
        List<EncodedUser> users = Fixtures.users(CONFIG.features(), random, 3);
        List<EncodedItem> items = Fixtures.items(CONFIG.features(), random, 10);
        ModelArtifact good;
        try (TwoTowerModel model = trained(users, items)) {
            good = MgdsprArtifact.pack(model, lexicon(), new JsonObject()).artifact();
        }
        byte[] bytes = good.toBytes();

        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThrows(InvalidArtifactException.class, () -> MgdsprArtifact.read(truncated));

        // flip one byte inside the stored item tables: the SHA-256 check must catch it
        Map<String, byte[]> entries = entries(good);
        byte[] tables = entries.get("item/tables.bin");
        tables[tables.length - 1] ^= 0x5a;
        Path tampered = dir.resolve("tampered.zip");
        Files.write(tampered, withForgedEntry(good, "item/tables.bin", tables));
        InvalidArtifactException sha = assertThrows(InvalidArtifactException.class, () -> MgdsprArtifact.read(tampered));
        assertTrue(sha.getMessage().contains("SHA-256"), sha.getMessage());

        Map<String, byte[]> otherKind = entries(good);
        otherKind.put("mgdspr.json", "{\"kind\": \"something-else\", \"layout_version\": 1}".getBytes(StandardCharsets.UTF_8));
        InvalidArtifactException kind = assertThrows(InvalidArtifactException.class,
            () -> MgdsprArtifact.of(ModelArtifact.of(otherKind)));
        assertTrue(kind.getMessage().contains("something-else"), kind.getMessage());

        Map<String, byte[]> mismatch = entries(good);
        mismatch.put("item/config.json", ModelConfig.fromJson(Fixtures.tiny().toJson().replace("\"dim\": 16", "\"dim\": 32")
            .replace("\"item_id_dim\": 8", "\"item_id_dim\": 24")).toJson().getBytes(StandardCharsets.UTF_8));
        InvalidArtifactException config = assertThrows(InvalidArtifactException.class,
            () -> MgdsprArtifact.of(ModelArtifact.of(mismatch)));
        assertTrue(config.getMessage().contains("item/config.json"), config.getMessage());

        Map<String, byte[]> brokenTables = entries(good);
        brokenTables.put("user/tables.bin", "not tables".getBytes(StandardCharsets.UTF_8));
        MgdsprArtifact rewrapped = MgdsprArtifact.of(ModelArtifact.of(brokenTables));
        assertThrows(InvalidArtifactException.class, rewrapped::loadUserTower);

        Map<String, byte[]> wrongLanguage = entries(good);
        wrongLanguage.put("key_terms.json", KeyTermLexicon.builder("zh").build().toJson().getBytes(StandardCharsets.UTF_8));
        assertThrows(InvalidArtifactException.class, () -> MgdsprArtifact.of(ModelArtifact.of(wrongLanguage)));
    }

    @Test
    void anArtifactWrittenBeforeTheNewestConfigKeysStillReadsWithItsOldBehaviour() throws IOException {
        ModelArtifact current;
        try (TwoTowerModel model = TwoTowerModel.create(CONFIG)) {
            current = MgdsprArtifact.pack(model, lexicon(), new JsonObject()).artifact();
        }
        Map<String, byte[]> old = entries(current);
        for (String entry : List.of("config.json", "feature_spec.json", "user/config.json", "item/config.json")) {
            JsonObject json = JsonParser.parseString(new String(old.get(entry), StandardCharsets.UTF_8))
                .getAsJsonObject();
            json.getAsJsonObject("features").remove("title_subwords");
            json.getAsJsonObject("features").remove("spelling_correction");
            if (json.has("tower")) {
                for (String key : List.of("title_projection", "sum_projection", "l2_normalize")) {
                    json.getAsJsonObject("tower").remove(key);
                }
                json.getAsJsonObject("loss").remove("in_batch_negatives");
                json.getAsJsonObject("train").remove("optimizer");
            }
            old.put(entry, json.toString().getBytes(StandardCharsets.UTF_8));
        }
        MgdsprArtifact read = MgdsprArtifact.of(ModelArtifact.of(old));
        assertEquals(CONFIG, read.config(), "missing keys take the preset's values: the behaviour before they existed");
    }

    private static Map<String, byte[]> entries(ModelArtifact artifact) {
        Map<String, byte[]> entries = new HashMap<>();
        artifact.entryNames().forEach(name -> entries.put(name, artifact.entry(name)));
        return entries;
    }

    /** The artifact's zip with one entry's bytes replaced but the original manifest kept. */
    private static byte[] withForgedEntry(ModelArtifact artifact, String name, byte[] forged) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry(ArtifactManifest.FILE_NAME));
            zip.write(artifact.manifest().toJson().getBytes(StandardCharsets.UTF_8));
            for (String entry : artifact.entryNames()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(entry));
                zip.write(entry.equals(name) ? forged : artifact.entry(entry));
            }
        }
        return out.toByteArray();
    }
}

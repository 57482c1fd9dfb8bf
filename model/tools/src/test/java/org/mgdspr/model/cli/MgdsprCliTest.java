package org.mgdspr.model.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.data.HomeDepotLoader;
import org.mgdspr.model.data.JsonLinesFormat;
import org.mgdspr.model.data.Product;
import org.mgdspr.model.features.EnglishTokenizer;
import org.mgdspr.model.features.KeyTermLexicon;
import org.mgdspr.model.spelling.CatalogVocabulary;
import org.mgdspr.model.testing.Fixtures;
import org.mgdspr.model.twotower.TwoTowerModel;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MgdsprCliTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void everyCommandHasHelp() {
        CliRun tool = run("--help");
        assertEquals(Mgdspr.OK, tool.code());
        for (String command : List.of("simulate", "train", "eval", "embed", "refresh", "deploy",
            "generate-completion")) {
            assertTrue(tool.out().contains(command), tool.out());
            CliRun help = run(command, "--help");
            assertEquals(Mgdspr.OK, help.code(), command);
            assertTrue(help.out().startsWith("Usage: mgdspr " + command), help.out());
            assertTrue(help.out().contains("--help"), help.out());
        }
        assertTrue(run("train", "--help").out().contains("--judgments=<file>"));
    }

    @Test
    void theCompletionScriptCompletesCommandsAndChoices() {
        CliRun completion = run("generate-completion");
        assertEquals(Mgdspr.OK, completion.code(), completion.err());
        assertTrue(completion.out().contains("complete -F _complete_mgdspr"), completion.out());
        for (String expected : List.of("local commands=\"simulate train eval embed refresh deploy generate-completion\"",
            "'--chunk-size'", "(\"jsonl\" \"homedepot\") # --format values",
            "(\"homedepot\" \"simulated\" \"jsonl\") # --dataset values",
            "(\"tiny\" \"small\" \"medium\" \"large\")")) {
            assertTrue(completion.out().contains(expected), expected);
        }
    }

    @Test
    void badArgumentsExitWithCodeTwoAndAMessageNamingTheProblem(@TempDir Path dir) throws IOException {
        assertEquals(Mgdspr.USAGE, run().code());
        assertUsage(run("fly"), "Unmatched argument at index 0: 'fly'");
        assertUsage(run("train", "--out", "m.zip", "--bogus"), "Unknown option: '--bogus'");
        assertUsage(run("train", "--dataset", "homedepot", "--out"), "Missing required parameter for option '--out'");
        assertUsage(run("train", "--dataset", "nowhere", "--out", "m.zip"), "--dataset must be one of");
        assertUsage(run("train", "--dataset", "simulated", "--out", "m.zip", "--epochs", "two"),
            "Invalid value for option '--epochs': 'two' is not an int");
        assertUsage(run("train", "--dataset", "simulated", "--out", "m.zip", "--epochs", "0"), "--epochs must be >= 1");
        assertUsage(run("train", "--dataset", "simulated", "--out", "m.zip", "--preset", "huge"), "--preset must be one of [paper, small]");
        assertUsage(run("train", "--dataset", "simulated"), "Missing required option: '--out=<model.zip>'");
        assertUsage(run("train", "--out", "m.zip"), "option --dataset is required");
        assertUsage(run("train", "--dataset", "homedepot", "--judgments", dir.resolve("absent.csv").toString(),
            "--out", "m.zip"), "no such file");
        Path config = Files.writeString(dir.resolve("c.json"), "{\"tower\": {\"dimm\": 3}}");
        assertUsage(run("train", "--dataset", "simulated", "--out", "m.zip", "--config", config.toString()),
            "unknown model config key [tower.dimm]");
        assertUsage(run("train", "--dataset", "simulated", "--out", "m.zip", "--config", config.toString(),
            "--preset", "small"), "either --preset or --config");
        assertUsage(run("eval", "--model", dir.resolve("none.zip").toString(), "--dataset", "simulated"),
            "no such file");
        assertUsage(run("eval", "--model", config.toString(), "--dataset", "simulated", "--cutoffs", "10,x"),
            "--cutoffs");
        assertUsage(run("embed", "--model", config.toString()), "exactly one of --items and --requests");
        assertUsage(run("train", "--epochs", "1", "--epochs", "2"), "option '--epochs' (<n>) should be specified only once");
        assertUsage(run("train", "--dataset", "simulated", "--out", "m.zip", "--no-teacher", "--teacher-mode", "init"),
            "option --teacher-mode contradicts --no-teacher");

        Path notAModel = Files.write(dir.resolve("bad.zip"), new byte[] {1, 2, 3});
        CliRun corrupt = run("eval", "--model", notAModel.toString(), "--dataset", "simulated");
        assertEquals(Mgdspr.FAILURE, corrupt.code(), corrupt.err());
        assertTrue(corrupt.err().contains("invalid model artifact"), corrupt.err());
    }

    @Test
    void refreshRebuildsTheCatalogEntriesOfAModelIntoANewArtifact(@TempDir Path dir) throws IOException {
        ModelConfig correcting = ModelConfig.fromJson(Fixtures.tiny().toJson()
            .replace("\"spelling_correction\": false", "\"spelling_correction\": true"));
        Path model = dir.resolve("model.zip");
        try (TwoTowerModel trained = TwoTowerModel.create(correcting)) {
            MgdsprArtifact.pack(trained, KeyTermLexicon.builder("en").build(), CatalogVocabulary.of(
                List.of("Delco Spark Plug"), new EnglishTokenizer()), new JsonObject(), null).write(model);
        }
        Path products = dir.resolve("products.jsonl");
        JsonLinesFormat.writeProducts(products, List.of(
            new Product("p1", "Delco Spark Plug", "s1", "plugs", "auto", "Delco"),
            new Product("p2", "ACDelco Spark Plug", "s1", "plugs", "auto", "ACDelco")));
        Path out = dir.resolve("refreshed.zip");

        CliRun refresh = run("refresh", "--model", model.toString(), "--products", products.toString(), "--out",
            out.toString());
        assertEquals(Mgdspr.OK, refresh.code(), refresh.err());
        assertTrue(refresh.out().contains("from 2 products") && refresh.out().contains("(1 new, 0 gone)"),
            refresh.out());
        MgdsprArtifact refreshed = MgdsprArtifact.read(out);
        assertEquals(List.of("acdelco", "plug"), refreshed.encoder().queryTokens("acdelco plug").words());
        assertEquals(List.of("delco", "plug"), MgdsprArtifact.read(model).encoder().queryTokens("acdelco plug")
            .words(), "the model file itself is left as it was");
        assertEquals(2, refreshed.training().getAsJsonObject("catalog_refresh").get("items").getAsInt());

        assertUsage(run("refresh", "--model", model.toString(), "--products", products.toString(), "--out",
            model.toString()), "--out must not be the --model file");
        assertUsage(run("refresh", "--model", model.toString(), "--products", products.toString(), "--format", "csv",
            "--out", out.toString()), "--format must be one of [jsonl, homedepot]");
        assertUsage(run("refresh", "--model", model.toString(), "--out", out.toString()),
            "Missing required option: '--products=<file>'");
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        run("refresh", "--model", model.toString(), "--products", empty.toString(), "--out",
            dir.resolve("none.zip").toString()).assertExit(Mgdspr.FAILURE, "holds no products");
    }

    @Test
    void homeDepotDefaultsToTheTitleOnlyCosineRecipe() {
        var homeDepot = modelOptions().config(DatasetOptions.HOMEDEPOT);
        assertTrue(!homeDepot.tower().useRealTime() && !homeDepot.tower().useLongTerm());
        assertEquals(1.0, homeDepot.tower().itemIdDropout());
        assertTrue(homeDepot.tower().l2Normalize() && homeDepot.loss().inBatchNegatives());
        assertEquals(org.mgdspr.model.config.ModelConfig.preset("small"),
            modelOptions().config(DatasetOptions.SIMULATED));
        var explicit = modelOptions("--preset", "small", "--epochs", "5").config(DatasetOptions.HOMEDEPOT);
        assertTrue(explicit.tower().useRealTime(), "an explicit preset wins over the dataset default");
        assertEquals(5, explicit.train().epochs());
    }

    /** The model options as a command with only them would parse {@code args}. */
    private static ModelOptions modelOptions(String... args) {
        ModelOptionsOnly command = new ModelOptionsOnly();
        new CommandLine(command).parseArgs(args);
        return command.options;
    }

    @Command(name = "model-options")
    private static final class ModelOptionsOnly {
        @Mixin
        ModelOptions options;
    }

    private static void assertUsage(CliRun run, String expected) {
        run.assertExit(Mgdspr.USAGE, expected);
    }

    /** The two invocations external evaluation runs, on a Home Depot subset with a tiny config. */
    @Test
    void trainsAndEvaluatesOnAHomeDepotSubset(@TempDir Path dir) throws IOException {
        String shared = System.getProperty("mgdspr.shared.dir");
        assumeTrue(shared != null, "mgdspr.shared.dir is not set");
        Path judgments = Path.of(shared, "data", "homedepot", "judgments.csv.gz");
        Path products = Path.of(shared, "data", "homedepot", "products.csv.gz");
        assumeTrue(Files.isRegularFile(judgments) && Files.isRegularFile(products), "Home Depot data is absent");

        Path subsetJudgments = dir.resolve("J.csv.gz");
        Path subsetProducts = dir.resolve("P.csv.gz");
        Set<String> uids = new HashSet<>();
        copyHead(judgments, subsetJudgments, 1500, line -> uids.add(line.split(",", 3)[1]));
        copyMatching(products, subsetProducts, 800, uids);
        Path config = Files.writeString(dir.resolve("tiny.json"), Fixtures.tiny().toJson());
        Path model = dir.resolve("model.zip");
        Path json = dir.resolve("out.json");

        CliRun train = run("train", "--dataset", "homedepot", "--judgments", subsetJudgments.toString(),
            "--products", subsetProducts.toString(), "--out", model.toString(), "--config", config.toString(),
            "--epochs", "1");
        assertEquals(Mgdspr.OK, train.code(), train.err());
        assertTrue(Files.isRegularFile(model));

        CliRun eval = run("eval", "--model", model.toString(), "--dataset", "homedepot", "--judgments",
            subsetJudgments.toString(), "--products", subsetProducts.toString(), "--json", json.toString(),
            "--report", dir.resolve("report").toString());
        assertEquals(Mgdspr.OK, eval.code(), eval.err());
        JsonObject metrics = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        for (String key : List.of("recall@10", "recall@100", "recall@1000", "ndcg@10")) {
            assertTrue(metrics.has(key), key + " in " + metrics.keySet());
            assertTrue(metrics.getAsJsonObject("bm25").has(key), "bm25 " + key);
            double value = metrics.get(key).getAsDouble();
            assertTrue(value >= 0 && value <= 1, key + " = " + value);
        }
        int catalogSize = HomeDepotLoader.readCatalog(subsetProducts).size();
        assertEquals(catalogSize, metrics.get("catalog_size").getAsInt(), "evaluated against the full catalog");
        assertTrue(Files.isRegularFile(dir.resolve("report").resolve("report.md")));
        assertTrue(Files.isRegularFile(dir.resolve("report").resolve("metrics.png")));

        Path items = dir.resolve("items.jsonl");
        JsonLinesFormat.writeProducts(items, HomeDepotLoader.readCatalog(subsetProducts).products().subList(0, 7));
        Path vectors = dir.resolve("vectors.jsonl");
        CliRun embed = run("embed", "--model", model.toString(), "--items", items.toString(), "--out", vectors.toString());
        assertEquals(Mgdspr.OK, embed.code(), embed.err());
        List<String> lines = Files.readAllLines(vectors);
        assertEquals(7, lines.size());
        assertEquals(Fixtures.tiny().tower().dim(),
            JsonParser.parseString(lines.get(0)).getAsJsonObject().getAsJsonArray("vector").size());
    }

    /**
     * On simulated data eval reports the oracles and the share of the gap the user context closes; with
     * {@code --brand-boost} also the boosted hits and their share of the gap. The trainer fits the boost's weight on
     * its validation requests, and {@code --brand-boost auto} evaluates with that weight.
     */
    @Test
    void evaluatesASimulatedShopBesideTheOracles(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("tiny.json"), Fixtures.tiny().toJson());
        Path model = dir.resolve("model.zip");
        Path json = dir.resolve("out.json");
        CliRun train = run("train", "--dataset", "simulated", "--size", "tiny", "--out", model.toString(),
            "--config", config.toString(), "--epochs", "1");
        assertEquals(Mgdspr.OK, train.code(), train.err());

        CliRun eval = run("eval", "--model", model.toString(), "--dataset", "simulated", "--size", "tiny",
            "--no-bm25", "--cutoffs", "10,100", "--json", json.toString(), "--brand-boost", "auto",
            "--brand-boost-candidates", "150");
        assertEquals(Mgdspr.OK, eval.code(), eval.err());
        JsonObject metrics = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        Optional<Double> fitted = MgdsprArtifact.read(model).fittedBrandBoostWeight();
        assertTrue(fitted.isPresent(),
            "the trainer fits the brand boost on a shop whose items and contexts have brands");
        assertTrue(train.err().contains("brand boost fitted in"), train.err());
        assertEquals(fitted.get(),
            metrics.getAsJsonObject("evaluation").get("brand_boost_weight").getAsDouble(), metrics.toString());
        JsonObject ambiguous = metrics.getAsJsonObject("segments").getAsJsonObject("ambiguous");
        for (String system : List.of("mgdspr", "mgdspr_no_user", "mgdspr_brand_boost", "oracle",
            "oracle_no_preference")) {
            assertTrue(ambiguous.has(system), system + " in " + ambiguous.keySet());
        }
        assertTrue(metrics.getAsJsonObject("oracle").get("recall@100").getAsDouble()
            > metrics.getAsJsonObject("no_user_context").get("recall@100").getAsDouble(), metrics.toString());
        assertTrue(metrics.getAsJsonObject("gap_closed").getAsJsonObject("ambiguous").has("recall@10"));
        assertTrue(eval.out().contains("ambiguous        recall@10 with context"), eval.out());
        assertTrue(metrics.getAsJsonObject("brand_boost").has("recall@100"), metrics.toString());
        assertTrue(metrics.getAsJsonObject("gap_closed_brand_boost").getAsJsonObject("ambiguous").has("recall@10"));
        assertTrue(eval.out().contains("ambiguous        recall@10 with the brand boost"), eval.out());
    }

    @Test
    void rejectsABrandBoostThatIsNotPositiveOrTooFewCandidatesOrCandidatesWithoutIt(@TempDir Path dir)
        throws IOException {
        Path model = dir.resolve("model.zip");
        Files.write(model, new byte[] {1});
        CliRun zero = run("eval", "--model", model.toString(), "--dataset", "simulated", "--size", "tiny",
            "--brand-boost", "0");
        assertEquals(Mgdspr.USAGE, zero.code());
        assertTrue(zero.err().contains("option --brand-boost must be a positive number or auto but was 0"), zero.err());
        CliRun word = run("eval", "--model", model.toString(), "--dataset", "simulated", "--size", "tiny",
            "--brand-boost", "heavy");
        assertEquals(Mgdspr.USAGE, word.code());
        assertTrue(word.err().contains("option --brand-boost must be a positive number or auto but was heavy"),
            word.err());
        CliRun alone = run("eval", "--model", model.toString(), "--dataset", "simulated", "--size", "tiny",
            "--brand-boost-candidates", "100");
        assertEquals(Mgdspr.USAGE, alone.code());
        assertTrue(alone.err().contains("option --brand-boost-candidates needs --brand-boost"), alone.err());
        CliRun few = run("eval", "--model", model.toString(), "--dataset", "simulated", "--size", "tiny",
            "--brand-boost", "0.2", "--brand-boost-candidates", "100");
        assertEquals(Mgdspr.USAGE, few.code());
        assertTrue(few.err().contains(
            "--brand-boost-candidates must be at least the largest cutoff (1000) but was 100"), few.err());
    }

    @Test
    void rejectsAnAutoBrandBoostForAModelWithoutAFittedOne(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("model.zip");
        try (TwoTowerModel untrained = TwoTowerModel.create(Fixtures.tiny())) {
            MgdsprArtifact.pack(untrained, KeyTermLexicon.builder("en").build(), new JsonObject()).write(model);
        }
        CliRun auto = run("eval", "--model", model.toString(), "--dataset", "simulated", "--size", "tiny",
            "--brand-boost", "auto");
        assertEquals(Mgdspr.USAGE, auto.code());
        assertTrue(auto.err().contains("option --brand-boost is auto but the model has no fitted brand boost"),
            auto.err());
    }

    private static void copyHead(Path from, Path to, int rows, java.util.function.Consumer<String> seen)
        throws IOException {
        try (BufferedReader in = gzipReader(from); Writer out = gzipWriter(to)) {
            out.write(in.readLine() + "\n");
            String line;
            for (int i = 0; i < rows && (line = in.readLine()) != null; i++) {
                seen.accept(line);
                out.write(line + "\n");
            }
        }
    }

    /** The header, every product in {@code uids}, and the first {@code extra} others (distractors). */
    private static void copyMatching(Path from, Path to, int extra, Set<String> uids) throws IOException {
        try (BufferedReader in = gzipReader(from); Writer out = gzipWriter(to)) {
            out.write(in.readLine() + "\n");
            List<String> kept = new ArrayList<>();
            int others = 0;
            String line;
            while ((line = in.readLine()) != null) {
                String uid = line.split(",", 2)[0];
                if (uids.contains(uid) || others++ < extra) {
                    kept.add(line);
                }
            }
            for (String row : kept) {
                out.write(row + "\n");
            }
        }
    }

    private static BufferedReader gzipReader(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
            StandardCharsets.UTF_8));
    }

    private static Writer gzipWriter(Path file) throws IOException {
        return new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8);
    }
}

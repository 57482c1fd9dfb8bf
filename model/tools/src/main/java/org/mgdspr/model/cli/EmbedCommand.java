package org.mgdspr.model.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.data.JsonLinesFormat;
import org.mgdspr.model.data.Product;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.eval.Embeddings;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.twotower.ItemTower;
import org.mgdspr.model.twotower.UserTower;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code mgdspr embed}: item vectors from a products file (item tower only) or user vectors from a requests file
 * (user tower only), one JSON object per line.
 */
@Command(name = "embed", mixinStandardHelpOptions = true, versionProvider = Mgdspr.Version.class,
    description = "embed items (products JSON lines) or users (requests JSON lines) into vectors as JSON lines")
final class EmbedCommand implements Callable<Integer> {

    private final Streams streams;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "<model.zip>", required = true, description = "model artifact (required)")
    private Path model;

    @Option(names = "--items", paramLabel = "<file>",
        description = "products.jsonl(.gz): writes {\"item_id\", \"vector\"} per product")
    private Path items;

    @Option(names = "--requests", paramLabel = "<file>",
        description = "requests.jsonl(.gz): writes {\"request_id\", \"vector\"} per request")
    private Path requests;

    @Option(names = "--out", paramLabel = "<file>", description = "output JSON lines (default: stdout)")
    private Path outFile;

    @Mixin
    private ThreadOptions threads;

    EmbedCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws Exception {
        threads.apply();
        if ((items == null) == (requests == null)) {
            throw Usage.error(spec, "give exactly one of --items and --requests");
        }
        Path modelFile = Usage.existingFile(spec, "--model", model);
        Path input = items != null ? Usage.existingFile(spec, "--items", items)
            : Usage.existingFile(spec, "--requests", requests);
        MgdsprArtifact artifact = MgdsprArtifact.read(modelFile);
        FeatureEncoder encoder = artifact.encoder();
        boolean toFile = outFile != null;
        Writer writer = toFile ? Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)
            : new BufferedWriter(new OutputStreamWriter(streams.out(), StandardCharsets.UTF_8));
        try {
            if (items != null) {
                List<Product> products = JsonLinesFormat.readProducts(input).products();
                float[][] vectors;
                try (ItemTower tower = artifact.loadItemTower()) {
                    vectors = Embeddings.items(tower, products.stream()
                        .map(p -> encoder.encodeItem(p.itemId(), p.title())).toList());
                }
                for (int i = 0; i < products.size(); i++) {
                    writeLine(writer, "item_id", products.get(i).itemId(), vectors[i]);
                }
            } else {
                List<SearchRequest> requests = JsonLinesFormat.readRequests(input);
                float[][] vectors;
                try (UserTower tower = artifact.loadUserTower()) {
                    vectors = Embeddings.users(tower, requests.stream()
                        .map(r -> encoder.encodeUser(r.query(), r.context())).toList());
                }
                for (int i = 0; i < requests.size(); i++) {
                    writeLine(writer, "request_id", requests.get(i).requestId(), vectors[i]);
                }
            }
        } finally {
            // never close the caller's stdout
            if (toFile) {
                writer.close();
            } else {
                writer.flush();
            }
        }
        return Mgdspr.OK;
    }

    private static void writeLine(Writer writer, String key, String id, float[] vector) throws IOException {
        JsonObject line = new JsonObject();
        line.addProperty(key, id);
        JsonArray values = new JsonArray(vector.length);
        for (float value : vector) {
            values.add(value);
        }
        line.add("vector", values);
        writer.write(line.toString());
        writer.write('\n');
    }
}

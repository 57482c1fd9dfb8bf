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

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code mgdspr embed}: item vectors from a products file (item tower only) or user vectors from a requests file
 * (user tower only), one JSON object per line.
 */
final class EmbedCommand implements Command {

    @Override
    public String name() {
        return "embed";
    }

    @Override
    public String summary() {
        return "embed items (products JSON lines) or users (requests JSON lines) into vectors as JSON lines";
    }

    @Override
    public List<Option> options() {
        return List.of(
            Option.value("model", "model.zip", "model artifact (required)"),
            Option.value("items", "file", "products.jsonl(.gz): writes {\"item_id\", \"vector\"} per product"),
            Option.value("requests", "file", "requests.jsonl(.gz): writes {\"request_id\", \"vector\"} per request"),
            Option.value("out", "file", "output JSON lines (default: stdout)"),
            ModelOptions.threadsOption());
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws Exception {
        ModelOptions.applyThreads(arguments);
        if (arguments.has("items") == arguments.has("requests")) {
            throw new UsageException("give exactly one of --items and --requests");
        }
        Path modelFile = arguments.existingFile("model");
        Path input = arguments.existingFile(arguments.has("items") ? "items" : "requests");
        MgdsprArtifact artifact = MgdsprArtifact.read(modelFile);
        FeatureEncoder encoder = artifact.encoder();
        boolean toFile = arguments.has("out");
        Writer writer = toFile ? Files.newBufferedWriter(arguments.path("out"), StandardCharsets.UTF_8)
            : new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        try {
            if (arguments.has("items")) {
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
        return 0;
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

package org.mgdspr.model.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.features.UserContextJson;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's own log format, so users can train on their own data: UTF-8 JSON lines (one object per line,
 * optionally gzipped when the name ends in {@code .gz}). Specified in {@code model/docs/jsonl-format.md}.
 *
 * <ul>
 *   <li>products: {@code item_id} (required), {@code title}, {@code shop}, {@code leaf_category}, {@code category},
 *       {@code brand};</li>
 *   <li>requests: {@code request_id}, {@code query} (required), {@code day}, {@code user_id}, {@code user} (the user
 *       context with the plugin query's field names, see {@link UserContextJson}), {@code clicks},
 *       {@code purchases}, {@code impressions};</li>
 *   <li>labels: {@code query}, {@code item_id}, {@code grade}.</li>
 * </ul>
 * Unknown keys are rejected so a misspelled field never silently drops data. Every error is a
 * {@link DataFileException} naming the file and line.
 */
public final class JsonLinesFormat {

    public static final String PRODUCTS_FILE = "products.jsonl";
    public static final String TRAIN_FILE = "train.jsonl";
    public static final String TEST_FILE = "test.jsonl";
    public static final String LABELS_FILE = "labels.jsonl";

    private static final Set<String> PRODUCT_KEYS = Set.of("item_id", "title", "shop", "leaf_category", "category",
        "brand");
    private static final Set<String> REQUEST_KEYS = Set.of("request_id", "day", "user_id", "query", "user", "clicks",
        "purchases", "impressions");
    private static final Set<String> LABEL_KEYS = Set.of("query", "item_id", "grade");

    private JsonLinesFormat() {}

    /**
     * Reads a dataset directory: {@code products.jsonl}, {@code train.jsonl}, {@code test.jsonl} and optionally
     * {@code labels.jsonl} (each may be gzipped as {@code *.jsonl.gz}).
     */
    public static Dataset readDataset(Path directory, double goodThreshold) {
        Catalog catalog = readProducts(existing(directory, PRODUCTS_FILE));
        List<SearchRequest> train = readRequests(existing(directory, TRAIN_FILE));
        List<SearchRequest> test = readRequests(existing(directory, TEST_FILE));
        Path labels = optional(directory, LABELS_FILE);
        return new Dataset(catalog, train, test,
            labels == null ? RelevanceLabels.NONE : readLabels(labels, goodThreshold));
    }

    /**
     * Writes a dataset directory readable by {@link #readDataset}. Labels are written when they are explicit
     * ({@link JudgedRelevance}); rule-based labels such as the simulator's cover every pair and are written with
     * {@link #writeLabels} for chosen queries instead.
     */
    public static void writeDataset(Path directory, Dataset dataset) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        writeProducts(directory.resolve(PRODUCTS_FILE), dataset.catalog().products());
        writeRequests(directory.resolve(TRAIN_FILE), dataset.train());
        writeRequests(directory.resolve(TEST_FILE), dataset.test());
        if (dataset.labels() instanceof JudgedRelevance judged) {
            writeLabels(directory.resolve(LABELS_FILE), judged, judged.queries());
        }
    }

    public static Catalog readProducts(Path file) {
        List<Product> products = new ArrayList<>();
        Map<String, Long> lines = new HashMap<>();
        forEachObject(file, PRODUCT_KEYS, (json, line) -> {
            Product product = new Product(required(json, "item_id"), UserContextJson.string(json.get("title"), "title"),
                UserContextJson.string(json.get("shop"), "shop"),
                UserContextJson.string(json.get("leaf_category"), "leaf_category"),
                UserContextJson.string(json.get("category"), "category"),
                UserContextJson.string(json.get("brand"), "brand"));
            Long previous = lines.putIfAbsent(product.itemId(), line);
            if (previous != null) {
                throw new IllegalArgumentException("item_id [" + product.itemId() + "] already defined on line " + previous);
            }
            products.add(product);
        });
        return new Catalog(products);
    }

    public static List<SearchRequest> readRequests(Path file) {
        List<SearchRequest> requests = new ArrayList<>();
        forEachObject(file, REQUEST_KEYS, (json, line) -> {
            JsonElement day = json.get("day");
            int dayValue = 0;
            if (day != null && !day.isJsonNull()) {
                if (!day.isJsonPrimitive() || !day.getAsJsonPrimitive().isNumber()
                    || day.getAsDouble() != Math.rint(day.getAsDouble()) || Math.abs(day.getAsDouble()) > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("day must be an integer but was " + day);
                }
                dayValue = day.getAsInt();
            }
            UserContext context = UserContextJson.fromJson(json.get("user"), "user");
            requests.add(new SearchRequest(required(json, "request_id"), dayValue,
                UserContextJson.string(json.get("user_id"), "user_id"), required(json, "query"), context,
                UserContextJson.strings(json.get("clicks"), "clicks"),
                UserContextJson.strings(json.get("purchases"), "purchases"),
                UserContextJson.strings(json.get("impressions"), "impressions")));
        });
        return requests;
    }

    public static JudgedRelevance readLabels(Path file, double goodThreshold) {
        Map<String, Map<String, Double>> grades = new LinkedHashMap<>();
        forEachObject(file, LABEL_KEYS, (json, line) -> {
            JsonElement grade = json.get("grade");
            if (grade == null || !grade.isJsonPrimitive() || !grade.getAsJsonPrimitive().isNumber()) {
                throw new IllegalArgumentException("grade must be a number but was " + grade);
            }
            grades.computeIfAbsent(Queries.normalize(required(json, "query")), q -> new LinkedHashMap<>())
                .put(required(json, "item_id"), grade.getAsDouble());
        });
        return new JudgedRelevance(grades, goodThreshold);
    }

    public static void writeProducts(Path file, Iterable<Product> products) {
        write(file, out -> {
            for (Product product : products) {
                JsonObject json = new JsonObject();
                json.addProperty("item_id", product.itemId());
                json.addProperty("title", product.title());
                json.addProperty("shop", product.shop());
                json.addProperty("leaf_category", product.leafCategory());
                json.addProperty("category", product.category());
                json.addProperty("brand", product.brand());
                writeLine(out, json);
            }
        });
    }

    public static void writeRequests(Path file, Iterable<SearchRequest> requests) {
        write(file, out -> {
            for (SearchRequest request : requests) {
                writeLine(out, toJson(request));
            }
        });
    }

    /** Writes the judged items of each given query (labels have no global listing: simulated ones are implicit). */
    public static void writeLabels(Path file, RelevanceLabels labels, Iterable<String> queries) {
        write(file, out -> {
            for (String query : queries) {
                for (Map.Entry<String, Double> grade : labels.judged(query).entrySet()) {
                    JsonObject json = new JsonObject();
                    json.addProperty("query", query);
                    json.addProperty("item_id", grade.getKey());
                    json.addProperty("grade", grade.getValue());
                    writeLine(out, json);
                }
            }
        });
    }

    public static JsonObject toJson(SearchRequest request) {
        JsonObject json = new JsonObject();
        json.addProperty("request_id", request.requestId());
        json.addProperty("day", request.day());
        json.addProperty("user_id", request.userId());
        json.addProperty("query", request.query());
        json.add("user", UserContextJson.toJson(request.context()));
        json.add("clicks", array(request.clicked()));
        json.add("purchases", array(request.purchased()));
        json.add("impressions", array(request.impressions()));
        return json;
    }

    private static JsonArray array(List<String> values) {
        JsonArray array = new JsonArray(values.size());
        for (String value : values) {
            array.add(new JsonPrimitive(value));
        }
        return array;
    }

    private static String required(JsonObject json, String key) {
        String value = UserContextJson.string(json.get(key), key);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(key + " is required and must not be empty");
        }
        return value;
    }

    private static void forEachObject(Path file, Set<String> allowedKeys, ObjectConsumer consumer) {
        try (BufferedReader reader = DataFiles.reader(file)) {
            long line = 0;
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    JsonElement parsed = JsonParser.parseString(text);
                    if (!parsed.isJsonObject()) {
                        throw new IllegalArgumentException("expected a JSON object but found " + abbreviate(text));
                    }
                    JsonObject json = parsed.getAsJsonObject();
                    for (String key : json.keySet()) {
                        if (!allowedKeys.contains(key)) {
                            throw new IllegalArgumentException("unknown field [" + key + "], expected one of "
                                + allowedKeys.stream().sorted().toList());
                        }
                    }
                    consumer.accept(json, line);
                } catch (JsonParseException e) {
                    throw new DataFileException(file, line, "invalid JSON: " + e.getMessage(), e);
                } catch (IllegalArgumentException e) {
                    throw new DataFileException(file, line, e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, WriterBody body) {
        try (BufferedWriter out = DataFiles.writer(file)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void writeLine(BufferedWriter out, JsonObject json) throws IOException {
        out.write(json.toString());
        out.write('\n');
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static Path existing(Path directory, String name) {
        Path file = optional(directory, name);
        if (file == null) {
            throw new IllegalArgumentException("dataset directory " + directory + " has no " + name + " (or "
                + name + ".gz)");
        }
        return file;
    }

    private static Path optional(Path directory, String name) {
        Path plain = directory.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = directory.resolve(name + ".gz");
        return Files.isRegularFile(gz) ? gz : null;
    }

    private interface ObjectConsumer {
        void accept(JsonObject json, long line);
    }

    private interface WriterBody {
        void write(BufferedWriter out) throws IOException;
    }
}

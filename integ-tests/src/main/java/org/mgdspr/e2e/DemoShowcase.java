package org.mgdspr.e2e;

import com.google.gson.JsonPrimitive;
import org.mgdspr.model.data.Catalog;
import org.mgdspr.model.data.Product;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.UserContext;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The readable part of the main job: the same ambiguous query for two users with different histories side by side,
 * with the channels that retrieved each hit, and what relevance control removed from a query that names a brand.
 */
final class DemoShowcase {

    static final String PROFILES = "shop_users";
    private static final int SHOWN = 8;
    private static final int COLUMN = 58;

    private final NodeClient node;
    private final Searcher searcher;
    private final String modelId;
    private final Catalog catalog;
    private final PrintStream out;

    DemoShowcase(NodeClient node, Searcher searcher, String modelId, Catalog catalog, PrintStream out) {
        this.node = node;
        this.searcher = searcher;
        this.modelId = modelId;
        this.catalog = catalog;
        this.out = out;
    }

    /**
     * Two test requests of ambiguous queries by users whose recent clicks favour different brands, or none when the
     * test split has no such pair (a tiny world may not).
     */
    static Optional<List<SearchRequest>> contrastingUsers(List<SearchRequest> tests, Predicate<SearchRequest> ambiguous) {
        List<SearchRequest> candidates = tests.stream().filter(ambiguous)
            .filter(request -> request.context().realTime().size() >= 3).toList();
        for (SearchRequest first : candidates) {
            for (SearchRequest second : candidates) {
                if (!first.userId().equals(second.userId())
                    && !favouriteBrand(first.context()).equals(favouriteBrand(second.context()))) {
                    return Optional.of(List.of(first, second));
                }
            }
        }
        return Optional.empty();
    }

    private static String favouriteBrand(UserContext context) {
        Map<String, Integer> counts = new HashMap<>();
        for (BehaviorItem item : context.realTime()) {
            counts.merge(item.brand(), 1, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }

    void sideBySide(SearchRequest first, SearchRequest second) {
        Map<String, UserContext> profiles = new LinkedHashMap<>();
        profiles.put(first.userId(), first.context());
        profiles.put(second.userId(), second.context());
        new ShopIndexes(node, modelId).indexProfiles(PROFILES, profiles);
        String query = first.query();
        out.printf(Locale.ROOT, "%nThe same ambiguous query \"%s\" for two users (profiles in index [%s]), k-NN + "
            + "lexical channels, the fusion and the brand boost's weight fitted for the model (fusion: auto, "
            + "brand_boost.weight: auto):%n", query, PROFILES);
        List<List<String>> columns = new ArrayList<>();
        for (SearchRequest user : List.of(first, second)) {
            String body = """
                {"size": %d, "_source": false, "query": {"mgdspr": {"model_id": "%s", "field": "%s", "query": %s,
                  "user": {"index": "%s", "id": "%s"}, "k": 100, "lexical": {"fields": ["%s"]}, "fusion": "auto",
                  "brand_boost": {"field": "brand", "weight": "auto"}, "provenance": true}}}
                """.formatted(SHOWN, modelId, ShopIndexes.VECTOR_FIELD, json(query), PROFILES, user.userId(),
                ShopIndexes.TITLE_FIELD);
            List<String> lines = new ArrayList<>();
            lines.add(user.userId() + " (recently clicked brands: " + recentBrands(user.context()) + ")");
            for (Searcher.Hit hit : searcher.search(body)) {
                lines.add(describe(hit.id()) + "  " + String.join("+", hit.channels()).replace("mgdspr:", ""));
            }
            columns.add(lines);
        }
        printColumns(columns);
    }

    /** The k-NN channel for a query that names a brand, without and with relevance control, for a profiled user. */
    void relevanceControl(String query, String userId, String keyTerms) {
        out.printf(Locale.ROOT, "%nRelevance control on \"%s\" for %s (mode auto; the lexicon detects %s), top 20 of "
            + "the k-NN channel:%n", query, userId, keyTerms);
        List<String> before = searcher.ids(body(query, userId, "\"relevance_control\": {\"mode\": \"off\"}"));
        List<String> post = searcher.ids(body(query, userId, "\"relevance_control\": {\"mode\": \"auto\"}"));
        List<String> pre = searcher.ids(body(query, userId,
            "\"relevance_control\": {\"mode\": \"auto\", \"apply\": \"pre_filter\"}"));
        List<String> removed = before.stream().filter(id -> !post.contains(id)).toList();
        out.printf(Locale.ROOT, "  without control: %d hits; post_filter keeps %d and removes %d; pre_filter returns %d,"
            + " all carrying the key terms%n", before.size(), post.size(), removed.size(), pre.size());
        removed.stream().limit(5).forEach(id -> out.println("  removed: " + describe(id)));
    }

    private String body(String query, String userId, String control) {
        return """
            {"size": 20, "_source": false, "query": {"mgdspr": {"model_id": "%s", "field": "%s", "query": %s,
              "user": {"index": "%s", "id": "%s"}, "k": 20, %s}}}
            """.formatted(modelId, ShopIndexes.VECTOR_FIELD, json(query), PROFILES, userId, control);
    }

    private String recentBrands(UserContext context) {
        return String.join(", ", context.realTime().stream().map(BehaviorItem::brand).distinct().limit(3).toList());
    }

    private String describe(String itemId) {
        Product product = catalog.get(itemId);
        return product == null ? itemId : product.title();
    }

    private void printColumns(List<List<String>> columns) {
        int rows = columns.stream().mapToInt(List::size).max().orElse(0);
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder("  ");
            for (List<String> column : columns) {
                String cell = r < column.size() ? (r == 0 ? "" : r + ". ") + column.get(r) : "";
                line.append(String.format(Locale.ROOT, "%-" + COLUMN + "s", clip(cell))).append("  ");
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String clip(String text) {
        return text.length() <= COLUMN ? text : text.substring(0, COLUMN - 1) + "…";
    }

    private static String json(String text) {
        return new JsonPrimitive(text).toString();
    }
}

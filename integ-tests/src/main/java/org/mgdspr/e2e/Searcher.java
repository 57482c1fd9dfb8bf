package org.mgdspr.e2e;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Runs one search and returns what the comparisons need from it. */
final class Searcher {

    record Hit(String id, Set<String> channels) {}

    private final NodeClient node;
    private final String index;

    Searcher(NodeClient node, String index) {
        this.node = node;
        this.index = index;
    }

    List<Hit> search(String body) {
        JsonObject response = node.post(index + "/_search", body);
        List<Hit> hits = new ArrayList<>();
        for (JsonElement hit : response.getAsJsonObject("hits").getAsJsonArray("hits")) {
            JsonObject object = hit.getAsJsonObject();
            Set<String> channels = new TreeSet<>();
            if (object.has("matched_queries")) {
                JsonElement matched = object.get("matched_queries");
                if (matched.isJsonArray()) {
                    matched.getAsJsonArray().forEach(name -> channels.add(name.getAsString()));
                } else {
                    channels.addAll(matched.getAsJsonObject().keySet());
                }
            }
            hits.add(new Hit(object.get("_id").getAsString(), channels));
        }
        return hits;
    }

    List<String> ids(String body) {
        return search(body).stream().map(Hit::id).toList();
    }
}

package org.mgdspr.model.features;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON form of a {@link UserContext}, with the field names of the plugin's {@code mgdspr} query:
 * {@code real_time}, {@code short_term} (arrays of behaviour items with {@code item_id}, {@code shop},
 * {@code leaf_category}, {@code category}, {@code brand}), {@code long_term} (object with the 12 keys
 * {@code item_click} .. {@code brand_collect}, each an array of ids) and {@code query_history} (array of strings).
 * Every field is optional. Errors name the offending field path.
 */
public final class UserContextJson {

    public static final String REAL_TIME = "real_time";
    public static final String SHORT_TERM = "short_term";
    public static final String LONG_TERM = "long_term";
    public static final String QUERY_HISTORY = "query_history";

    private UserContextJson() {}

    /** The JSON key of a long-term list, e.g. {@code leaf_category_buy}. */
    public static String key(LongTermList list) {
        return list.name().toLowerCase(Locale.ROOT);
    }

    public static JsonObject toJson(UserContext context) {
        JsonObject json = new JsonObject();
        json.add(REAL_TIME, behaviorArray(context.realTime()));
        json.add(SHORT_TERM, behaviorArray(context.shortTerm()));
        JsonObject longTerm = new JsonObject();
        for (LongTermList list : LongTermList.values()) {
            List<String> ids = context.longTerm().get(list);
            if (!ids.isEmpty()) {
                longTerm.add(key(list), stringArray(ids));
            }
        }
        json.add(LONG_TERM, longTerm);
        json.add(QUERY_HISTORY, stringArray(context.queryHistory()));
        return json;
    }

    public static JsonObject toJson(BehaviorItem item) {
        JsonObject json = new JsonObject();
        json.addProperty("item_id", item.itemId());
        json.addProperty("shop", item.shop());
        json.addProperty("leaf_category", item.leafCategory());
        json.addProperty("category", item.category());
        json.addProperty("brand", item.brand());
        return json;
    }

    /**
     * Parses a context object. {@code path} prefixes every error message (e.g. {@code "requests.jsonl:12: user"}).
     */
    public static UserContext fromJson(JsonElement element, String path) {
        if (element == null || element.isJsonNull()) {
            return UserContext.EMPTY;
        }
        JsonObject json = object(element, path);
        for (String key : json.keySet()) {
            if (!List.of(REAL_TIME, SHORT_TERM, LONG_TERM, QUERY_HISTORY).contains(key)) {
                throw new IllegalArgumentException(path + "." + key + " is not a user context field, expected one of ["
                    + REAL_TIME + ", " + SHORT_TERM + ", " + LONG_TERM + ", " + QUERY_HISTORY + "]");
            }
        }
        List<BehaviorItem> realTime = behaviorList(json.get(REAL_TIME), path + "." + REAL_TIME);
        List<BehaviorItem> shortTerm = behaviorList(json.get(SHORT_TERM), path + "." + SHORT_TERM);
        Map<LongTermList, List<String>> longTerm = new EnumMap<>(LongTermList.class);
        JsonElement longTermJson = json.get(LONG_TERM);
        if (longTermJson != null && !longTermJson.isJsonNull()) {
            JsonObject lists = object(longTermJson, path + "." + LONG_TERM);
            for (String key : lists.keySet()) {
                LongTermList list = parseListKey(key, path + "." + LONG_TERM);
                longTerm.put(list, strings(lists.get(key), path + "." + LONG_TERM + "." + key));
            }
        }
        List<String> history = strings(json.get(QUERY_HISTORY), path + "." + QUERY_HISTORY);
        return new UserContext(realTime, shortTerm, longTerm, history);
    }

    public static BehaviorItem behaviorItemFromJson(JsonElement element, String path) {
        JsonObject json = object(element, path);
        for (String key : json.keySet()) {
            if (!List.of("item_id", "shop", "leaf_category", "category", "brand").contains(key)) {
                throw new IllegalArgumentException(path + "." + key
                    + " is not a behaviour item field, expected item_id, shop, leaf_category, category, brand");
            }
        }
        String itemId = string(json.get("item_id"), path + ".item_id");
        if (itemId.isEmpty()) {
            throw new IllegalArgumentException(path + ".item_id is required and must not be empty");
        }
        return new BehaviorItem(itemId, string(json.get("shop"), path + ".shop"),
            string(json.get("leaf_category"), path + ".leaf_category"), string(json.get("category"), path + ".category"),
            string(json.get("brand"), path + ".brand"));
    }

    private static LongTermList parseListKey(String key, String path) {
        for (LongTermList list : LongTermList.values()) {
            if (key(list).equals(key)) {
                return list;
            }
        }
        throw new IllegalArgumentException(path + "." + key + " is not a long-term list, expected one of item_click, "
            + "item_buy, item_collect, shop_*, leaf_category_*, brand_* with actions click, buy, collect");
    }

    private static List<BehaviorItem> behaviorList(JsonElement element, String path) {
        List<BehaviorItem> items = new ArrayList<>();
        if (element == null || element.isJsonNull()) {
            return items;
        }
        JsonArray array = array(element, path);
        for (int i = 0; i < array.size(); i++) {
            items.add(behaviorItemFromJson(array.get(i), path + "[" + i + "]"));
        }
        return items;
    }

    /** A list of strings; numbers are accepted and kept in their JSON text form because ids are often numeric. */
    public static List<String> strings(JsonElement element, String path) {
        List<String> values = new ArrayList<>();
        if (element == null || element.isJsonNull()) {
            return values;
        }
        JsonArray array = array(element, path);
        for (int i = 0; i < array.size(); i++) {
            String value = string(array.get(i), path + "[" + i + "]");
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
        return values;
    }

    /** A string field; absent or null reads as empty, numbers keep their JSON text form. */
    public static String string(JsonElement element, String path) {
        if (element == null || element.isJsonNull()) {
            return "";
        }
        if (!element.isJsonPrimitive() || element.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException(path + " must be a string but was " + element);
        }
        return element.getAsString();
    }

    private static JsonObject object(JsonElement element, String path) {
        if (!element.isJsonObject()) {
            throw new IllegalArgumentException(path + " must be an object but was " + element);
        }
        return element.getAsJsonObject();
    }

    private static JsonArray array(JsonElement element, String path) {
        if (!element.isJsonArray()) {
            throw new IllegalArgumentException(path + " must be an array but was " + element);
        }
        return element.getAsJsonArray();
    }

    private static JsonArray behaviorArray(List<BehaviorItem> items) {
        JsonArray array = new JsonArray(items.size());
        for (BehaviorItem item : items) {
            array.add(toJson(item));
        }
        return array;
    }

    private static JsonArray stringArray(List<String> values) {
        JsonArray array = new JsonArray(values.size());
        for (String value : values) {
            array.add(value);
        }
        return array;
    }
}

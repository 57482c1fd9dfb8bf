package org.mgdspr.model.features;

import java.util.List;
import java.util.Map;

/**
 * The most one search, embed or ingest request may carry into the towers. Above a limit the plugin refuses the
 * request with a 400 that names the field and the limit; nothing is cut silently. Within the limits the model
 * itself reads only the newest entries of each list, up to its {@link org.mgdspr.model.config.FeatureConfig}
 * lengths (paper: 50 real-time, 100 short-term, 100 per long-term list), which is part of the model.
 *
 * <p>Lengths are Java string lengths (UTF-16 code units).
 */
public final class RequestLimits {

    /** Query texts, item titles and each query-history entry: the analyzer reaches its token limits long before. */
    public static final int MAX_TEXT_CHARS = FeatureEncoder.MAX_TEXT_CHARS;
    /** Items of {@code real_time} and of {@code short_term}, each. */
    public static final int MAX_BEHAVIOR_ITEMS = 1_000;
    /** Ids of each of the 12 {@code long_term} lists. */
    public static final int MAX_LONG_TERM_IDS = 1_000;
    /** Entries of {@code query_history}. */
    public static final int MAX_QUERY_HISTORY = 1_000;
    /** Item ids and the other id fields (shop, leaf_category, category, brand, long-term ids). */
    public static final int MAX_ID_CHARS = 512;

    private RequestLimits() {}

    /** @throws IllegalArgumentException naming {@code path} and the limit when the text is too long */
    public static String text(String text, String path) {
        return length(text, path, MAX_TEXT_CHARS);
    }

    /** @throws IllegalArgumentException naming {@code path} and the limit when the id is too long */
    public static String id(String id, String path) {
        return length(id, path, MAX_ID_CHARS);
    }

    /**
     * @param path prefixes every error message, e.g. {@code [user]}
     * @throws IllegalArgumentException naming the field and the limit it exceeds
     */
    public static UserContext check(UserContext context, String path) {
        behaviors(context.realTime(), path + "." + UserContextJson.REAL_TIME);
        behaviors(context.shortTerm(), path + "." + UserContextJson.SHORT_TERM);
        for (Map.Entry<LongTermList, List<String>> list : context.longTerm().entrySet()) {
            List<String> ids = list.getValue();
            if (ids.isEmpty()) {
                continue;
            }
            String listPath = path + "." + UserContextJson.LONG_TERM + "." + UserContextJson.key(list.getKey());
            count(ids, listPath, MAX_LONG_TERM_IDS);
            for (int i = 0; i < ids.size(); i++) {
                entryLength(ids.get(i), listPath, i, null, MAX_ID_CHARS);
            }
        }
        String historyPath = path + "." + UserContextJson.QUERY_HISTORY;
        count(context.queryHistory(), historyPath, MAX_QUERY_HISTORY);
        for (int i = 0; i < context.queryHistory().size(); i++) {
            entryLength(context.queryHistory().get(i), historyPath, i, null, MAX_TEXT_CHARS);
        }
        return context;
    }

    // the element paths are built only for an error: a context at the limits has hundreds of entries
    private static void behaviors(List<BehaviorItem> items, String path) {
        count(items, path, MAX_BEHAVIOR_ITEMS);
        for (int i = 0; i < items.size(); i++) {
            BehaviorItem item = items.get(i);
            entryLength(item.itemId(), path, i, "item_id", MAX_ID_CHARS);
            entryLength(item.shop(), path, i, "shop", MAX_ID_CHARS);
            entryLength(item.leafCategory(), path, i, "leaf_category", MAX_ID_CHARS);
            entryLength(item.category(), path, i, "category", MAX_ID_CHARS);
            entryLength(item.brand(), path, i, "brand", MAX_ID_CHARS);
        }
    }

    private static void entryLength(String value, String listPath, int position, String field, int max) {
        if (value != null && value.length() > max) {
            length(value, listPath + "[" + position + "]" + (field == null ? "" : "." + field), max);
        }
    }

    private static void count(List<?> values, String path, int max) {
        if (values.size() > max) {
            throw new IllegalArgumentException(path + " has " + values.size() + " entries, above the limit of " + max
                + " (send the newest " + max + ")");
        }
    }

    private static String length(String value, String path, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(path + " is " + value.length() + " characters long, above the limit of "
                + max);
        }
        return value;
    }
}

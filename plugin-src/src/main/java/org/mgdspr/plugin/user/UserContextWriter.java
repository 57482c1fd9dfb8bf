package org.mgdspr.plugin.user;

import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.LongTermList;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.features.UserContextJson;
import org.opensearch.core.xcontent.XContentBuilder;

import java.io.IOException;
import java.util.List;

/**
 * Writes a user context as the object {@link UserContextReader} reads, in the JSON form of {@link UserContextJson}:
 * the four fields always, the long-term lists that are not empty.
 */
public final class UserContextWriter {

    private UserContextWriter() {}

    /** Writes {@code context} as the value of the field {@code name} of the object being built. */
    public static XContentBuilder write(XContentBuilder builder, String name, UserContext context) throws IOException {
        builder.startObject(name);
        behaviors(builder, UserContextJson.REAL_TIME, context.realTime());
        behaviors(builder, UserContextJson.SHORT_TERM, context.shortTerm());
        builder.startObject(UserContextJson.LONG_TERM);
        for (LongTermList list : LongTermList.values()) {
            List<String> ids = context.longTerm().get(list);
            if (!ids.isEmpty()) {
                builder.array(UserContextJson.key(list), ids.toArray(String[]::new));
            }
        }
        builder.endObject();
        builder.array(UserContextJson.QUERY_HISTORY, context.queryHistory().toArray(String[]::new));
        return builder.endObject();
    }

    private static void behaviors(XContentBuilder builder, String name, List<BehaviorItem> items) throws IOException {
        builder.startArray(name);
        for (BehaviorItem item : items) {
            builder.startObject().field("item_id", item.itemId()).field("shop", item.shop())
                .field("leaf_category", item.leafCategory()).field("category", item.category())
                .field("brand", item.brand()).endObject();
        }
        builder.endArray();
    }
}

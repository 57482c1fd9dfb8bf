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
        return writeFields(builder.startObject(name), context).endObject();
    }

    /**
     * Writes the context's four fields into the object being built, beside fields of its own: the form of a
     * user-profile document.
     */
    public static XContentBuilder writeFields(XContentBuilder builder, UserContext context) throws IOException {
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
        return builder.array(UserContextJson.QUERY_HISTORY, context.queryHistory().toArray(String[]::new));
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

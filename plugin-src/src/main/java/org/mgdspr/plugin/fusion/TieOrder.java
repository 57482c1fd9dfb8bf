package org.mgdspr.plugin.fusion;

import java.util.Locale;

/**
 * How a channel orders documents of equal score, which decides their ranks and which of them its top {@code k}
 * keeps. BM25 gives equal scores to every document with the same matches and field length, so on catalogs of short
 * titles most lexical lists end inside a run of equal scores.
 */
public enum TieOrder {
    /**
     * By index name, then {@code _id}: the lists, and so the fused result, do not depend on the number of shards nor
     * on which copy of a shard answers. It reads the stored {@code _id} of every document in a run of equal scores
     * that reaches into the top {@code k}, and may search again for the documents tied at the cut.
     */
    ID,
    /**
     * As a plain search orders them: by shard, then by Lucene document number. No stored field is read and no second
     * search runs, but equal scores may be ordered differently on another number of shards or on another replica.
     */
    SHARD;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The order named {@code jsonName}. */
    public static TieOrder of(String jsonName) {
        for (TieOrder order : values()) {
            if (order.jsonName().equals(jsonName)) {
                return order;
            }
        }
        throw new IllegalArgumentException("[tie_order] must be one of [id, shard] but was [" + jsonName + "]");
    }
}

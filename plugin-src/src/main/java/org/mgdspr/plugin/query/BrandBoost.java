package org.mgdspr.plugin.query;

import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ToXContentFragment;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.index.query.BoolQueryBuilder;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryBuilders;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The personal brand boost of a {@code mgdspr} search's k-NN channel: the channel retrieves {@code candidates}
 * nearest items, adds {@code weight} × the share of the item's brand among the user's real-time and short-term
 * behaviour items that the model reads ({@code BrandAffinity}) to each k-NN score, and keeps its best {@code k}. The user tower ranks an ambiguous query's scope
 * by how close the titles' words sit to the query's; the boost re-orders that scope by the user's brands without
 * retrieving the brands' items from elsewhere. Each brand is one {@code term} query on {@code field}; on several
 * shards each shard boosts its own nearest {@code candidates}, as a {@code bool} around a {@code knn} query does.
 *
 * @param field      the keyword field holding an item's brand
 * @param weight     what a brand that is all of the behaviour adds to a k-NN score (1 + inner product), > 0; null
 *                   for {@code "auto"}: the weight the trainer fitted for the model, resolved with the user tower
 * @param candidates how many nearest items the boost re-orders, or null for three times the query's {@code k}
 */
public record BrandBoost(String field, Float weight, Integer candidates) implements Writeable, ToXContentFragment {

    static final String AUTO = "auto";

    public BrandBoost {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("[brand_boost.field] must name the keyword field of the brand");
        }
        if (weight != null && (!Float.isFinite(weight) || weight <= 0)) {
            throw new IllegalArgumentException("[brand_boost.weight] must be a positive number or [" + AUTO
                + "] but was " + weight);
        }
        if (candidates != null && (candidates < 1 || candidates > MgdsprQueryBuilder.MAX_K)) {
            throw new IllegalArgumentException("[brand_boost.candidates] must be between 1 and "
                + MgdsprQueryBuilder.MAX_K + " but was " + candidates);
        }
    }

    /** Whether the weight is the one the trainer fitted for the model. */
    public boolean auto() {
        return weight == null;
    }

    /** This boost with the weight {@code auto} stands for. */
    BrandBoost withWeight(float fitted) {
        return new BrandBoost(field, fitted, candidates);
    }

    /** How many nearest items the k-NN channel retrieves for a query keeping {@code k}. */
    public int candidatesFor(int k) {
        return candidates == null ? Math.min(3 * k, MgdsprQueryBuilder.MAX_K) : candidates;
    }

    /**
     * The k-NN channel's query with the boosts of the user's brands; the query itself when the behaviour names no
     * brand.
     *
     * @param shares brand to its share of the behaviour items
     */
    public QueryBuilder around(QueryBuilder knn, Map<String, Double> shares) {
        if (auto()) {
            throw new IllegalStateException("the brand boost's weight is [auto] until the model's fitted weight is in");
        }
        if (shares.isEmpty()) {
            return knn;
        }
        BoolQueryBuilder boosted = QueryBuilders.boolQuery().must(knn);
        new TreeMap<>(shares).forEach((brand, share) -> boosted.should(
            QueryBuilders.constantScoreQuery(QueryBuilders.termQuery(field, brand)).boost((float) (weight * share))));
        return boosted;
    }

    public static BrandBoost readFrom(StreamInput in) throws IOException {
        return new BrandBoost(in.readString(), in.readOptionalFloat(), in.readOptionalVInt());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(field);
        out.writeOptionalFloat(weight);
        out.writeOptionalVInt(candidates);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject(MgdsprQueryParser.BRAND_BOOST.getPreferredName());
        builder.field("field", field);
        builder.field("weight", auto() ? AUTO : weight);
        if (candidates != null) {
            builder.field("candidates", candidates);
        }
        return builder.endObject();
    }
}

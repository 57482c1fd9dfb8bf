package org.mgdspr.plugin.serving;

import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Vectors in request order: one per item, or a single one for a query, which comes with the query words the user
 * tower read ({@code query_words}: normalised, and spelling-corrected when the model corrects) and each brand's share
 * of the behaviour items it read ({@code brand_shares}, what a brand boost adds).
 */
public class EmbedResponse extends ActionResponse implements ToXContentObject {

    private final String modelId;
    private final float[][] vectors;
    private final List<String> queryWords;
    private final Map<String, Double> brandShares;

    /**
     * @param queryWords  the words the user tower read for a query, or null for items
     * @param brandShares the brand shares of the query's user, or null for items
     */
    public EmbedResponse(String modelId, float[][] vectors, List<String> queryWords, Map<String, Double> brandShares) {
        this.modelId = modelId;
        this.vectors = vectors;
        this.queryWords = queryWords == null ? null : List.copyOf(queryWords);
        this.brandShares = brandShares == null ? null : Collections.unmodifiableMap(new TreeMap<>(brandShares));
    }

    public EmbedResponse(StreamInput in) throws IOException {
        super(in);
        modelId = in.readString();
        vectors = new float[in.readVInt()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = in.readFloatArray();
        }
        queryWords = in.readOptionalStringList();
        brandShares = in.readBoolean()
            ? Collections.unmodifiableMap(new TreeMap<>(in.readMap(StreamInput::readString, StreamInput::readDouble)))
            : null;
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(modelId);
        out.writeVInt(vectors.length);
        for (float[] vector : vectors) {
            out.writeFloatArray(vector);
        }
        out.writeOptionalStringCollection(queryWords);
        out.writeBoolean(brandShares != null);
        if (brandShares != null) {
            out.writeMap(brandShares, StreamOutput::writeString, StreamOutput::writeDouble);
        }
    }

    public float[][] vectors() {
        return vectors;
    }

    /** The words the user tower read for a query; null for items. */
    public List<String> queryWords() {
        return queryWords;
    }

    /** The brand shares of the query's user; null for items. */
    public Map<String, Double> brandShares() {
        return brandShares;
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject().field("model_id", modelId);
        if (queryWords != null) {
            builder.array("query_words", queryWords.toArray(String[]::new));
        }
        if (brandShares != null) {
            builder.field("brand_shares", brandShares);
        }
        builder.field("dimension", vectors.length == 0 ? 0 : vectors[0].length);
        builder.startArray("vectors");
        for (float[] vector : vectors) {
            builder.startArray();
            for (float value : vector) {
                builder.value(value);
            }
            builder.endArray();
        }
        return builder.endArray().endObject();
    }
}

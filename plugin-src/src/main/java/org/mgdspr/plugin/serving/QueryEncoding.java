package org.mgdspr.plugin.serving;

import org.mgdspr.model.features.BrandAffinity;
import org.mgdspr.model.fusion.FusionSpec;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the coordinating node computes once per {@code mgdspr} search: the personalized query vector from the user
 * tower with the query words it read (normalised, and spelling-corrected when the model corrects), the key terms the
 * model's lexicon detects in the query text (empty unless detection was asked for), the fusion the trainer fitted
 * for the model (null when it has none), which {@code fusion: auto} runs, the shares of the brands in the user's
 * behaviour ({@link BrandAffinity}), which a brand boost adds, and the brand boost's weight the trainer fitted (null
 * when it has none), which a brand boost's {@code "weight": "auto"} runs.
 */
public record QueryEncoding(float[] vector, List<String> queryWords, List<String> keyTerms, FusionSpec fittedFusion,
                            Map<String, Double> brandShares, Double fittedBrandBoostWeight) implements Writeable {

    public QueryEncoding {
        queryWords = List.copyOf(queryWords);
        keyTerms = List.copyOf(keyTerms);
        brandShares = Map.copyOf(brandShares);
    }

    public static QueryEncoding readFrom(StreamInput in) throws IOException {
        float[] vector = in.readFloatArray();
        List<String> queryWords = in.readStringList();
        List<String> keyTerms = in.readStringList();
        String fitted = in.readOptionalString();
        Map<String, Double> brandShares = in.readMap(StreamInput::readString, StreamInput::readDouble);
        return new QueryEncoding(vector, queryWords, keyTerms, fitted == null ? null : FusionSpec.fromJson(fitted),
            brandShares, in.readOptionalDouble());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeFloatArray(vector);
        out.writeStringCollection(queryWords);
        out.writeStringCollection(keyTerms);
        out.writeOptionalString(fittedFusion == null ? null : fittedFusion.toJson().toString());
        out.writeMap(new TreeMap<>(brandShares), StreamOutput::writeString, StreamOutput::writeDouble);
        out.writeOptionalDouble(fittedBrandBoostWeight);
    }

    /** By value: a record would compare the vector arrays by identity. */
    @Override
    public boolean equals(Object other) {
        return other instanceof QueryEncoding that && Arrays.equals(vector, that.vector)
            && queryWords.equals(that.queryWords) && keyTerms.equals(that.keyTerms)
            && Objects.equals(fittedFusion, that.fittedFusion) && brandShares.equals(that.brandShares)
            && Objects.equals(fittedBrandBoostWeight, that.fittedBrandBoostWeight);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(vector), queryWords, keyTerms, fittedFusion, brandShares,
            fittedBrandBoostWeight);
    }

    @Override
    public String toString() {
        return "QueryEncoding[vector=" + Arrays.toString(vector) + ", queryWords=" + queryWords + ", keyTerms="
            + keyTerms + ", fittedFusion=" + fittedFusion + ", brandShares=" + brandShares + ", fittedBrandBoostWeight="
            + fittedBrandBoostWeight + "]";
    }
}

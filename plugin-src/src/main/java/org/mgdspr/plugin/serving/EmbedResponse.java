package org.mgdspr.plugin.serving;

import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;

import java.io.IOException;

/** Vectors in request order: one per item, or a single one for a query. */
public class EmbedResponse extends ActionResponse implements ToXContentObject {

    private final String modelId;
    private final float[][] vectors;

    public EmbedResponse(String modelId, float[][] vectors) {
        this.modelId = modelId;
        this.vectors = vectors;
    }

    public EmbedResponse(StreamInput in) throws IOException {
        super(in);
        modelId = in.readString();
        vectors = new float[in.readVInt()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = in.readFloatArray();
        }
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(modelId);
        out.writeVInt(vectors.length);
        for (float[] vector : vectors) {
            out.writeFloatArray(vector);
        }
    }

    public float[][] vectors() {
        return vectors;
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject().field("model_id", modelId);
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

package org.mgdspr.plugin.registry;

import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;

import java.io.IOException;
import java.util.List;

/** Registry records; a single-model request answers with exactly one, rendered as that model's object. */
public class ModelsResponse extends ActionResponse implements ToXContentObject {

    private final List<ModelRecord> models;
    private final boolean single;

    public ModelsResponse(List<ModelRecord> models, boolean single) {
        if (single && models.size() != 1) {
            throw new IllegalArgumentException("a single-model response needs exactly one model, got " + models.size());
        }
        this.models = List.copyOf(models);
        this.single = single;
    }

    public ModelsResponse(StreamInput in) throws IOException {
        super(in);
        models = in.readList(ModelRecord::readFrom);
        single = in.readBoolean();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeList(models);
        out.writeBoolean(single);
    }

    public List<ModelRecord> models() {
        return models;
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        if (single) {
            return models.get(0).toXContent(builder, params);
        }
        builder.startObject().startArray("models");
        for (ModelRecord model : models) {
            model.toXContent(builder, params);
        }
        return builder.endArray().endObject();
    }
}

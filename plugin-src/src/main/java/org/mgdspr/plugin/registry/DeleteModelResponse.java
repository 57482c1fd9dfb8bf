package org.mgdspr.plugin.registry;

import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;

import java.io.IOException;
import java.util.List;

/**
 * A model deletion: acknowledged once every node unloaded the model. A forced deletion names the ingest pipelines
 * that still use the model, whose documents fail from now on.
 */
public class DeleteModelResponse extends ActionResponse implements ToXContentObject {

    private final boolean acknowledged;
    private final List<String> pipelinesStillUsingModel;

    public DeleteModelResponse(boolean acknowledged, List<String> pipelinesStillUsingModel) {
        this.acknowledged = acknowledged;
        this.pipelinesStillUsingModel = List.copyOf(pipelinesStillUsingModel);
    }

    public DeleteModelResponse(StreamInput in) throws IOException {
        super(in);
        acknowledged = in.readBoolean();
        pipelinesStillUsingModel = in.readStringList();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeBoolean(acknowledged);
        out.writeStringCollection(pipelinesStillUsingModel);
    }

    public boolean isAcknowledged() {
        return acknowledged;
    }

    public List<String> pipelinesStillUsingModel() {
        return pipelinesStillUsingModel;
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject().field("acknowledged", acknowledged);
        if (!pipelinesStillUsingModel.isEmpty()) {
            builder.field("forced", true).field("pipelines_still_using_model", pipelinesStillUsingModel);
        }
        return builder.endObject();
    }
}

package org.mgdspr.plugin.registry;

import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;

import java.io.IOException;

/** Deletes one model; with {@code force} even while ingest pipelines still use it. */
public class DeleteModelRequest extends ActionRequest {

    private final String modelId;
    private final boolean force;

    public DeleteModelRequest(String modelId, boolean force) {
        this.modelId = modelId;
        this.force = force;
    }

    public DeleteModelRequest(StreamInput in) throws IOException {
        super(in);
        modelId = in.readString();
        force = in.readBoolean();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeString(modelId);
        out.writeBoolean(force);
    }

    @Override
    public ActionRequestValidationException validate() {
        return ModelIds.validate(modelId, null);
    }

    public String modelId() {
        return modelId;
    }

    public boolean force() {
        return force;
    }
}

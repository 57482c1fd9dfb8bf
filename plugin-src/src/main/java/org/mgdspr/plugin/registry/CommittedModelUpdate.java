package org.mgdspr.plugin.registry;

import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.action.support.clustermanager.AcknowledgedRequest;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;

import java.io.IOException;

import static org.opensearch.action.ValidateActions.addValidationError;

/**
 * Records a committed model's SHA-256 in the cluster state, or with a null digest removes the model's entry. Sent
 * only by the registry's own commit and delete actions.
 */
public class CommittedModelUpdate extends AcknowledgedRequest<CommittedModelUpdate> {

    private final String modelId;
    private final String sha256;

    public static CommittedModelUpdate record(String modelId, String sha256) {
        return new CommittedModelUpdate(modelId, sha256);
    }

    public static CommittedModelUpdate remove(String modelId) {
        return new CommittedModelUpdate(modelId, null);
    }

    private CommittedModelUpdate(String modelId, String sha256) {
        this.modelId = modelId;
        this.sha256 = sha256;
    }

    public CommittedModelUpdate(StreamInput in) throws IOException {
        super(in);
        modelId = in.readString();
        sha256 = in.readOptionalString();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeString(modelId);
        out.writeOptionalString(sha256);
    }

    @Override
    public ActionRequestValidationException validate() {
        ActionRequestValidationException errors = ModelIds.validate(modelId, null);
        if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
            errors = addValidationError("sha256 must be 64 lowercase hex digits, got [" + sha256 + "]", errors);
        }
        return errors;
    }

    public String modelId() {
        return modelId;
    }

    /** The digest to record; null removes the entry. */
    public String sha256() {
        return sha256;
    }
}

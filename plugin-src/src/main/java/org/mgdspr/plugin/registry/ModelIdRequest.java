package org.mgdspr.plugin.registry;

import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;

import java.io.IOException;

import static org.opensearch.action.ValidateActions.addValidationError;

/**
 * Names one model (get, delete, commit) or, with a null id, every model (list). A commit also carries the
 * SHA-256 the client computed over the whole artifact.
 */
public class ModelIdRequest extends ActionRequest {

    private final String modelId;
    private final String sha256;

    public ModelIdRequest(String modelId, String sha256) {
        this.modelId = modelId;
        this.sha256 = sha256;
    }

    public ModelIdRequest(StreamInput in) throws IOException {
        super(in);
        modelId = in.readOptionalString();
        sha256 = in.readOptionalString();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeOptionalString(modelId);
        out.writeOptionalString(sha256);
    }

    @Override
    public ActionRequestValidationException validate() {
        ActionRequestValidationException errors = modelId == null ? null : ModelIds.validate(modelId, null);
        if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
            errors = addValidationError("sha256 must be 64 hex digits, got [" + sha256 + "]", errors);
        }
        return errors;
    }

    public String modelId() {
        return modelId;
    }

    public String sha256() {
        return sha256;
    }
}

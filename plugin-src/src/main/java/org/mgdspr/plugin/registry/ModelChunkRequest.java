package org.mgdspr.plugin.registry;

import org.mgdspr.model.artifact.RegistryRules;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;

import java.io.IOException;

import static org.opensearch.action.ValidateActions.addValidationError;

/** One chunk of a model artifact upload: chunk {@code chunkIndex} of {@code chunkCount}. */
public class ModelChunkRequest extends ActionRequest {

    public static final int MAX_CHUNK_COUNT = RegistryRules.MAX_CHUNK_COUNT;

    private final String modelId;
    private final int chunkIndex;
    private final int chunkCount;
    private final byte[] data;

    public ModelChunkRequest(String modelId, int chunkIndex, int chunkCount, byte[] data) {
        this.modelId = modelId;
        this.chunkIndex = chunkIndex;
        this.chunkCount = chunkCount;
        this.data = data;
    }

    public ModelChunkRequest(StreamInput in) throws IOException {
        super(in);
        modelId = in.readString();
        chunkIndex = in.readVInt();
        chunkCount = in.readVInt();
        data = in.readByteArray();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeString(modelId);
        out.writeVInt(chunkIndex);
        out.writeVInt(chunkCount);
        out.writeByteArray(data);
    }

    @Override
    public ActionRequestValidationException validate() {
        ActionRequestValidationException errors = ModelIds.validate(modelId, null);
        if (chunkCount < 1 || chunkCount > MAX_CHUNK_COUNT) {
            errors = addValidationError("chunk_count must be in [1, " + MAX_CHUNK_COUNT + "], got " + chunkCount
                + "; upload larger chunks", errors);
        }
        if (chunkIndex < 0 || chunkIndex >= chunkCount) {
            errors = addValidationError("chunk index must be in [0, chunk_count), got " + chunkIndex, errors);
        }
        if (data == null || data.length == 0) {
            errors = addValidationError("chunk data must not be empty", errors);
        }
        return errors;
    }

    public String modelId() {
        return modelId;
    }

    public int chunkIndex() {
        return chunkIndex;
    }

    public int chunkCount() {
        return chunkCount;
    }

    public byte[] data() {
        return data;
    }
}

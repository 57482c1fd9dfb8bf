package org.mgdspr.plugin.registry;

import org.mgdspr.model.artifact.RegistryApi;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;

import java.io.IOException;
import java.util.List;

/**
 * Registry records. A single-model request answers with exactly one, rendered as that model's object, with the
 * chunks stored so far while it is uploading; a listing also names the registry entries it skipped and why.
 */
public class ModelsResponse extends ActionResponse implements ToXContentObject {

    private final List<ModelRecord> models;
    private final boolean single;
    private final List<ModelStore.StoredChunk> storedChunks;
    private final List<ModelStore.Skipped> skipped;

    private ModelsResponse(List<ModelRecord> models, boolean single, List<ModelStore.StoredChunk> storedChunks,
                           List<ModelStore.Skipped> skipped) {
        if (single && models.size() != 1) {
            throw new IllegalArgumentException("a single-model response needs exactly one model, got " + models.size());
        }
        this.models = List.copyOf(models);
        this.single = single;
        this.storedChunks = List.copyOf(storedChunks);
        this.skipped = List.copyOf(skipped);
    }

    /** One model; {@code storedChunks} are the chunks stored so far (empty unless it is uploading). */
    public static ModelsResponse single(ModelRecord model, List<ModelStore.StoredChunk> storedChunks) {
        return new ModelsResponse(List.of(model), true, storedChunks, List.of());
    }

    public static ModelsResponse listing(ModelStore.Listing listing) {
        return new ModelsResponse(listing.models(), false, List.of(), listing.skipped());
    }

    public ModelsResponse(StreamInput in) throws IOException {
        super(in);
        models = in.readList(ModelRecord::readFrom);
        single = in.readBoolean();
        storedChunks = in.readList(chunkIn -> new ModelStore.StoredChunk(chunkIn.readVInt(), chunkIn.readString()));
        skipped = in.readList(skippedIn -> new ModelStore.Skipped(skippedIn.readString(), skippedIn.readString()));
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeList(models);
        out.writeBoolean(single);
        out.writeCollection(storedChunks, (chunkOut, chunk) -> {
            chunkOut.writeVInt(chunk.chunk());
            chunkOut.writeString(chunk.sha256());
        });
        out.writeCollection(skipped, (skippedOut, entry) -> {
            skippedOut.writeString(entry.id());
            skippedOut.writeString(entry.reason());
        });
    }

    public List<ModelRecord> models() {
        return models;
    }

    public List<ModelStore.StoredChunk> storedChunks() {
        return storedChunks;
    }

    public List<ModelStore.Skipped> skipped() {
        return skipped;
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        if (single) {
            ModelRecord model = models.get(0);
            builder.startObject();
            model.toXContentFields(builder);
            if (model.state() == ModelState.UPLOADING) {
                builder.startArray(RegistryApi.STORED_CHUNKS_FIELD);
                for (ModelStore.StoredChunk chunk : storedChunks) {
                    builder.startObject().field(RegistryApi.STORED_CHUNK_FIELD, chunk.chunk())
                        .field(RegistryApi.STORED_CHUNK_SHA256_FIELD, chunk.sha256()).endObject();
                }
                builder.endArray();
            }
            return builder.endObject();
        }
        builder.startObject().startArray("models");
        for (ModelRecord model : models) {
            model.toXContent(builder, params);
        }
        builder.endArray().startArray("skipped");
        for (ModelStore.Skipped entry : skipped) {
            builder.startObject().field("model_id", entry.id()).field("reason", entry.reason()).endObject();
        }
        return builder.endArray().endObject();
    }
}

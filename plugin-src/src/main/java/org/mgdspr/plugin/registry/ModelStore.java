package org.mgdspr.plugin.registry;

import org.mgdspr.model.artifact.RegistryApi;
import org.opensearch.ExceptionsHelper;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.ResourceAlreadyExistsException;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.DocWriteRequest;
import org.opensearch.action.admin.indices.create.CreateIndexRequest;
import org.opensearch.action.bulk.BulkRequest;
import org.opensearch.action.delete.DeleteRequest;
import org.opensearch.action.get.GetRequest;
import org.opensearch.action.get.GetResponse;
import org.opensearch.action.index.IndexRequest;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.action.support.ContextPreservingActionListener;
import org.opensearch.action.support.WriteRequest;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.MediaTypeRegistry;
import org.opensearch.index.IndexNotFoundException;
import org.opensearch.index.engine.VersionConflictEngineException;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.search.SearchHit;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.search.sort.SortOrder;
import org.opensearch.transport.client.Client;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one adapter between the registry and its system index. Every call is asynchronous and runs with a stashed
 * thread context, because the registry index belongs to the plugin, not to the calling user.
 */
public final class ModelStore {

    /** More models than any cluster should hold; listing returns them all in one page. */
    private static final int MAX_LISTED_MODELS = 1000;

    private final Client client;
    private final ThreadContext threadContext;

    public ModelStore(Client client, ThreadContext threadContext) {
        this.client = client;
        this.threadContext = threadContext;
    }

    /** Stores chunk {@code chunkIndex}; chunk 0 registers the model as uploading and fails if the id is taken. */
    public void putChunk(String modelId, int chunkIndex, int chunkCount, byte[] data, long nowMillis,
                         ActionListener<Void> listener) {
        // chunks are immutable, so no chunk can change between a commit's verification and its publication
        Runnable storeChunk = () -> index(new IndexRequest(ModelIndex.NAME).id(ModelIndex.chunkId(modelId, chunkIndex))
            .opType(DocWriteRequest.OpType.CREATE)
            .source(Map.of(ModelIndex.TYPE, ModelIndex.TYPE_CHUNK, ModelIndex.MODEL_ID, modelId,
                ModelIndex.CHUNK_INDEX, chunkIndex, ModelIndex.DATA, Base64.getEncoder().encodeToString(data))),
            ActionListener.wrap(listener::onResponse, e -> listener.onFailure(
                ExceptionsHelper.unwrapCause(e) instanceof VersionConflictEngineException
                    ? new OpenSearchStatusException("chunk " + chunkIndex + " of model [" + modelId + "] was already "
                        + "uploaded; a chunk cannot be replaced", RestStatus.CONFLICT)
                    : e)));
        if (chunkIndex == 0) {
            ensureIndex(ActionListener.wrap(created -> index(
                new IndexRequest(ModelIndex.NAME).id(modelId).opType(DocWriteRequest.OpType.CREATE)
                    .source(ModelRecord.uploading(modelId, chunkCount, nowMillis).toSource()),
                ActionListener.wrap(registered -> storeChunk.run(), e -> listener.onFailure(
                    ExceptionsHelper.unwrapCause(e) instanceof VersionConflictEngineException ? alreadyExists(modelId) : e))), listener::onFailure));
        } else {
            get(modelId, ActionListener.wrap(record -> {
                if (record.state() != ModelState.UPLOADING || record.chunkCount() != chunkCount) {
                    listener.onFailure(new OpenSearchStatusException("model [" + modelId + "] is " + record.state().jsonValue()
                        + " with " + record.chunkCount() + " chunks; chunk " + chunkIndex + " of " + chunkCount
                        + " does not belong to an upload in progress", RestStatus.CONFLICT));
                } else {
                    storeChunk.run();
                }
            }, listener::onFailure));
        }
    }

    /**
     * Reads every chunk of an uploading model, in order, and hands the concatenated bytes over.
     *
     * @throws IllegalArgumentException (to the listener) when a chunk is missing or the total exceeds the limit
     */
    public void readArtifact(ModelRecord record, long maxBytes, ActionListener<byte[]> listener) {
        ByteArrayOutputStream artifact = new ByteArrayOutputStream();
        // one stash for the whole read: each chunk's response arrives in the context its request was sent from
        stashed(listener, restoring -> readChunk(record, 0, maxBytes, artifact, restoring));
    }

    private void readChunk(ModelRecord record, int chunkIndex, long maxBytes, ByteArrayOutputStream artifact,
                           ActionListener<byte[]> listener) {
        if (chunkIndex == record.chunkCount()) {
            listener.onResponse(artifact.toByteArray());
            return;
        }
        String id = ModelIndex.chunkId(record.modelId(), chunkIndex);
        client.get(new GetRequest(ModelIndex.NAME, id).preference("_local"), ActionListener.wrap(response -> {
            if (!response.isExists()) {
                listener.onFailure(new IllegalArgumentException("chunk " + chunkIndex + " of " + record.chunkCount()
                    + " of model [" + record.modelId() + "] was never uploaded"));
                return;
            }
            byte[] data = Base64.getDecoder().decode((String) response.getSourceAsMap().get(ModelIndex.DATA));
            if (artifact.size() + (long) data.length > maxBytes) {
                listener.onFailure(new IllegalArgumentException("model [" + record.modelId() + "] is larger than "
                    + RegistryApi.MAX_MODEL_SIZE_SETTING + " (" + maxBytes + " bytes)"));
                return;
            }
            artifact.writeBytes(data);
            readChunk(record, chunkIndex + 1, maxBytes, artifact, listener);
        }, listener::onFailure));
    }

    /**
     * Replaces the model's metadata document if it is still the version {@code read}, refreshing so that every node
     * sees the new state at once; a model deleted or re-uploaded meanwhile fails with a 409.
     */
    public void replaceRecord(VersionedRecord read, ModelRecord updated, ActionListener<Void> listener) {
        String modelId = updated.modelId();
        index(new IndexRequest(ModelIndex.NAME).id(modelId).source(updated.toSource())
            .setIfSeqNo(read.seqNo()).setIfPrimaryTerm(read.primaryTerm())
            .setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE), ActionListener.wrap(listener::onResponse,
            e -> listener.onFailure(ExceptionsHelper.unwrapCause(e) instanceof VersionConflictEngineException
                ? new OpenSearchStatusException("model [" + modelId + "] was deleted or replaced while this request "
                    + "ran; upload it again", RestStatus.CONFLICT)
                : e)));
    }

    /** @throws ResourceNotFoundException (to the listener) when no such model is registered */
    public void get(String modelId, ActionListener<ModelRecord> listener) {
        getVersioned(modelId, ActionListener.map(listener, VersionedRecord::record));
    }

    /** {@link #get}, with the version read, for {@link #replaceRecord}. */
    public void getVersioned(String modelId, ActionListener<VersionedRecord> listener) {
        stashed(listener, restoring -> client.get(new GetRequest(ModelIndex.NAME, modelId), ActionListener.wrap(
            (GetResponse response) -> {
                if (!response.isExists()) {
                    restoring.onFailure(notFound(modelId));
                } else {
                    restoring.onResponse(new VersionedRecord(ModelRecord.fromSource(response.getSourceAsMap()),
                        response.getSeqNo(), response.getPrimaryTerm()));
                }
            },
            e -> restoring.onFailure(ExceptionsHelper.unwrapCause(e) instanceof IndexNotFoundException ? notFound(modelId) : e))));
    }

    /** A model's metadata and the version of its document when it was read. */
    public record VersionedRecord(ModelRecord record, long seqNo, long primaryTerm) {}

    public void list(ActionListener<List<ModelRecord>> listener) {
        SearchRequest request = new SearchRequest(ModelIndex.NAME).source(new SearchSourceBuilder()
            .query(QueryBuilders.termQuery(ModelIndex.TYPE, ModelIndex.TYPE_MODEL))
            .sort(ModelIndex.MODEL_ID, SortOrder.ASC).size(MAX_LISTED_MODELS));
        stashed(listener, restoring -> client.search(request, ActionListener.wrap(response -> {
            List<ModelRecord> records = new ArrayList<>();
            for (SearchHit hit : response.getHits().getHits()) {
                records.add(ModelRecord.fromSource(hit.getSourceAsMap()));
            }
            restoring.onResponse(records);
        }, e -> {
            if (ExceptionsHelper.unwrapCause(e) instanceof IndexNotFoundException) {
                restoring.onResponse(List.of());
            } else {
                restoring.onFailure(e);
            }
        })));
    }

    /** Deletes the model's metadata and every chunk. */
    public void delete(String modelId, ActionListener<Void> listener) {
        get(modelId, ActionListener.wrap(record -> {
            BulkRequest bulk = new BulkRequest().setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE);
            bulk.add(new DeleteRequest(ModelIndex.NAME, modelId));
            for (int i = 0; i < record.chunkCount(); i++) {
                bulk.add(new DeleteRequest(ModelIndex.NAME, ModelIndex.chunkId(modelId, i)));
            }
            stashed(listener, restoring -> client.bulk(bulk, ActionListener.wrap(response -> {
                if (response.hasFailures()) {
                    restoring.onFailure(new IllegalStateException("deleting model [" + modelId + "] failed: "
                        + response.buildFailureMessage()));
                } else {
                    restoring.onResponse(null);
                }
            }, restoring::onFailure)));
        }, listener::onFailure));
    }

    private void ensureIndex(ActionListener<Void> listener) {
        CreateIndexRequest request = new CreateIndexRequest(ModelIndex.NAME).settings(ModelIndex.settings())
            .mapping(ModelIndex.MAPPING, MediaTypeRegistry.JSON);
        stashed(listener, restoring -> client.admin().indices().create(request, ActionListener.wrap(
            created -> restoring.onResponse(null),
            e -> {
                if (ExceptionsHelper.unwrapCause(e) instanceof ResourceAlreadyExistsException) {
                    restoring.onResponse(null);
                } else {
                    restoring.onFailure(e);
                }
            })));
    }

    private void index(IndexRequest request, ActionListener<Void> listener) {
        stashed(listener, restoring -> client.index(request, ActionListener.wrap(response -> restoring.onResponse(null),
            restoring::onFailure)));
    }

    /** Runs {@code call} with the plugin's own (empty) context; the listener gets the caller's context back. */
    private <T> void stashed(ActionListener<T> listener, Consumer<ActionListener<T>> call) {
        Supplier<ThreadContext.StoredContext> callerContext = threadContext.newRestorableContext(false);
        try (ThreadContext.StoredContext ignored = threadContext.stashContext()) {
            call.accept(new ContextPreservingActionListener<>(callerContext, listener));
        }
    }

    static ResourceNotFoundException notFound(String modelId) {
        return new ResourceNotFoundException("model [" + modelId + "] is not registered");
    }

    private static OpenSearchStatusException alreadyExists(String modelId) {
        return new OpenSearchStatusException("model [" + modelId + "] already exists; delete it first, or upload "
            + "under a new id (model ids are immutable so every node serves the same model)", RestStatus.CONFLICT);
    }
}

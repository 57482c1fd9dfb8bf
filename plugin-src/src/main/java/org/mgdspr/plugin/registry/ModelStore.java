package org.mgdspr.plugin.registry;

import org.mgdspr.model.artifact.ModelArtifact;
import org.mgdspr.model.artifact.RegistryApi;
import org.opensearch.ExceptionsHelper;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.ResourceAlreadyExistsException;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.DocWriteRequest;
import org.opensearch.action.admin.indices.create.CreateIndexRequest;
import org.opensearch.action.admin.indices.mapping.put.PutMappingRequest;
import org.opensearch.action.admin.indices.refresh.RefreshRequest;
import org.opensearch.action.bulk.BulkRequest;
import org.opensearch.action.delete.DeleteRequest;
import org.opensearch.action.get.GetRequest;
import org.opensearch.action.get.GetResponse;
import org.opensearch.action.get.MultiGetItemResponse;
import org.opensearch.action.get.MultiGetRequest;
import org.opensearch.action.index.IndexRequest;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.action.support.ContextPreservingActionListener;
import org.opensearch.action.support.WriteRequest;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.common.xcontent.XContentFactory;
import org.opensearch.common.xcontent.XContentHelper;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.MediaTypeRegistry;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.IndexNotFoundException;
import org.opensearch.index.engine.VersionConflictEngineException;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.search.SearchHit;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.search.fetch.subphase.FetchSourceContext;
import org.opensearch.transport.client.Client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one adapter between the registry and its system index. Every call is asynchronous and runs with a stashed
 * thread context, because the registry index belongs to the plugin, not to the calling user.
 *
 * <p>The index can still be written by anyone who can write documents (core OpenSearch only warns about direct
 * access to system indices), so every read of a ready model is checked against the SHA-256 its commit recorded in
 * the cluster state ({@link CommittedModels}); a record that does not match is refused and counted.
 */
public final class ModelStore {

    /** More models than any cluster should hold; listing returns them all in one page. */
    private static final int MAX_LISTED_MODELS = 1000;
    /** Documents deleted per round when a model is deleted: the index's default search window. */
    private static final int DELETE_PAGE_SIZE = 10_000;

    private final Client client;
    private final ClusterService clusterService;
    private final ThreadContext threadContext;
    private final IntegrityFailures integrityFailures;

    public ModelStore(Client client, ClusterService clusterService, ThreadContext threadContext,
                      IntegrityFailures integrityFailures) {
        this.client = client;
        this.clusterService = clusterService;
        this.threadContext = threadContext;
        this.integrityFailures = integrityFailures;
    }

    /**
     * Stores chunk {@code chunkIndex}. Chunk 0 of a new id registers the model as uploading; any chunk of an upload
     * in progress may be sent in any order, and again after a failure: a chunk already stored is a 409 that says so.
     */
    public void putChunk(String modelId, int chunkIndex, int chunkCount, byte[] data, long nowMillis,
                         ActionListener<Void> listener) {
        if (chunkIndex != 0) {
            storeChunkOfUpload(modelId, chunkIndex, chunkCount, data, listener);
            return;
        }
        ensureIndex(ActionListener.wrap(created -> index(
            new IndexRequest(ModelIndex.NAME).id(modelId).opType(DocWriteRequest.OpType.CREATE)
                .source(ModelRecord.uploading(modelId, chunkCount, nowMillis).toSource()),
            ActionListener.wrap(registered -> storeChunk(modelId, chunkIndex, data, listener), e -> {
                if (ExceptionsHelper.unwrapCause(e) instanceof VersionConflictEngineException) {
                    storeChunkOfUpload(modelId, chunkIndex, chunkCount, data, listener);
                } else {
                    listener.onFailure(e);
                }
            })), listener::onFailure));
    }

    private void storeChunkOfUpload(String modelId, int chunkIndex, int chunkCount, byte[] data,
                                    ActionListener<Void> listener) {
        get(modelId, ActionListener.wrap(record -> {
            if (record.state() != ModelState.UPLOADING) {
                listener.onFailure(new OpenSearchStatusException("model [" + modelId + "] already exists and is "
                    + record.state().jsonValue() + "; model ids are immutable so every node serves the same model: "
                    + "upload under a new id, or delete this model first", RestStatus.CONFLICT));
            } else if (record.chunkCount() != chunkCount) {
                listener.onFailure(new OpenSearchStatusException("model [" + modelId + "] is uploading in "
                    + record.chunkCount() + " chunks, not " + chunkCount + "; continue it with chunk_count="
                    + record.chunkCount() + " (GET the model lists its stored_chunks), or delete it to start over",
                    RestStatus.CONFLICT));
            } else {
                storeChunk(modelId, chunkIndex, data, listener);
            }
        }, listener::onFailure));
    }

    // chunks are written once, so no chunk can change between a commit's verification and its publication
    private void storeChunk(String modelId, int chunkIndex, byte[] data, ActionListener<Void> listener) {
        IndexRequest request;
        try {
            request = new IndexRequest(ModelIndex.NAME).id(ModelIndex.chunkId(modelId, chunkIndex))
                .opType(DocWriteRequest.OpType.CREATE).source(chunkSource(modelId, chunkIndex, data));
        } catch (IOException e) {
            listener.onFailure(e);
            return;
        }
        index(request, ActionListener.wrap(listener::onResponse, e -> listener.onFailure(
            ExceptionsHelper.unwrapCause(e) instanceof VersionConflictEngineException
                ? new OpenSearchStatusException("chunk " + chunkIndex + " of model [" + modelId + "] is already "
                    + "stored; the upload is intact, continue with the chunks not stored yet (GET the model lists its "
                    + "stored_chunks)", RestStatus.CONFLICT)
                : e)));
    }

    /**
     * A chunk of an unfinished upload.
     *
     * @param sha256 hex SHA-256 of its bytes, empty when its document does not record one (written directly to the
     *               index rather than through the plugin)
     */
    public record StoredChunk(int chunk, String sha256) {}

    /** The chunk document, its bytes written straight into the JSON as Base64 without an intermediate string. */
    private static XContentBuilder chunkSource(String modelId, int chunkIndex, byte[] data) throws IOException {
        return XContentFactory.jsonBuilder().startObject()
            .field(ModelIndex.TYPE, ModelIndex.TYPE_CHUNK)
            .field(ModelIndex.MODEL_ID, modelId)
            .field(ModelIndex.CHUNK_INDEX, chunkIndex)
            .field(ModelIndex.SHA256, ModelArtifact.sha256(data))
            .field(ModelIndex.DATA, data)
            .endObject();
    }

    /**
     * Reads every chunk of a model, in order, and hands the concatenated bytes over; the whole artifact is in the
     * heap once, plus one chunk.
     *
     * @throws IllegalArgumentException (to the listener) when a chunk is missing or the total exceeds the limit
     */
    public void readArtifact(ModelRecord record, long maxBytes, ActionListener<byte[]> listener) {
        // one stash for the whole read: each chunk's response arrives in the context its request was sent from
        stashed(listener, restoring -> readChunk(record, 0, maxBytes, new ArrayList<>(), 0, restoring));
    }

    private void readChunk(ModelRecord record, int chunkIndex, long maxBytes, List<byte[]> chunks, long size,
                           ActionListener<byte[]> listener) {
        if (chunkIndex == record.chunkCount()) {
            byte[] artifact = new byte[Math.toIntExact(size)];
            int offset = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, artifact, offset, chunk.length);
                offset += chunk.length;
            }
            listener.onResponse(artifact);
            return;
        }
        String id = ModelIndex.chunkId(record.modelId(), chunkIndex);
        client.get(new GetRequest(ModelIndex.NAME, id).preference("_local"), ActionListener.wrap(response -> {
            if (!response.isExists()) {
                listener.onFailure(new IllegalArgumentException("chunk " + chunkIndex + " of " + record.chunkCount()
                    + " of model [" + record.modelId() + "] was never uploaded"));
                return;
            }
            byte[] data = chunkData(response.getSourceAsBytesRef(), record.modelId(), chunkIndex);
            if (size + data.length > maxBytes) {
                listener.onFailure(new IllegalArgumentException("model [" + record.modelId() + "] is larger than "
                    + RegistryApi.MAX_MODEL_SIZE_SETTING + " (" + maxBytes + " bytes)"));
                return;
            }
            chunks.add(data);
            readChunk(record, chunkIndex + 1, maxBytes, chunks, size + data.length, listener);
        }, listener::onFailure));
    }

    /** Decodes the Base64 {@code data} field straight from the stored source, without building a map of it. */
    private static byte[] chunkData(BytesReference source, String modelId, int chunkIndex) {
        try (XContentParser parser = XContentHelper.createParser(NamedXContentRegistry.EMPTY,
            DeprecationHandler.IGNORE_DEPRECATIONS, source, MediaTypeRegistry.xContentType(source))) {
            parser.nextToken();
            while (parser.nextToken() == XContentParser.Token.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (ModelIndex.DATA.equals(field) && parser.currentToken() == XContentParser.Token.VALUE_STRING) {
                    return parser.binaryValue();
                }
                parser.skipChildren();
            }
        } catch (IOException | IllegalArgumentException e) {
            // the source is in memory: any failure is its content, e.g. a document written outside the plugin
            throw new IllegalArgumentException("chunk " + chunkIndex + " of model [" + modelId + "] cannot be read "
                + "as a chunk the plugin wrote: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("chunk " + chunkIndex + " of model [" + modelId + "] has no [data]");
    }

    /**
     * Which chunks of an upload are stored, ascending, with the SHA-256 of each one's bytes recorded when it was
     * stored, so that a client resuming the upload can check they are chunks of its file; a real-time read, so a
     * chunk just written is listed.
     */
    public void storedChunks(ModelRecord record, ActionListener<List<StoredChunk>> listener) {
        MultiGetRequest request = new MultiGetRequest().realtime(true);
        FetchSourceContext digestOnly = new FetchSourceContext(true, new String[] {ModelIndex.SHA256}, null);
        for (int i = 0; i < record.chunkCount(); i++) {
            request.add(new MultiGetRequest.Item(ModelIndex.NAME, ModelIndex.chunkId(record.modelId(), i))
                .fetchSourceContext(digestOnly));
        }
        stashed(listener, restoring -> client.multiGet(request, ActionListener.wrap(response -> {
            List<StoredChunk> stored = new ArrayList<>();
            MultiGetItemResponse[] items = response.getResponses();
            for (int i = 0; i < items.length; i++) {
                if (!items[i].isFailed() && items[i].getResponse().isExists()) {
                    Object sha256 = items[i].getResponse().getSourceAsMap().get(ModelIndex.SHA256);
                    stored.add(new StoredChunk(i, sha256 instanceof String digest ? digest : ""));
                }
            }
            restoring.onResponse(stored);
        }, restoring::onFailure)));
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

    /** Records a verified model's SHA-256 in the cluster state, acknowledged once every node applied it. */
    public void recordCommit(String modelId, String sha256, ActionListener<Void> listener) {
        stashed(listener, restoring -> client.execute(RegistryActions.UPDATE_COMMITTED,
            CommittedModelUpdate.record(modelId, sha256), ActionListener.wrap(acked -> restoring.onResponse(null),
                restoring::onFailure)));
    }

    /** The SHA-256 the model's commit recorded in the cluster state, if it was committed. */
    public Optional<String> committedSha256(String modelId) {
        return CommittedModels.of(clusterService.state()).sha256(modelId);
    }

    /**
     * The model's record, checked against its commit: a ready record must carry the SHA-256 the commit recorded
     * in the cluster state, and a committed model must still have its record.
     *
     * @throws IllegalArgumentException (to the listener, HTTP 400) when the id is invalid
     * @throws ResourceNotFoundException (to the listener) when no such model is registered
     * @throws OpenSearchStatusException (to the listener, HTTP 409, counted) when the registry was tampered with
     */
    public void get(String modelId, ActionListener<ModelRecord> listener) {
        try {
            ModelIds.validate(modelId);
        } catch (IllegalArgumentException e) {
            listener.onFailure(e);
            return;
        }
        getVersioned(modelId, ActionListener.wrap(read -> {
            // read after the record: a commit records its digest before it marks the record ready
            Optional<String> problem = integrityProblem(read.record(), committedSha256(modelId));
            if (problem.isPresent()) {
                listener.onFailure(integrityFailures.refuse(modelId, problem.get()));
            } else {
                listener.onResponse(read.record());
            }
        }, e -> {
            Optional<String> committed = committedSha256(modelId);
            if (ExceptionsHelper.unwrapCause(e) instanceof ResourceNotFoundException && committed.isPresent()) {
                listener.onFailure(integrityFailures.refuse(modelId, recordGone(committed.get())));
            } else {
                listener.onFailure(e);
            }
        }));
    }

    /**
     * The model's record as stored, unchecked against its commit (commits and deletes need that), with the version
     * read, for {@link #replaceRecord}. A malformed record is a 409 naming what is wrong.
     */
    public void getVersioned(String modelId, ActionListener<VersionedRecord> listener) {
        stashed(listener, restoring -> client.get(new GetRequest(ModelIndex.NAME, modelId), ActionListener.wrap(
            (GetResponse response) -> {
                if (!response.isExists()) {
                    restoring.onFailure(notFound(modelId));
                    return;
                }
                ModelRecord record;
                try {
                    record = parse(modelId, response.getSourceAsMap());
                } catch (IllegalArgumentException e) {
                    restoring.onFailure(integrityFailures.refuse(modelId, malformed(e)));
                    return;
                }
                restoring.onResponse(new VersionedRecord(record, response.getSeqNo(), response.getPrimaryTerm()));
            },
            e -> restoring.onFailure(ExceptionsHelper.unwrapCause(e) instanceof IndexNotFoundException ? notFound(modelId) : e))));
    }

    /** A model's metadata and the version of its document when it was read. */
    public record VersionedRecord(ModelRecord record, long seqNo, long primaryTerm) {}

    /** A registry entry a listing left out, and why. */
    public record Skipped(String id, String reason) {}

    /** Every model whose record is well-formed and matches its commit, and the entries left out. */
    public record Listing(List<ModelRecord> models, List<Skipped> skipped) {}

    public void list(ActionListener<Listing> listener) {
        // sorted here, not by the search: the index may have been recreated by anyone, with any mapping
        SearchRequest request = new SearchRequest(ModelIndex.NAME).source(new SearchSourceBuilder()
            .query(QueryBuilders.termQuery(ModelIndex.TYPE, ModelIndex.TYPE_MODEL)).size(MAX_LISTED_MODELS));
        stashed(listener, restoring -> client.search(request, ActionListener.wrap(
            response -> restoring.onResponse(listing(response.getHits().getHits())),
            e -> {
                if (ExceptionsHelper.unwrapCause(e) instanceof IndexNotFoundException) {
                    restoring.onResponse(listing(new SearchHit[0]));
                } else {
                    restoring.onFailure(e);
                }
            })));
    }

    private Listing listing(SearchHit[] hits) {
        Map<String, String> committed = new TreeMap<>(CommittedModels.of(clusterService.state()).sha256ByModelId());
        List<ModelRecord> models = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (SearchHit hit : hits) {
            String sha256 = committed.remove(hit.getId());
            ModelRecord record;
            try {
                record = parse(hit.getId(), hit.getSourceAsMap());
            } catch (IllegalArgumentException e) {
                skipped.add(new Skipped(hit.getId(), malformed(e)));
                continue;
            }
            Optional<String> problem = integrityProblem(record, Optional.ofNullable(sha256));
            if (problem.isPresent()) {
                skipped.add(new Skipped(hit.getId(), problem.get()));
            } else {
                models.add(record);
            }
        }
        committed.forEach((modelId, sha256) -> skipped.add(new Skipped(modelId, recordGone(sha256))));
        models.sort(Comparator.comparing(ModelRecord::modelId));
        skipped.sort(Comparator.comparing(Skipped::id));
        return new Listing(models, skipped);
    }

    /**
     * Deletes the model's record and chunks (every document of the registry naming the model, so a forged or
     * half-deleted model goes too) and its committed SHA-256.
     *
     * @throws ResourceNotFoundException (to the listener) when the registry holds nothing of the model
     */
    public void delete(String modelId, ActionListener<Void> listener) {
        stashed(listener, restoring -> client.admin().indices().refresh(new RefreshRequest(ModelIndex.NAME),
            ActionListener.wrap(refreshed -> deleteDocuments(modelId, false, restoring), e -> {
                if (ExceptionsHelper.unwrapCause(e) instanceof IndexNotFoundException) {
                    forgetCommit(modelId, false, restoring);
                } else {
                    restoring.onFailure(e);
                }
            })));
    }

    private void deleteDocuments(String modelId, boolean deletedAny, ActionListener<Void> listener) {
        SearchRequest request = new SearchRequest(ModelIndex.NAME).source(new SearchSourceBuilder()
            .query(QueryBuilders.boolQuery()
                .should(QueryBuilders.termQuery(ModelIndex.MODEL_ID, modelId))
                .should(QueryBuilders.idsQuery().addIds(modelId)))
            .fetchSource(false).size(DELETE_PAGE_SIZE));
        client.search(request, ActionListener.wrap(response -> {
            SearchHit[] hits = response.getHits().getHits();
            if (hits.length == 0) {
                forgetCommit(modelId, deletedAny, listener);
                return;
            }
            BulkRequest bulk = new BulkRequest().setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE);
            for (SearchHit hit : hits) {
                bulk.add(new DeleteRequest(ModelIndex.NAME, hit.getId()));
            }
            client.bulk(bulk, ActionListener.wrap(deleted -> {
                if (deleted.hasFailures()) {
                    listener.onFailure(new IllegalStateException("deleting model [" + modelId + "] failed: "
                        + deleted.buildFailureMessage()));
                } else {
                    deleteDocuments(modelId, true, listener);
                }
            }, listener::onFailure));
        }, listener::onFailure));
    }

    private void forgetCommit(String modelId, boolean deletedAny, ActionListener<Void> listener) {
        if (committedSha256(modelId).isEmpty()) {
            if (deletedAny) {
                listener.onResponse(null);
            } else {
                listener.onFailure(notFound(modelId));
            }
            return;
        }
        client.execute(RegistryActions.UPDATE_COMMITTED, CommittedModelUpdate.remove(modelId),
            ActionListener.wrap(removed -> listener.onResponse(null), listener::onFailure));
    }

    /**
     * Creates the registry index, or gives an existing one the fields of this version's mapping: an index that an
     * earlier version created refuses fields added since ({@code dynamic: strict}). Adding fields is all a mapping
     * update does here; one without new fields changes nothing.
     */
    private void ensureIndex(ActionListener<Void> listener) {
        CreateIndexRequest request = new CreateIndexRequest(ModelIndex.NAME).settings(ModelIndex.settings())
            .mapping(ModelIndex.MAPPING, MediaTypeRegistry.JSON);
        stashed(listener, restoring -> client.admin().indices().create(request, ActionListener.wrap(
            created -> restoring.onResponse(null),
            e -> {
                if (ExceptionsHelper.unwrapCause(e) instanceof ResourceAlreadyExistsException) {
                    client.admin().indices().putMapping(new PutMappingRequest(ModelIndex.NAME)
                        .source(ModelIndex.MAPPING, MediaTypeRegistry.JSON), ActionListener.wrap(
                            updated -> restoring.onResponse(null), restoring::onFailure));
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

    /** @throws IllegalArgumentException naming what is malformed */
    private static ModelRecord parse(String documentId, Map<String, Object> source) {
        ModelRecord record = ModelRecord.fromSource(source);
        if (!record.modelId().equals(documentId)) {
            throw new IllegalArgumentException("document [" + documentId + "] names model_id [" + record.modelId() + "]");
        }
        return record;
    }

    /** Why a well-formed record must not be used, if it must not. */
    static Optional<String> integrityProblem(ModelRecord record, Optional<String> committedSha256) {
        if (record.state() != ModelState.READY) {
            return Optional.empty();
        }
        if (committedSha256.isEmpty()) {
            return Optional.of("its registry record says ready but no commit recorded a SHA-256 for it in the cluster "
                + "state: the record was written outside the plugin's API; delete the model and upload it again");
        }
        if (!committedSha256.get().equals(record.sha256())) {
            return Optional.of("its registry record has SHA-256 [" + record.sha256() + "] but it was committed with ["
                + committedSha256.get() + "]: the record was rewritten outside the plugin's API; delete the model "
                + "and upload it again");
        }
        return Optional.empty();
    }

    private static String malformed(IllegalArgumentException e) {
        return "its registry record is malformed (" + e.getMessage() + "): it was written outside the plugin's API; "
            + "delete the model and upload it again";
    }

    private static String recordGone(String committedSha256) {
        return "it was committed with SHA-256 [" + committedSha256 + "] but its registry record is gone: the registry "
            + "index or its documents were deleted outside the plugin's API; delete the model and upload it again";
    }

    static ResourceNotFoundException notFound(String modelId) {
        return new ResourceNotFoundException("model [" + modelId + "] is not registered");
    }
}

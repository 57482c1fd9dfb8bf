package org.mgdspr.plugin;

import org.apache.lucene.util.SetOnce;
import org.mgdspr.plugin.cache.ModelCache;
import org.mgdspr.plugin.engine.DjlEngine;
import org.mgdspr.plugin.engine.PluginVersions;
import org.mgdspr.plugin.ingest.ItemEmbeddingProcessor;
import org.mgdspr.plugin.ingest.ItemEmbeddingProcessorFactory;
import org.mgdspr.plugin.ingest.PipelineModelCheck;
import org.mgdspr.plugin.registry.CommittedModels;
import org.mgdspr.plugin.registry.IntegrityFailures;
import org.mgdspr.plugin.registry.ModelIndex;
import org.mgdspr.plugin.registry.ModelStore;
import org.mgdspr.plugin.registry.RegistryActions;
import org.mgdspr.plugin.registry.RegistryWatcher;
import org.mgdspr.plugin.registry.TransportCommitModelAction;
import org.mgdspr.plugin.registry.TransportCommittedModelUpdateAction;
import org.mgdspr.plugin.registry.TransportDeleteModelAction;
import org.mgdspr.plugin.registry.TransportGetModelsAction;
import org.mgdspr.plugin.registry.TransportPutModelChunkAction;
import org.mgdspr.plugin.rest.RestDeleteModelAction;
import org.mgdspr.plugin.rest.RestEmbedAction;
import org.mgdspr.plugin.rest.RestGetModelsAction;
import org.mgdspr.plugin.rest.RestLoadEngineAction;
import org.mgdspr.plugin.rest.RestMgdsprStatsAction;
import org.mgdspr.plugin.rest.RestPlaygroundAction;
import org.mgdspr.plugin.rest.RestUploadModelAction;
import org.mgdspr.plugin.serving.EmbedAction;
import org.mgdspr.plugin.fusion.FusedHitsQueryBuilder;
import org.mgdspr.plugin.fusion.ShardFusionQueryBuilder;
import org.mgdspr.plugin.knn.KnnChannelQueryBuilder;
import org.mgdspr.plugin.query.ClusterSearchTargets;
import org.mgdspr.plugin.query.MgdsprProfile;
import org.mgdspr.plugin.query.MgdsprQueryBuilder;
import org.mgdspr.plugin.query.MgdsprQueryParser;
import org.mgdspr.plugin.query.MgdsprSearchFilter;
import org.mgdspr.plugin.query.SearchTargets;
import org.mgdspr.plugin.serving.InferenceService;
import org.mgdspr.plugin.serving.QueryEncoder;
import org.mgdspr.plugin.serving.RegistryModelLoader;
import org.mgdspr.plugin.serving.ServedModel;
import org.mgdspr.plugin.serving.UnloadModelAction;
import org.mgdspr.plugin.settings.MgdsprSettings;
import org.mgdspr.plugin.stats.InferenceStats;
import org.mgdspr.plugin.stats.LoadEngineAction;
import org.mgdspr.plugin.stats.MgdsprStatsAction;
import org.mgdspr.plugin.stats.NodeStatsProvider;
import org.mgdspr.plugin.stats.TransportLoadEngineAction;
import org.mgdspr.plugin.stats.TransportMgdsprStatsAction;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.support.ActionFilter;
import org.opensearch.cluster.NamedDiff;
import org.opensearch.cluster.metadata.IndexNameExpressionResolver;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.cluster.node.DiscoveryNodes;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.ClusterSettings;
import org.opensearch.common.settings.IndexScopedSettings;
import org.opensearch.common.settings.Setting;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.settings.SettingsFilter;
import org.opensearch.core.ParseField;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.env.Environment;
import org.opensearch.env.NodeEnvironment;
import org.opensearch.ingest.Processor;
import org.opensearch.plugins.ActionPlugin;
import org.opensearch.plugins.IngestPlugin;
import org.opensearch.indices.SystemIndexDescriptor;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.SearchPlugin;
import org.opensearch.plugins.SystemIndexPlugin;
import org.opensearch.repositories.RepositoriesService;
import org.opensearch.rest.RestController;
import org.opensearch.rest.RestHandler;
import org.opensearch.script.ScriptService;
import org.opensearch.threadpool.ExecutorBuilder;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.client.Client;
import org.opensearch.watcher.ResourceWatcherService;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Entry point of the MGDSPR plugin. All wiring happens here: components are built in
 * {@link #createComponents} and handed to the actions through injection, never through static state. Only the
 * components that actions inject are returned.
 */
public class MgdsprPlugin extends Plugin implements ActionPlugin, SystemIndexPlugin, IngestPlugin, SearchPlugin {

    private final Settings settings;
    /**
     * Core asks for ingest processors and queries before it creates components; they resolve the service when they
     * run.
     */
    private final SetOnce<InferenceService> inference = new SetOnce<>();
    private final SetOnce<ModelStore> modelStore = new SetOnce<>();
    private final SetOnce<ClusterService> clusterService = new SetOnce<>();
    private final SetOnce<ThreadPool> threadPool = new SetOnce<>();

    public MgdsprPlugin(Settings settings) {
        this.settings = settings;
    }

    @Override
    public List<Setting<?>> getSettings() {
        return MgdsprSettings.all();
    }

    @Override
    public List<ExecutorBuilder<?>> getExecutorBuilders(Settings nodeSettings) {
        return MgdsprThreadPools.executorBuilders(nodeSettings);
    }

    @Override
    public Collection<Object> createComponents(Client client, ClusterService clusterService, ThreadPool threadPool,
                                               ResourceWatcherService resourceWatcherService,
                                               ScriptService scriptService, NamedXContentRegistry xContentRegistry,
                                               Environment environment, NodeEnvironment nodeEnvironment,
                                               NamedWriteableRegistry namedWriteableRegistry,
                                               IndexNameExpressionResolver indexNameExpressionResolver,
                                               Supplier<RepositoriesService> repositoriesServiceSupplier) {
        this.clusterService.set(clusterService);
        this.threadPool.set(threadPool);
        DjlEngine engine = new DjlEngine(
            MgdsprSettings.nativeCacheDir(settings, environment),
            MgdsprSettings.INTRA_OP_THREADS.get(settings),
            PluginVersions.fromBuild());
        InferenceStats inferenceStats = new InferenceStats();
        IntegrityFailures integrityFailures = new IntegrityFailures();
        ModelStore store = new ModelStore(client, clusterService, threadPool.getThreadContext(), integrityFailures);
        modelStore.set(store);
        ModelCache<ServedModel> modelCache = new ModelCache<>(
            new RegistryModelLoader(store, engine, threadPool, MgdsprSettings.MAX_MODEL_SIZE.get(settings).getBytes(),
                integrityFailures),
            MgdsprSettings.MODEL_CACHE_SIZE.get(settings).getBytes());
        clusterService.addListener(new RegistryWatcher(modelCache::invalidate, modelCache::clear));
        InferenceService inferenceService = new InferenceService(modelCache, threadPool, inferenceStats);
        inference.set(inferenceService);
        return List.of(new NodeStatsProvider(engine, inferenceStats, modelCache, integrityFailures), store,
            inferenceService);
    }

    @Override
    public List<ActionHandler<? extends ActionRequest, ? extends ActionResponse>> getActions() {
        return List.of(
            new ActionHandler<>(MgdsprStatsAction.INSTANCE, TransportMgdsprStatsAction.class),
            new ActionHandler<>(LoadEngineAction.INSTANCE, TransportLoadEngineAction.class),
            new ActionHandler<>(RegistryActions.PUT_CHUNK, TransportPutModelChunkAction.class),
            new ActionHandler<>(RegistryActions.COMMIT, TransportCommitModelAction.class),
            new ActionHandler<>(RegistryActions.GET, TransportGetModelsAction.class),
            new ActionHandler<>(RegistryActions.DELETE, TransportDeleteModelAction.class),
            new ActionHandler<>(RegistryActions.UPDATE_COMMITTED, TransportCommittedModelUpdateAction.class),
            new ActionHandler<>(UnloadModelAction.INSTANCE, UnloadModelAction.TransportAction.class),
            new ActionHandler<>(EmbedAction.INSTANCE, EmbedAction.TransportAction.class));
    }

    @Override
    public List<NamedWriteableRegistry.Entry> getNamedWriteables() {
        return List.of(
            new NamedWriteableRegistry.Entry(Metadata.Custom.class, CommittedModels.TYPE, CommittedModels::new),
            new NamedWriteableRegistry.Entry(NamedDiff.class, CommittedModels.TYPE, CommittedModels::readDiffFrom));
    }

    @Override
    public List<NamedXContentRegistry.Entry> getNamedXContent() {
        return List.of(new NamedXContentRegistry.Entry(Metadata.Custom.class, new ParseField(CommittedModels.TYPE),
            CommittedModels::fromXContent));
    }

    @Override
    public List<ActionFilter> getActionFilters() {
        return List.of(new PipelineModelCheck(modelStore::get),
            new MgdsprSearchFilter(() -> threadPool.get().getThreadContext(),
                () -> clusterService.get().localNode().getId()));
    }

    @Override
    public List<RestHandler> getRestHandlers(Settings nodeSettings, RestController restController,
                                             ClusterSettings clusterSettings, IndexScopedSettings indexScopedSettings,
                                             SettingsFilter settingsFilter,
                                             IndexNameExpressionResolver indexNameExpressionResolver,
                                             Supplier<DiscoveryNodes> nodesInCluster) {
        return List.of(new RestMgdsprStatsAction(), new RestLoadEngineAction(),
            new RestUploadModelAction(MgdsprSettings.MAX_CHUNK_SIZE.get(nodeSettings).getBytes()),
            new RestGetModelsAction(), new RestDeleteModelAction(), new RestEmbedAction(),
            new RestPlaygroundAction());
    }

    @Override
    public Map<String, Processor.Factory> getProcessors(Processor.Parameters parameters) {
        return Map.of(ItemEmbeddingProcessor.TYPE, new ItemEmbeddingProcessorFactory(
            (modelId, items, listener) -> inferenceService().embedItems(modelId, items, listener)));
    }

    @Override
    public List<QuerySpec<?>> getQueries() {
        Supplier<QueryEncoder> encoder = this::inferenceService;
        SearchTargets targets = new ClusterSearchTargets(() -> clusterService.get().state());
        return List.of(new QuerySpec<>(MgdsprQueryBuilder.NAME, in -> new MgdsprQueryBuilder(in, encoder, targets),
            parser -> MgdsprQueryParser.parse(parser, encoder, targets)),
            new QuerySpec<>(FusedHitsQueryBuilder.NAME, FusedHitsQueryBuilder::new, FusedHitsQueryBuilder::fromXContent),
            new QuerySpec<>(ShardFusionQueryBuilder.NAME, ShardFusionQueryBuilder::new,
                ShardFusionQueryBuilder::fromXContent),
            new QuerySpec<>(KnnChannelQueryBuilder.NAME, KnnChannelQueryBuilder::new,
                KnnChannelQueryBuilder::fromXContent));
    }

    @Override
    public List<SearchExtSpec<?>> getSearchExts() {
        return List.of(new SearchExtSpec<>(MgdsprProfile.NAME, MgdsprProfile::new, MgdsprProfile::fromXContent));
    }

    @Override
    public void close() {
        InferenceService service = inference.get();
        if (service != null) {
            service.close();
        }
    }

    private InferenceService inferenceService() {
        InferenceService service = inference.get();
        if (service == null) {
            throw new IllegalStateException("the mgdspr plugin has not finished starting on this node");
        }
        return service;
    }

    @Override
    public Collection<SystemIndexDescriptor> getSystemIndexDescriptors(Settings nodeSettings) {
        return List.of(new SystemIndexDescriptor(ModelIndex.NAME, "MGDSPR model registry: artifacts in chunks, "
            + "reached only through the plugin's registry actions"));
    }
}

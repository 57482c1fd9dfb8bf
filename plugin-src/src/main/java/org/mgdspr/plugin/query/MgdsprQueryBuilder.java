package org.mgdspr.plugin.query;

import org.apache.lucene.search.Query;
import org.apache.lucene.util.SetOnce;
import org.mgdspr.model.fusion.FusionMethod;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.fusion.ScoreNormalization;
import org.mgdspr.plugin.fusion.FusedHitsQueryBuilder;
import org.mgdspr.plugin.fusion.ShardChannel;
import org.mgdspr.plugin.fusion.ShardFusionQueryBuilder;
import org.mgdspr.plugin.fusion.TieOrder;
import org.mgdspr.plugin.knn.KnnChannel;
import org.mgdspr.plugin.registry.ModelIds;
import org.mgdspr.plugin.serving.QueryEncoder;
import org.mgdspr.plugin.serving.QueryEncoding;
import org.opensearch.action.IndicesRequest;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.action.support.ContextPreservingActionListener;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.index.query.QueryCoordinatorContext;
import org.opensearch.index.query.QueryRewriteContext;
import org.opensearch.index.query.QueryShardContext;
import org.opensearch.index.query.QueryShardException;
import org.opensearch.search.SearchService;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.transport.client.Client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@code mgdspr} query: personalized product retrieval in one search request (paper §4).
 *
 * <p>Everything up to the fusion happens in the coordinating node's rewrite, once per search request. It resolves
 * the user context (inline, or a profile document), runs the model's user tower on the plugin's inference pool and,
 * in relevance-control mode {@code auto}, detects the query's key terms; {@code fusion: auto} takes the fusion the
 * trainer fitted for the model. Then each channel (k-NN, optionally guarded by the key-term filter as a post- or
 * pre-filter, and the optional lexical channel) runs as a search of its own over the request's indices
 * ({@link ChannelSearch}), as a child of the search task and with its timeout, giving the channel's global top
 * {@code k}. The global lists are fused ({@link FusionSpec}, the arithmetic of the offline evaluation) and the query
 * becomes a {@link FusedHitsQueryBuilder} that scores exactly the fused documents, so the result does not depend on
 * how many shards hold them. A search that the k-NN channel alone answers exactly (see
 * {@link #answeredByTheKnnChannelAlone}) runs the k-NN query on the shards directly instead, and a search that one
 * shard serves ({@link #servedByOneShard}) becomes a {@link ShardFusionQueryBuilder}: that shard's lists are the
 * global lists, so it fuses them itself with the same result. With {@code provenance}, every hit names the channels
 * that retrieved it in {@code matched_queries} as {@code <name>:knn} and {@code <name>:lexical}, where {@code <name>}
 * is the query's {@code _name} or {@code mgdspr}.
 */
public final class MgdsprQueryBuilder extends AbstractQueryBuilder<MgdsprQueryBuilder> {

    public static final String NAME = "mgdspr";
    public static final int MAX_K = KnnChannel.MAX_K;
    public static final int DEFAULT_K = 100;
    public static final String KNN_CHANNEL = "knn";
    public static final String LEXICAL_CHANNEL = "lexical";
    /** The named query by which a k-NN channel search marks the hits that carry the key terms (post-filter). */
    static final String KEY_TERMS_MATCH = "_mgdspr_key_terms";
    /** Documents the k-NN channel's search fetches beyond k to see a tie at the cut: vector scores rarely tie. */
    private static final int VECTOR_LOOKAHEAD = 1;

    private final String modelId;
    private final String field;
    private final String queryText;
    private final UserSource user;
    private final int k;
    private final QueryBuilder filter;
    private final RelevanceControl relevanceControl;
    private final LexicalChannel lexical;
    private final FusionMode fusion;
    private final Integer rankConstant;
    private final FusionWeights fusionWeights;
    private final ScoreNormalization normalization;
    private final TieOrder tieOrder;
    private final boolean provenance;
    private final boolean exact;
    /** Off: the user tower reads the query's words as typed even when the model corrects spelling. */
    private final boolean spellingCorrection;
    private final BrandBoost brandBoost;
    /** Set once the coordinating node has run the user tower. */
    private final QueryEncoding encoding;
    /** While the user tower runs: where its result will appear. Never serialized. */
    private final Supplier<QueryEncoding> pendingEncoding;
    private final Supplier<QueryEncoder> encoder;
    private final SearchTargets targets;
    /** While the channel searches run: where the fused query will appear. Never serialized. */
    private final Supplier<FusedHitsQueryBuilder> pendingFusion;

    private MgdsprQueryBuilder(Builder builder) {
        this.modelId = builder.modelId;
        this.field = builder.field;
        this.queryText = builder.queryText;
        this.user = builder.user;
        this.k = builder.k;
        this.filter = builder.filter;
        this.relevanceControl = builder.relevanceControl;
        this.lexical = builder.lexical;
        this.fusion = builder.fusion;
        this.rankConstant = builder.rankConstant;
        this.fusionWeights = builder.fusionWeights;
        this.normalization = builder.normalization;
        this.tieOrder = builder.tieOrder;
        this.provenance = builder.provenance;
        this.exact = builder.exact;
        this.spellingCorrection = builder.spellingCorrection;
        this.brandBoost = builder.brandBoost;
        this.encoding = builder.encoding;
        this.pendingEncoding = builder.pendingEncoding;
        this.encoder = builder.encoder;
        this.targets = builder.targets;
        this.pendingFusion = builder.pendingFusion;
        boost(builder.boost);
        queryName(builder.queryName);
        validate();
    }

    public MgdsprQueryBuilder(StreamInput in, Supplier<QueryEncoder> encoder, SearchTargets targets)
        throws IOException {
        super(in);
        this.modelId = in.readString();
        this.field = in.readString();
        this.queryText = in.readString();
        this.user = UserSource.readFrom(in);
        this.k = in.readVInt();
        this.filter = in.readOptionalNamedWriteable(QueryBuilder.class);
        this.relevanceControl = RelevanceControl.readFrom(in);
        this.lexical = in.readOptionalWriteable(LexicalChannel::readFrom);
        this.fusion = in.readBoolean() ? in.readEnum(FusionMode.class) : null;
        this.rankConstant = in.readOptionalVInt();
        this.fusionWeights = in.readOptionalWriteable(FusionWeights::readFrom);
        this.normalization = in.readBoolean() ? in.readEnum(ScoreNormalization.class) : null;
        this.tieOrder = TieOrder.readFrom(in);
        this.provenance = in.readBoolean();
        this.exact = in.readBoolean();
        this.spellingCorrection = in.readBoolean();
        this.brandBoost = in.readOptionalWriteable(BrandBoost::readFrom);
        this.encoding = in.readBoolean() ? QueryEncoding.readFrom(in) : null;
        this.pendingEncoding = null;
        this.encoder = encoder;
        this.targets = targets;
        this.pendingFusion = null;
        validate();
    }

    /** Every invariant of the query, with errors that name the field. */
    private void validate() {
        ModelIds.validate(modelId);
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("[" + NAME + "] requires [field], the knn_vector field of item embeddings");
        }
        if (queryText == null || queryText.isBlank()) {
            throw new IllegalArgumentException("[" + NAME + "] requires [query], the query text");
        }
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("[" + NAME + "] [k] must be between 1 and " + MAX_K + " but was " + k);
        }
        if (lexical == null && fusion != null) {
            throw new IllegalArgumentException("[" + NAME + "] [fusion] merges channels but only the k-NN channel is "
                + "configured; add [lexical]");
        }
        if (rankConstant != null && fusion != FusionMode.RRF) {
            throw new IllegalArgumentException("[" + NAME + "] [rank_constant] applies to fusion [rrf] only");
        }
        if (normalization != null && fusion != FusionMode.WEIGHTED) {
            throw new IllegalArgumentException("[" + NAME + "] [normalization] applies to fusion [weighted] only");
        }
        if (fusionWeights != null && fusion != FusionMode.RRF && fusion != FusionMode.WEIGHTED) {
            throw new IllegalArgumentException("[" + NAME + "] [fusion_weights] apply to fusion [rrf] and [weighted] "
                + "only");
        }
        if (fusion != FusionMode.AUTO) {
            try {
                fusionSpec();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("[" + NAME + "] " + e.getMessage(), e);
            }
        }
        if (brandBoost != null && brandBoost.candidatesFor(k) < k) {
            throw new IllegalArgumentException("[" + NAME + "] [brand_boost.candidates] must be at least [k] (" + k
                + ") but was " + brandBoost.candidatesFor(k));
        }
        if (encoding != null && encoding.vector().length == 0) {
            throw new IllegalArgumentException("[" + NAME + "] query vector must not be empty");
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(tieOrder, "tieOrder");
        Objects.requireNonNull(relevanceControl, "relevanceControl");
    }

    public static Builder builder() {
        return new Builder();
    }

    public String modelId() {
        return modelId;
    }

    public String field() {
        return field;
    }

    public String queryText() {
        return queryText;
    }

    public UserSource user() {
        return user;
    }

    public int k() {
        return k;
    }

    public RelevanceControl relevanceControl() {
        return relevanceControl;
    }

    public LexicalChannel lexical() {
        return lexical;
    }

    /** Whether the k-NN channel scores every document (k-NN's exact search) instead of searching the graph. */
    public boolean exact() {
        return exact;
    }

    /** The fusion asked for: a method or {@code auto}; {@code union} when none was given. */
    public FusionMode fusion() {
        return fusion == null ? FusionMode.UNION : fusion;
    }

    public TieOrder tieOrder() {
        return tieOrder;
    }

    /** The personal brand boost of the k-NN channel, or null. */
    public BrandBoost brandBoost() {
        return brandBoost;
    }

    /**
     * The fusion in effect, unset settings taking their defaults.
     *
     * @throws IllegalStateException when the fusion is {@code auto} and the coordinating node has not resolved it
     */
    public FusionSpec fusionSpec() {
        FusionSpec defaults = FusionSpec.defaults(fusion().method());
        return new FusionSpec(defaults.method(),
            rankConstant == null ? defaults.rankConstant() : rankConstant,
            fusionWeights == null ? defaults.knnWeight() : fusionWeights.knn(),
            fusionWeights == null ? defaults.lexicalWeight() : fusionWeights.lexical(),
            normalization == null ? defaults.normalization() : normalization);
    }

    /** The personalized query vector and detected key terms, or {@code null} before rewrite on the coordinator. */
    public QueryEncoding encoding() {
        return encoding;
    }

    /** The key terms the relevance filter requires: detected ({@code auto}), given ({@code explicit}), or none. */
    public List<String> keyTerms() {
        return switch (relevanceControl.mode()) {
            case OFF -> List.of();
            case EXPLICIT -> relevanceControl.terms();
            case AUTO -> encoding == null ? List.of() : encoding.keyTerms();
        };
    }

    @Override
    public String getWriteableName() {
        return NAME;
    }

    @Override
    protected void doWriteTo(StreamOutput out) throws IOException {
        if (pendingEncoding != null || pendingFusion != null) {
            throw new IllegalStateException("[" + NAME + "] query cannot be sent while the coordinating node is still "
                + "rewriting it");
        }
        out.writeString(modelId);
        out.writeString(field);
        out.writeString(queryText);
        UserSource.write(user, out);
        out.writeVInt(k);
        out.writeOptionalNamedWriteable(filter);
        relevanceControl.writeTo(out);
        out.writeOptionalWriteable(lexical);
        out.writeBoolean(fusion != null);
        if (fusion != null) {
            out.writeEnum(fusion);
        }
        out.writeOptionalVInt(rankConstant);
        out.writeOptionalWriteable(fusionWeights);
        out.writeBoolean(normalization != null);
        if (normalization != null) {
            out.writeEnum(normalization);
        }
        tieOrder.writeTo(out);
        out.writeBoolean(provenance);
        out.writeBoolean(exact);
        out.writeBoolean(spellingCorrection);
        out.writeOptionalWriteable(brandBoost);
        out.writeBoolean(encoding != null);
        if (encoding != null) {
            encoding.writeTo(out);
        }
    }

    @Override
    protected void doXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject(NAME);
        builder.field(MgdsprQueryParser.MODEL_ID.getPreferredName(), modelId);
        builder.field(MgdsprQueryParser.FIELD.getPreferredName(), field);
        builder.field(MgdsprQueryParser.QUERY.getPreferredName(), queryText);
        user.toXContent(builder, params);
        builder.field(MgdsprQueryParser.K.getPreferredName(), k);
        if (filter != null) {
            builder.field(MgdsprQueryParser.FILTER.getPreferredName(), filter);
        }
        if (relevanceControl.mode() != KeyTermMode.OFF) {
            relevanceControl.toXContent(builder, params);
        }
        if (lexical != null) {
            lexical.toXContent(builder, params);
        }
        if (fusion != null) {
            builder.field(MgdsprQueryParser.FUSION.getPreferredName(), fusion.jsonName());
        }
        if (rankConstant != null) {
            builder.field(MgdsprQueryParser.RANK_CONSTANT.getPreferredName(), rankConstant);
        }
        if (fusionWeights != null) {
            fusionWeights.toXContent(builder, params);
        }
        if (normalization != null) {
            builder.field(MgdsprQueryParser.NORMALIZATION.getPreferredName(), normalization.jsonName());
        }
        if (!tieOrder.byId()) {
            tieOrder.valueToXContent(builder.field(MgdsprQueryParser.TIE_ORDER.getPreferredName()));
        }
        if (provenance) {
            builder.field(MgdsprQueryParser.PROVENANCE.getPreferredName(), true);
        }
        if (exact) {
            builder.field(MgdsprQueryParser.EXACT.getPreferredName(), true);
        }
        if (!spellingCorrection) {
            builder.field(MgdsprQueryParser.SPELLING_CORRECTION.getPreferredName(), false);
        }
        if (brandBoost != null) {
            brandBoost.toXContent(builder, params);
        }
        printBoostAndQueryName(builder);
        builder.endObject();
    }

    @Override
    protected QueryBuilder doRewrite(QueryRewriteContext context) {
        if (pendingFusion != null) {
            FusedHitsQueryBuilder fused = pendingFusion.get();
            return fused == null ? this : fused;
        }
        if (encoding != null) {
            if (brandBoost != null && brandBoost.auto()) {
                return toBuilder().brandBoost(fittedBrandBoost()).build();
            }
            return fusion == FusionMode.AUTO ? toBuilder().resolvedFusion(fittedFusion()).build()
                : fuseOnCoordinator(context);
        }
        if (pendingEncoding != null) {
            QueryEncoding result = pendingEncoding.get();
            // the channel searches need the vector only: the user context stays in this rewrite
            return result == null ? this
                : toBuilder().user(InlineUser.ANONYMOUS).encoding(result).pendingEncoding(null).build();
        }
        QueryEncoder queryEncoder = encoder.get();
        SetOnce<QueryEncoding> result = new SetOnce<>();
        boolean detectKeyTerms = relevanceControl.mode() == KeyTermMode.AUTO;
        String label = label();
        context.registerAsyncAction((client, listener) -> {
            SearchTrace trace = trace(client);
            long start = System.nanoTime();
            user.resolve(client, ActionListener.wrap(userContext -> {
                long resolved = System.nanoTime();
                if (trace != null && user instanceof UserProfileReference) {
                    trace.recordTiming(label, "profile_fetch", resolved - start);
                }
                queryEncoder.encode(modelId, queryText, userContext, detectKeyTerms, spellingCorrection,
                    ActionListener.wrap(computed -> {
                        if (trace != null) {
                            trace.recordTiming(label, "encode", System.nanoTime() - resolved);
                            trace.recordReading(label, computed.queryWords(), computed.keyTerms(),
                                computed.brandShares());
                        }
                        result.set(computed);
                        listener.onResponse(null);
                    }, listener::onFailure));
            }, listener::onFailure));
        });
        return toBuilder().pendingEncoding(result::get).build();
    }

    /**
     * Runs the channel searches over the indices of the search being coordinated and becomes the fused query. Any
     * other context (a shard, or an API that rewrites without a search request) keeps the query, and
     * {@link #doToQuery} then says why it cannot run.
     */
    private QueryBuilder fuseOnCoordinator(QueryRewriteContext context) {
        QueryCoordinatorContext coordinator = context.convertToCoordinatorContext();
        if (coordinator == null || coordinator.getSearchRequest() == null) {
            return this;
        }
        List<ShardChannel> channels = shardChannels();
        if (answeredByTheKnnChannelAlone(channels, coordinator.getSearchRequest())) {
            return knnChannelAlone(channels.get(0));
        }
        if (servedByOneShard(coordinator.getSearchRequest())) {
            return new ShardFusionQueryBuilder(fusionSpec(), channels, provenance).boost(boost())
                .queryName(queryName());
        }
        CoordinatorFusion channelFusion = new CoordinatorFusion(channelSearches(channels), fusionSpec(), provenance,
            filter, label());
        SetOnce<FusedHitsQueryBuilder> result = new SetOnce<>();
        float fusedBoost = boost();
        String fusedName = queryName();
        context.registerAsyncAction((client, listener) -> {
            ThreadContext threadContext = client.threadPool().getThreadContext();
            // the channel searches answer in their own thread context; the user's search goes on in its own
            channelFusion.run(client, coordinator.getSearchRequest(), trace(client),
                ContextPreservingActionListener.wrapPreservingContext(ActionListener.wrap(fused -> {
                    result.set(fused.boost(fusedBoost).queryName(fusedName));
                    listener.onResponse(null);
                }, listener::onFailure), threadContext));
        });
        return toBuilder().pendingFusion(result::get).build();
    }

    /**
     * Whether the search returns exactly what the global k-NN list would: one channel fused by {@code union} (which
     * keeps its scores), no post-filter (which must see the global top {@code k}), approximate search (each shard
     * returns at most {@code k}), hits within the top {@code k} and no aggregation (which would see every shard's top
     * {@code k}). Then the shards run the k-NN query directly, as for a plain {@code knn} query, and the round trip
     * of a channel search is saved.
     */
    private boolean answeredByTheKnnChannelAlone(List<ShardChannel> channels, IndicesRequest request) {
        if (channels.size() != 1 || channels.get(0).requiredFilter() != null || exact
            || fusion() != FusionMode.UNION || !(request instanceof SearchRequest search)) {
            return false;
        }
        SearchSourceBuilder source = search.source();
        if (source == null) {
            return SearchService.DEFAULT_SIZE <= k;
        }
        int from = Math.max(0, source.from());
        int size = source.size() < 0 ? SearchService.DEFAULT_SIZE : source.size();
        return from + size <= k && source.aggregations() == null && source.suggest() == null;
    }

    /**
     * Whether one shard serves the search, which then fuses the channels itself ({@link ShardFusionQueryBuilder}):
     * one shard's lists are the global lists. Not with {@code profile}, which times each channel search on the
     * coordinating node, and not with {@code search_after}, scroll or a point in time, whose searches skip or keep
     * documents for the user's page in ways the channels' top {@code k} must not see.
     */
    private boolean servedByOneShard(IndicesRequest request) {
        if (!(request instanceof SearchRequest search) || search.scroll() != null) {
            return false;
        }
        SearchSourceBuilder source = search.source();
        boolean plainSource = source == null
            || (!source.profile() && source.searchAfter() == null && source.pointInTimeBuilder() == null);
        return plainSource && targets.oneShard(search);
    }

    private QueryBuilder knnChannelAlone(ShardChannel knn) {
        QueryBuilder query = provenance ? knn.query().queryName(knn.name()) : knn.query();
        return boost() == DEFAULT_BOOST && queryName() == null ? query
            : QueryBuilders.boolQuery().must(query).boost(boost()).queryName(queryName());
    }

    private static SearchTrace trace(Client client) {
        return client.threadPool().getThreadContext().getTransient(SearchTrace.TRANSIENT);
    }

    /** The query's name in channel names and traces: its {@code _name}, else {@code mgdspr}. */
    private String label() {
        return queryName() == null ? NAME : queryName();
    }

    /** The channels as searches of their own: k-NN first, then the lexical channel when configured. */
    List<ChannelSearch> channelSearches() {
        return channelSearches(shardChannels());
    }

    private static List<ChannelSearch> channelSearches(List<ShardChannel> channels) {
        List<ChannelSearch> searches = new ArrayList<>(channels.size());
        searches.add(ChannelSearch.of(channels.get(0), false));
        if (channels.size() > 1) {
            searches.add(ChannelSearch.of(channels.get(1), true));
        }
        return searches;
    }

    /** The channels as one shard runs them: k-NN first, then the lexical channel when configured. */
    List<ShardChannel> shardChannels() {
        QueryBuilder keyTermFilter = RelevanceFilter.of(keyTerms(), relevanceControl.fields());
        boolean preFilter = relevanceControl.placement() == FilterPlacement.PRE_FILTER;
        int nearest = brandBoost == null ? k : brandBoost.candidatesFor(k);
        QueryBuilder knn = KnnChannel.query(field, encoding.vector(), nearest,
            RelevanceFilter.and(filter, preFilter ? keyTermFilter : null), exact, modelId);
        if (brandBoost != null) {
            knn = brandBoost.around(knn, encoding.brandShares());
        }
        List<ShardChannel> channels = new ArrayList<>(2);
        // the paper's post-filter: the global top k first, then the hits without the key terms are dropped, which a
        // filter inside the k-NN search cannot do
        channels.add(new ShardChannel(label() + ":" + KNN_CHANNEL, knn, k, tieOrder, lookahead(VECTOR_LOOKAHEAD),
            preFilter ? null : keyTermFilter));
        if (lexical != null) {
            QueryBuilder match = QueryBuilders.multiMatchQuery(queryText, lexical.fields().toArray(String[]::new));
            QueryBuilder lexicalFilter = RelevanceFilter.and(filter, keyTermFilter);
            QueryBuilder lexicalQuery = lexicalFilter == null ? match
                : QueryBuilders.boolQuery().must(match).filter(lexicalFilter);
            int lexicalK = lexical.kOr(k);
            // BM25 scores tie at the cut for most queries of a catalog of short titles (92 of 100 simulated-shop
            // queries at k = 100); half of k more documents settles all but a few without a second search
            channels.add(new ShardChannel(label() + ":" + LEXICAL_CHANNEL, lexicalQuery, lexicalK, tieOrder,
                lookahead(Math.max(VECTOR_LOOKAHEAD, lexicalK / 2)), null));
        }
        return channels;
    }

    /** Documents a channel search looks at beyond k: shard order does not settle ties at the cut. */
    private int lookahead(int byKey) {
        return tieOrder.byKey() ? byKey : 0;
    }

    private FusionSpec fittedFusion() {
        FusionSpec fitted = encoding.fittedFusion();
        if (fitted == null) {
            throw new IllegalArgumentException("[" + NAME + "] [fusion] is [auto] but model [" + modelId + "] has no "
                + "fitted fusion (it was trained without validation queries, or before fusion fitting existed); "
                + "choose [union], [rrf] or [weighted]");
        }
        return fitted;
    }

    /** The brand boost with the weight the trainer fitted; none when the fitted weight is 0 (no boost helped). */
    private BrandBoost fittedBrandBoost() {
        Double fitted = encoding.fittedBrandBoostWeight();
        if (fitted == null) {
            throw new IllegalArgumentException("[" + NAME + "] [brand_boost.weight] is [auto] but model [" + modelId
                + "] has no fitted brand boost (it was trained without validation queries, on a catalog or contexts "
                + "without brands, or before brand boost fitting existed); give the weight as a number");
        }
        return fitted == 0 ? null : brandBoost.withWeight(fitted.floatValue());
    }

    @Override
    protected Query doToQuery(QueryShardContext context) {
        throw new QueryShardException(context, "[" + NAME + "] query reached a shard before the coordinating node fused "
            + "its channels; it runs in search requests, which rewrite it on the coordinating node first");
    }

    @Override
    protected boolean doEquals(MgdsprQueryBuilder other) {
        return modelId.equals(other.modelId) && field.equals(other.field) && queryText.equals(other.queryText)
            && user.equals(other.user) && k == other.k && Objects.equals(filter, other.filter)
            && relevanceControl.equals(other.relevanceControl) && Objects.equals(lexical, other.lexical)
            && fusion == other.fusion && Objects.equals(rankConstant, other.rankConstant)
            && Objects.equals(fusionWeights, other.fusionWeights) && normalization == other.normalization
            && tieOrder.equals(other.tieOrder) && provenance == other.provenance && exact == other.exact
            && spellingCorrection == other.spellingCorrection && Objects.equals(brandBoost, other.brandBoost)
            && Objects.equals(encoding, other.encoding)
            && Objects.equals(pendingEncoding, other.pendingEncoding) && Objects.equals(pendingFusion, other.pendingFusion);
    }

    @Override
    protected int doHashCode() {
        return Objects.hash(modelId, field, queryText, user, k, filter, relevanceControl, lexical, fusion, rankConstant,
            fusionWeights, normalization, tieOrder, provenance, exact, spellingCorrection, brandBoost, encoding,
            pendingEncoding, pendingFusion);
    }

    private Builder toBuilder() {
        Builder builder = new Builder().modelId(modelId).field(field).queryText(queryText).user(user).k(k)
            .filter(filter).relevanceControl(relevanceControl).lexical(lexical).fusion(fusion).provenance(provenance)
            .exact(exact).spellingCorrection(spellingCorrection).brandBoost(brandBoost).encoder(encoder)
            .targets(targets).encoding(encoding)
            .pendingEncoding(pendingEncoding).pendingFusion(pendingFusion).boost(boost()).queryName(queryName());
        builder.rankConstant = rankConstant;
        builder.fusionWeights = fusionWeights;
        builder.normalization = normalization;
        builder.tieOrder = tieOrder;
        return builder;
    }

    /** Collects the parameters; {@link #build} validates them all at once. */
    public static final class Builder {
        private String modelId;
        private String field;
        private String queryText;
        private UserSource user = InlineUser.ANONYMOUS;
        private int k = DEFAULT_K;
        private QueryBuilder filter;
        private RelevanceControl relevanceControl = RelevanceControl.OFF;
        private LexicalChannel lexical;
        private FusionMode fusion;
        private Integer rankConstant;
        private FusionWeights fusionWeights;
        private ScoreNormalization normalization;
        private TieOrder tieOrder = TieOrder.ID;
        private boolean provenance;
        private boolean exact;
        private boolean spellingCorrection = true;
        private BrandBoost brandBoost;
        private QueryEncoding encoding;
        private Supplier<QueryEncoding> pendingEncoding;
        private Supplier<FusedHitsQueryBuilder> pendingFusion;
        private Supplier<QueryEncoder> encoder = () -> {
            throw new IllegalStateException("[" + NAME + "] query has no user tower on this node");
        };
        private SearchTargets targets = SearchTargets.UNKNOWN;
        private float boost = DEFAULT_BOOST;
        private String queryName;

        private Builder() {}

        public Builder modelId(String modelId) {
            this.modelId = modelId;
            return this;
        }

        public Builder field(String field) {
            this.field = field;
            return this;
        }

        public Builder queryText(String queryText) {
            this.queryText = queryText;
            return this;
        }

        public Builder user(UserSource user) {
            this.user = user;
            return this;
        }

        public Builder k(int k) {
            this.k = k;
            return this;
        }

        public Builder filter(QueryBuilder filter) {
            this.filter = filter;
            return this;
        }

        public Builder relevanceControl(RelevanceControl relevanceControl) {
            this.relevanceControl = relevanceControl;
            return this;
        }

        public Builder lexical(LexicalChannel lexical) {
            this.lexical = lexical;
            return this;
        }

        public Builder fusion(FusionMode fusion) {
            this.fusion = fusion;
            return this;
        }

        public Builder rankConstant(int rankConstant) {
            this.rankConstant = rankConstant;
            return this;
        }

        public Builder fusionWeights(FusionWeights fusionWeights) {
            this.fusionWeights = fusionWeights;
            return this;
        }

        public Builder normalization(ScoreNormalization normalization) {
            this.normalization = normalization;
            return this;
        }

        /** How each channel orders documents of equal score; by {@code _id} by default. */
        public Builder tieOrder(TieOrder tieOrder) {
            this.tieOrder = tieOrder;
            return this;
        }

        /** Replaces {@code auto} by the fitted fusion, setting exactly the settings its method takes. */
        private Builder resolvedFusion(FusionSpec spec) {
            this.fusion = FusionMode.of(spec.method());
            this.rankConstant = spec.method() == FusionMethod.RRF ? spec.rankConstant() : null;
            this.fusionWeights = spec.method() == FusionMethod.UNION ? null
                : new FusionWeights(spec.knnWeight(), spec.lexicalWeight());
            this.normalization = spec.method() == FusionMethod.WEIGHTED ? spec.normalization() : null;
            return this;
        }

        /** Name the retrieving channels of each hit in {@code matched_queries}. */
        public Builder provenance(boolean provenance) {
            this.provenance = provenance;
            return this;
        }

        /** Score every document with the k-NN channel (k-NN's exact search) instead of searching the graph. */
        public Builder exact(boolean exact) {
            this.exact = exact;
            return this;
        }

        /**
         * Whether the user tower reads the query's words spelling-corrected, when the model corrects spelling (the
         * default); off, it reads them as typed, as for "search instead for" what the user typed. No effect on a
         * model that does not correct spelling, nor on the lexical channel, which always reads the query as typed.
         */
        public Builder spellingCorrection(boolean spellingCorrection) {
            this.spellingCorrection = spellingCorrection;
            return this;
        }

        /** The personal brand boost of the k-NN channel, or null for none (the default). */
        public Builder brandBoost(BrandBoost brandBoost) {
            this.brandBoost = brandBoost;
            return this;
        }

        /** A precomputed encoding: the query then runs without the user tower. */
        public Builder encoding(QueryEncoding encoding) {
            this.encoding = encoding;
            return this;
        }

        private Builder pendingEncoding(Supplier<QueryEncoding> pendingEncoding) {
            this.pendingEncoding = pendingEncoding;
            return this;
        }

        private Builder pendingFusion(Supplier<FusedHitsQueryBuilder> pendingFusion) {
            this.pendingFusion = pendingFusion;
            return this;
        }

        public Builder encoder(Supplier<QueryEncoder> encoder) {
            this.encoder = encoder;
            return this;
        }

        public Builder targets(SearchTargets targets) {
            this.targets = targets;
            return this;
        }

        public Builder boost(float boost) {
            this.boost = boost;
            return this;
        }

        public Builder queryName(String queryName) {
            this.queryName = queryName;
            return this;
        }

        public MgdsprQueryBuilder build() {
            return new MgdsprQueryBuilder(this);
        }
    }
}

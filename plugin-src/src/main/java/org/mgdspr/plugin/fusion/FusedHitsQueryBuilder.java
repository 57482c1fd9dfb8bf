package org.mgdspr.plugin.fusion;

import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
import org.mgdspr.model.fusion.FusionSpec;
import org.opensearch.common.xcontent.XContentFactory;
import org.opensearch.common.xcontent.XContentHelper;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.mapper.IdFieldMapper;
import org.opensearch.index.mapper.Uid;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.index.query.MatchNoneQueryBuilder;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryRewriteContext;
import org.opensearch.index.query.QueryShardContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@code mgdspr} query becomes once the coordinating node has fused the channels' global lists: the fused
 * documents of every target index with their fused scores. Each shard scores exactly the documents of its own index
 * ({@link IdScoreQuery} on {@code _id}), so the shard's query phase, with its timeout, cancellation and profiling,
 * serves the result and nothing is searched during rewrite. With provenance, each channel's documents are registered
 * as a named query of the channel's name, scored by that channel; this holds in any shard context, the fetch phase's
 * included, because the documents travel with the query. The search's {@code filter} travels too, for the named
 * queries inside it: the channels applied it, and a shard that fuses its channels itself reports its names.
 */
public final class FusedHitsQueryBuilder extends AbstractQueryBuilder<FusedHitsQueryBuilder> {

    public static final String NAME = "mgdspr_fused";

    private final FusionSpec spec;
    private final List<String> channels;
    private final boolean provenance;
    private final QueryBuilder filter;
    private final TreeMap<String, List<FusedDoc>> hitsByIndex;

    /**
     * @param spec       the fusion that computed the scores, for explanations
     * @param channels   the channels' names, in the order of each document's ranks
     * @param provenance whether the channels are registered as named queries
     * @param filter     the {@code mgdspr} query's filter, or {@code null}; it selects nothing here
     * @param hits       the fused documents of every index
     */
    public FusedHitsQueryBuilder(FusionSpec spec, List<String> channels, boolean provenance, QueryBuilder filter,
                                 List<GlobalFusion.IndexedDoc> hits) {
        this(spec, channels, provenance, filter, byIndex(hits));
    }

    private FusedHitsQueryBuilder(FusionSpec spec, List<String> channels, boolean provenance, QueryBuilder filter,
                                  Map<String, List<FusedDoc>> hitsByIndex) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.channels = List.copyOf(channels);
        this.provenance = provenance;
        this.filter = filter;
        this.hitsByIndex = new TreeMap<>();
        hitsByIndex.forEach((index, docs) -> this.hitsByIndex.put(index, List.copyOf(docs)));
        if (this.channels.isEmpty() || this.channels.size() > 2) {
            throw new IllegalArgumentException("fusion combines one or two channels, got " + this.channels);
        }
        for (List<FusedDoc> docs : this.hitsByIndex.values()) {
            for (FusedDoc doc : docs) {
                if (doc.ranks().length != this.channels.size()) {
                    throw new IllegalArgumentException("document [" + doc.id() + "] has " + doc.ranks().length
                        + " channel ranks for the channels " + this.channels);
                }
            }
        }
    }

    private static Map<String, List<FusedDoc>> byIndex(List<GlobalFusion.IndexedDoc> hits) {
        Map<String, List<FusedDoc>> byIndex = new HashMap<>();
        for (GlobalFusion.IndexedDoc hit : hits) {
            byIndex.computeIfAbsent(hit.index(), index -> new ArrayList<>()).add(hit.doc());
        }
        return byIndex;
    }

    public FusedHitsQueryBuilder(StreamInput in) throws IOException {
        super(in);
        this.spec = FusionSpec.fromJson(in.readString());
        this.channels = in.readStringList();
        this.provenance = in.readBoolean();
        this.filter = in.readOptionalNamedWriteable(QueryBuilder.class);
        this.hitsByIndex = new TreeMap<>(in.readMap(StreamInput::readString, input -> input.readList(FusedDoc::readFrom)));
    }

    @Override
    protected void doWriteTo(StreamOutput out) throws IOException {
        out.writeString(spec.toJson().toString());
        out.writeStringCollection(channels);
        out.writeBoolean(provenance);
        out.writeOptionalNamedWriteable(filter);
        out.writeMap(hitsByIndex, StreamOutput::writeString, StreamOutput::writeList);
    }

    /** The fused documents of {@code index}, best first. */
    public List<FusedDoc> hits(String index) {
        return hitsByIndex.getOrDefault(index, List.of());
    }

    /** How many documents the fusion kept over all indices. */
    public int size() {
        return hitsByIndex.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public String getWriteableName() {
        return NAME;
    }

    /**
     * A shard of an index without fused documents matches nothing, which lets the can-match phase skip it; elsewhere
     * the filter is rewritten as it would be in any query.
     */
    @Override
    protected QueryBuilder doRewrite(QueryRewriteContext context) throws IOException {
        QueryShardContext shard = context.convertToShardContext();
        if (shard != null && hits(shard.index().getName()).isEmpty()) {
            return new MatchNoneQueryBuilder();
        }
        QueryBuilder rewrittenFilter = filter == null ? null : filter.rewrite(context);
        if (rewrittenFilter == filter) {
            return this;
        }
        return new FusedHitsQueryBuilder(spec, channels, provenance, rewrittenFilter, hitsByIndex).boost(boost())
            .queryName(queryName());
    }

    @Override
    protected Query doToQuery(QueryShardContext context) throws IOException {
        List<FusedDoc> docs = hits(context.index().getName());
        if (docs.isEmpty()) {
            return new MatchNoDocsQuery("the fusion kept no document of index [" + context.index().getName() + "]");
        }
        Map<BytesRef, FusedDoc> byId = new HashMap<>();
        Map<BytesRef, Float> fusedScores = new HashMap<>();
        for (FusedDoc doc : docs) {
            BytesRef id = Uid.encodeId(doc.id());
            byId.put(id, doc);
            fusedScores.put(id, doc.score());
        }
        if (provenance) {
            for (int c = 0; c < channels.size(); c++) {
                int channel = c;
                Map<BytesRef, Float> channelScores = new HashMap<>();
                byId.forEach((id, doc) -> {
                    if (doc.retrievedBy(channel)) {
                        channelScores.put(id, FusionExplanation.channelMatchScore(doc.channelScores()[channel]));
                    }
                });
                context.addNamedQuery(channels.get(c), new IdScoreQuery(IdFieldMapper.NAME,
                    "documents retrieved by channel [" + channels.get(c) + "]", channelScores,
                    (id, score) -> FusionExplanation.channelMatch(score, byId.get(id).ranks()[channel],
                        channels.get(channel))));
            }
        }
        if (filter != null) {
            // registers the filter's named queries: every fused document passed the filter in its channel
            filter.toQuery(context);
        }
        FusionExplanation explanation = new FusionExplanation(spec, channels);
        return new IdScoreQuery(IdFieldMapper.NAME, spec.describe() + " fusion of " + channels, fusedScores,
            (id, score) -> explanation.explain(score, byId.get(id).ranks(), byId.get(id).channelScores()));
    }

    @Override
    protected void doXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject(NAME);
        builder.field("fusion", XContentHelper.convertToMap(JsonXContent.jsonXContent, spec.toJson().toString(), true));
        builder.field("channels", channels);
        builder.field("provenance", provenance);
        if (filter != null) {
            builder.field("filter", filter);
        }
        builder.startObject("hits");
        for (Map.Entry<String, List<FusedDoc>> entry : hitsByIndex.entrySet()) {
            builder.startArray(entry.getKey());
            for (FusedDoc doc : entry.getValue()) {
                builder.startObject().field("_id", doc.id()).field("score", doc.score()).field("ranks", doc.ranks())
                    .field("channel_scores", doc.channelScores()).endObject();
            }
            builder.endArray();
        }
        builder.endObject();
        printBoostAndQueryName(builder);
        builder.endObject();
    }

    /** Reads {@link #doXContent}'s form, so that a rewritten request prints and parses back to the same query. */
    @SuppressWarnings("unchecked")
    public static FusedHitsQueryBuilder fromXContent(XContentParser parser) throws IOException {
        Map<String, Object> body = parser.map();
        try {
            String specJson = XContentFactory.jsonBuilder().map((Map<String, Object>) body.get("fusion")).toString();
            Map<String, List<FusedDoc>> hits = new HashMap<>();
            ((Map<String, List<Map<String, Object>>>) body.get("hits")).forEach((index, docs) -> hits.put(index,
                docs.stream().map(FusedHitsQueryBuilder::docOf).toList()));
            FusedHitsQueryBuilder query = new FusedHitsQueryBuilder(FusionSpec.fromJson(specJson),
                (List<String>) body.get("channels"), Boolean.TRUE.equals(body.get("provenance")),
                filter(parser, (Map<String, Object>) body.get("filter")), hits);
            if (body.get(BOOST_FIELD.getPreferredName()) instanceof Number boost) {
                query.boost(boost.floatValue());
            }
            query.queryName((String) body.get(NAME_FIELD.getPreferredName()));
            return query;
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new ParsingException(parser.getTokenLocation(), "[" + NAME + "] is the fused form of a [mgdspr] "
                + "query and could not be read back: " + e.getMessage(), e);
        }
    }

    private static QueryBuilder filter(XContentParser parser, Map<String, Object> filter) throws IOException {
        if (filter == null) {
            return null;
        }
        try (XContentParser filterParser = JsonXContent.jsonXContent.createParser(parser.getXContentRegistry(),
            parser.getDeprecationHandler(), XContentFactory.jsonBuilder().map(filter).toString())) {
            return parseInnerQueryBuilder(filterParser);
        }
    }

    @SuppressWarnings("unchecked")
    private static FusedDoc docOf(Map<String, Object> doc) {
        List<Number> ranks = (List<Number>) doc.get("ranks");
        List<Number> scores = (List<Number>) doc.get("channel_scores");
        float[] channelScores = new float[scores.size()];
        for (int i = 0; i < channelScores.length; i++) {
            channelScores[i] = scores.get(i).floatValue();
        }
        return new FusedDoc((String) doc.get("_id"), ((Number) doc.get("score")).floatValue(),
            ranks.stream().mapToInt(Number::intValue).toArray(), channelScores);
    }

    @Override
    protected boolean doEquals(FusedHitsQueryBuilder other) {
        return spec.equals(other.spec) && channels.equals(other.channels) && provenance == other.provenance
            && Objects.equals(filter, other.filter) && hitsByIndex.equals(other.hitsByIndex);
    }

    @Override
    protected int doHashCode() {
        return Objects.hash(spec, channels, provenance, filter, hitsByIndex);
    }
}

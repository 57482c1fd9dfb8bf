package org.mgdspr.plugin.fusion;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.mgdspr.model.fusion.FusionMethod;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.fusion.ScoreNormalization;
import org.opensearch.core.common.ParsingException;
import org.opensearch.index.mapper.IdFieldMapper;
import org.opensearch.index.mapper.Uid;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.test.OpenSearchTestCase;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The single-shard fusion: it travels and prints without loss, and over a shard it gives exactly what the
 * coordinating node's fusion gives for the same lists (ids, order and scores), ties in {@code _id} order included.
 */
public class ShardFusionTests extends OpenSearchTestCase {

    private static final String INDEX = "products";
    private static final String TAG = "tag";
    private static final List<FusionSpec> FUSIONS = List.of(
        new FusionSpec(FusionMethod.RRF, 60, 1, 1, ScoreNormalization.MIN_MAX),
        new FusionSpec(FusionMethod.RRF, 10, 0.4, 0.6, ScoreNormalization.MIN_MAX),
        new FusionSpec(FusionMethod.WEIGHTED, 60, 0.3, 0.7, ScoreNormalization.Z_SCORE),
        new FusionSpec(FusionMethod.WEIGHTED, 60, 0.5, 0.5, ScoreNormalization.MIN_MAX),
        new FusionSpec(FusionMethod.UNION, 60, 1, 1, ScoreNormalization.MIN_MAX));
    /** Sums of a few constant scores: long runs of equal scores, as BM25 gives on short titles. */
    private static final Query FIRST = weightedTags(Map.of("a", 3f, "b", 2f, "c", 1f));
    private static final Query SECOND = weightedTags(Map.of("c", 2f, "d", 1.5f, "a", 0.5f));
    /** Unique per document but for a few duplicates, and missing on some. */
    private static final String SKU = "sku";
    private static final List<TieOrder> TIE_ORDERS = List.of(TieOrder.ID, TieOrder.SHARD, TieOrder.byField(SKU));


    public void testTheQuerySurvivesTheWireAndXContent() throws IOException {
        ShardFusionQueryBuilder query = new ShardFusionQueryBuilder(FUSIONS.get(2), List.of(
            new ShardChannel("shop:knn", QueryBuilders.termQuery(TAG, "a"), 50, TieOrder.ID, 1,
                QueryBuilders.matchQuery("title", "red")),
            new ShardChannel("shop:lexical", QueryBuilders.matchQuery("title", "red shoes"), 20, TieOrder.SHARD, 0,
                null)), true);
        query.boost(2f).queryName("shop");
        new QueryRoundTrip().assertSurvivesTheWireAndXContent(query);
        new QueryRoundTrip().assertSurvivesTheWireAndXContent(new ShardFusionQueryBuilder(FUSIONS.get(0), List.of(
            new ShardChannel("shop:lexical", QueryBuilders.matchQuery("title", "red shoes"), 20,
                TieOrder.byField("sku"), 5, null)), false));
    }

    public void testAMalformedQueryIsRefusedNamingTheProblem() {
        String fusion = "\"fusion\": " + FUSIONS.get(0).toJson() + ", \"provenance\": false";
        assertRefused("{\"mgdspr_shard_fusion\": {" + fusion + "}}", "needs [fusion], [provenance] and [channels]");
        assertRefused(withChannel(fusion, "0", "\"id\""), "must retrieve at least one document, k=0");
        assertRefused(withChannel(fusion, "5", "\"random\""),
            "[tie_order] must be [id], [shard] or {\"field\": <a field with doc values>} but was [random]");
        assertRefused(withChannel(fusion, "5", "\"shard\""),
            "keeps ties in shard order, which looks at no document beyond k, lookahead=1");
        assertRefused(withChannel(fusion, "5", "{\"name\": \"sku\"}"), "got [name]");
        assertRefused("{\"mgdspr_shard_fusion\": {" + fusion + ", \"channels\": []}}",
            "fusion combines one or two channels, got 0");
        assertRefused("{\"mgdspr_shard_fusion\": {" + fusion + ", \"hits\": {}}}", "does not take [hits]");
        assertRefused("{\"mgdspr_shard_fusion\": {\"fusion\": {\"method\": \"nope\"}}}", "[fusion]");
        assertRefused("{\"mgdspr_shard_fusion\": {\"fusion\": \"rrf\"}}", "[fusion] must be an object");
        assertRefused("{\"mgdspr_shard_fusion\": {" + fusion + ", \"channels\": [1]}}",
            "[channels] must be an array of objects");
    }

    /** The query with one channel of {@code k} documents, ties in {@code tieOrder} (JSON), looking one beyond. */
    private static String withChannel(String fusion, String k, String tieOrder) {
        return "{\"mgdspr_shard_fusion\": {" + fusion + ", \"channels\": [{\"name\": \"shop:knn\", \"query\": "
            + "{\"match_all\": {}}, \"k\": " + k + ", \"tie_order\": " + tieOrder + ", \"lookahead\": 1}]}}";
    }

    private static void assertRefused(String json, String message) {
        ParsingException e = expectThrows(ParsingException.class, () -> new QueryRoundTrip().parse(json));
        assertTrue(e.getMessage(), e.getMessage().contains(message));
    }

    public void testAShardFusesAsTheCoordinatingNodeDoesTiesIncluded() throws IOException {
        try (Directory directory = newDirectory()) {
            indexDocumentsWithTies(directory);
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                assertTrue("several segments", reader.leaves().size() > 1);
                IndexSearcher searcher = new IndexSearcher(reader);
                Query requiredB = new TermQuery(new Term(TAG, "b"));
                for (FusionSpec spec : FUSIONS) {
                    for (int[] kAndLookahead : new int[][] {{5, 1}, {20, 10}, {40, 1}, {300, 5}}) {
                        int k = kAndLookahead[0];
                        for (TieOrder tieOrder : TIE_ORDERS) {
                            int lookahead = kAndLookahead[1];
                            for (Query filter : new Query[] {null, requiredB}) {
                                List<ShardFusion.Channel> channels = List.of(
                                    channel("knn", FIRST, k, tieOrder, lookahead, filter),
                                    channel("lexical", SECOND, k, tieOrder, lookahead, null));
                                String what = spec.describe() + " k=" + k + " " + tieOrder + " lookahead="
                                    + lookahead + " filter=" + filter;
                                assertSameAsTheCoordinator(searcher, new ShardFusion(spec, channels), spec, what);
                            }
                        }
                    }
                }
            }
        }
    }

    public void testOnlyTheIdOrderReadsStoredFields() throws IOException {
        try (Directory directory = newDirectory()) {
            indexDocumentsWithTies(directory);
            try (DirectoryReader reader = DirectoryReader.open(directory);
                 DirectoryReader withoutStoredFields = new WithoutStoredFields(DirectoryReader.open(directory))) {
                FusionSpec rrf = FUSIONS.get(0);
                for (TieOrder tieOrder : TIE_ORDERS) {
                    ShardFusion fusion = new ShardFusion(rrf, List.of(channel("knn", FIRST, 40, tieOrder, 20, null),
                        channel("lexical", SECOND, 40, tieOrder, 20, null)));
                    // the fusion keeps its result per reader: computed here first, without stored fields
                    Query fused = new ShardFusionQuery(fusion, ShardFusionQuery.FUSED);
                    IndexSearcher searcher = new IndexSearcher(withoutStoredFields);
                    if (tieOrder.byId()) {
                        expectThrows(UnsupportedOperationException.class, () -> searcher.search(fused, 100));
                    } else {
                        assertTrue(searcher.search(fused, 100).scoreDocs.length >= 40);
                    }
                }
            }
        }
    }

    /** A channel as {@code ShardFusionQueryBuilder} makes it; {@code lookahead} counts unless in shard order. */
    private static ShardFusion.Channel channel(String name, Query query, int k, TieOrder tieOrder, int lookahead,
                                               Query requiredFilter) {
        SortField tieField = null;
        if (tieOrder.byField()) {
            tieField = new SortField(tieOrder.field(), SortField.Type.STRING);
            tieField.setMissingValue(SortField.STRING_LAST);
        }
        return new ShardFusion.Channel(name, query, k, tieOrder, tieOrder.byKey() ? k + lookahead : k, tieField,
            requiredFilter);
    }

    /**
     * 300 documents in several segments, ids and SKUs in orders unrelated to the doc ids, a few tags each; every
     * seventh document has no SKU and every eleventh the same one.
     */
    private static void indexDocumentsWithTies(Directory directory) throws IOException {
        Random random = new Random(11);
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            for (int i = 0; i < 300; i++) {
                Document doc = new Document();
                String id = Integer.toString(random.nextInt(1_000_000), 36) + "-" + i;
                doc.add(new StringField(IdFieldMapper.NAME, Uid.encodeId(id), Field.Store.NO));
                doc.add(new StoredField(IdFieldMapper.NAME, Uid.encodeId(id)));
                if (i % 7 != 0) {
                    String sku = i % 11 == 0 ? "same" : Integer.toString(random.nextInt(1_000_000), 36);
                    doc.add(new SortedDocValuesField(SKU, new BytesRef(sku)));
                    doc.add(new StoredField(SKU, sku));
                }
                for (String tag : List.of("a", "b", "c", "d")) {
                    if (random.nextInt(3) == 0) {
                        doc.add(new StringField(TAG, tag, Field.Store.NO));
                    }
                }
                writer.addDocument(doc);
                if (i % 70 == 69) {
                    writer.commit();
                }
            }
        }
    }

    private void assertSameAsTheCoordinator(IndexSearcher searcher, ShardFusion fusion, FusionSpec spec, String what)
        throws IOException {
        List<ChannelList> lists = new ArrayList<>();
        List<ShardFusion.Channel> channels = fusion.channels();
        for (ShardFusion.Channel channel : channels) {
            lists.add(coordinatorList(searcher, channel));
        }
        List<GlobalFusion.IndexedDoc> expected = GlobalFusion.fuse(spec, lists);

        ShardFusionQuery fused = new ShardFusionQuery(fusion, ShardFusionQuery.FUSED);
        ScoreDoc[] hits = searcher.search(fused, 1_000).scoreDocs;
        List<String> actual = new ArrayList<>();
        for (ScoreDoc hit : hits) {
            actual.add(id(searcher, hit.doc) + "=" + hit.score);
        }
        assertEquals(what, expected.stream().map(doc -> doc.doc().id() + "=" + doc.doc().score()).toList(), actual);
        for (ScoreDoc hit : hits) {
            assertEquals(what, hit.score, searcher.explain(fused, hit.doc).getValue().floatValue(), 0f);
        }
        for (int c = 0; c < channels.size(); c++) {
            Set<String> listed = new HashSet<>(lists.get(c).hits().stream().map(ChannelHit::id).toList());
            Set<String> matched = new HashSet<>();
            for (ScoreDoc hit : searcher.search(new ShardFusionQuery(fusion, c), 1_000).scoreDocs) {
                matched.add(id(searcher, hit.doc));
            }
            assertEquals(what + " channel " + c, listed, matched);
        }
    }

    /**
     * A channel's list as {@code ChannelSearch} builds it from a search over every shard of an index of one shard:
     * every hit's id read; ties by id, by SKU (missing last, then as the search returned them), or as the search
     * returned them.
     */
    private static ChannelList coordinatorList(IndexSearcher searcher, ShardFusion.Channel channel) throws IOException {
        ScoreDoc[] all = searcher.search(channel.query(), 10_000).scoreDocs;
        Map<Integer, String> ids = new HashMap<>();
        for (ScoreDoc hit : all) {
            ids.put(hit.doc, id(searcher, hit.doc));
        }
        List<ScoreDoc> ordered = new ArrayList<>(List.of(all));
        Comparator<ScoreDoc> byScore = Comparator.comparing((ScoreDoc hit) -> hit.score, Comparator.reverseOrder());
        if (channel.tieOrder().byId()) {
            ordered.sort(byScore.thenComparing(hit -> ids.get(hit.doc)));
        } else if (channel.tieOrder().byField()) {
            Map<Integer, String> skus = new HashMap<>();
            for (ScoreDoc hit : all) {
                skus.put(hit.doc, searcher.storedFields().document(hit.doc).get(SKU));
            }
            ordered.sort(byScore.thenComparing(hit -> skus.get(hit.doc),
                Comparator.nullsLast(Comparator.naturalOrder())));
        }
        List<ChannelHit> hits = new ArrayList<>();
        Set<Integer> required = channel.requiredFilter() == null ? null : new HashSet<>();
        if (required != null) {
            for (ScoreDoc hit : searcher.search(channel.requiredFilter(), 10_000).scoreDocs) {
                required.add(hit.doc);
            }
        }
        for (ScoreDoc hit : ordered.subList(0, Math.min(channel.k(), ordered.size()))) {
            if (required == null || required.contains(hit.doc)) {
                hits.add(new ChannelHit(INDEX, ids.get(hit.doc), hit.score));
            }
        }
        return new ChannelList(channel.name(), hits);
    }

    private static Query weightedTags(Map<String, Float> weights) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        weights.forEach((tag, weight) -> query.add(new BoostQuery(new ConstantScoreQuery(
            new TermQuery(new Term(TAG, tag))), weight), BooleanClause.Occur.SHOULD));
        return query.build();
    }

    private static String id(IndexSearcher searcher, int doc) throws IOException {
        BytesRef id = searcher.storedFields().document(doc).getBinaryValue(IdFieldMapper.NAME);
        return Uid.decodeId(id.bytes, id.offset, id.length);
    }

    /** A reader whose stored fields cannot be read. */
    private static final class WithoutStoredFields extends FilterDirectoryReader {

        WithoutStoredFields(DirectoryReader in) throws IOException {
            super(in, new SubReaderWrapper() {
                @Override
                public LeafReader wrap(LeafReader reader) {
                    return new FilterLeafReader(reader) {
                        @Override
                        public StoredFields storedFields() {
                            throw new UnsupportedOperationException("stored fields read");
                        }

                        @Override
                        public CacheHelper getCoreCacheHelper() {
                            return in.getCoreCacheHelper();
                        }

                        @Override
                        public CacheHelper getReaderCacheHelper() {
                            return in.getReaderCacheHelper();
                        }
                    };
                }
            });
        }

        @Override
        protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) throws IOException {
            return new WithoutStoredFields(in);
        }

        @Override
        public CacheHelper getReaderCacheHelper() {
            return in.getReaderCacheHelper();
        }
    }
}

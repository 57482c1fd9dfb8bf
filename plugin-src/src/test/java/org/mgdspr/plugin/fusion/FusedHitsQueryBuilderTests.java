package org.mgdspr.plugin.fusion;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.mgdspr.model.fusion.FusionMethod;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.fusion.ScoreNormalization;
import org.opensearch.index.mapper.IdFieldMapper;
import org.opensearch.index.mapper.Uid;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.test.OpenSearchTestCase;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The fused query: it travels and prints without loss, its filter included, and a shard scores exactly the live
 * documents it names.
 */
public class FusedHitsQueryBuilderTests extends OpenSearchTestCase {


    private static FusedHitsQueryBuilder fused(QueryBuilder filter) {
        List<GlobalFusion.IndexedDoc> hits = GlobalFusion.fuse(
            new FusionSpec(FusionMethod.WEIGHTED, 60, 0.3, 0.7, ScoreNormalization.Z_SCORE), List.of(
                new ChannelList("shop:knn", List.of(new ChannelHit("products-a", "p1", 1.7f),
                    new ChannelHit("products-b", "p2", 1.2f))),
                new ChannelList("shop:lexical", List.of(new ChannelHit("products-b", "p2", 9.5f),
                    new ChannelHit("products-a", "p3", 4.25f)))));
        FusedHitsQueryBuilder query = new FusedHitsQueryBuilder(
            new FusionSpec(FusionMethod.WEIGHTED, 60, 0.3, 0.7, ScoreNormalization.Z_SCORE), List.of("shop:knn",
                "shop:lexical"), true, filter, hits);
        query.boost(2f).queryName("shop");
        return query;
    }

    public void testTheFusedDocumentsAreSplitByIndexAndSurviveTheWireAndXContent() throws IOException {
        FusedHitsQueryBuilder query = fused(QueryBuilders.termQuery("in_stock", true).queryName("stocked"));
        assertEquals(3, query.size());
        assertEquals(List.of("p1", "p3"), query.hits("products-a").stream().map(FusedDoc::id).toList());
        assertEquals(List.of("p2"), query.hits("products-b").stream().map(FusedDoc::id).toList());
        assertEquals(List.of(), query.hits("other"));

        new QueryRoundTrip().assertSurvivesTheWireAndXContent(query);
        new QueryRoundTrip().assertSurvivesTheWireAndXContent(fused(null));
        assertNotEquals(query, fused(null));
    }

    public void testAShardScoresExactlyTheLiveDocumentsWithTheGivenIds() throws IOException {
        try (Directory directory = newDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
                for (String id : List.of("a", "b", "c", "d")) {
                    Document doc = new Document();
                    doc.add(new StringField(IdFieldMapper.NAME, Uid.encodeId(id), Field.Store.NO));
                    writer.addDocument(doc);
                    writer.commit();
                }
                writer.deleteDocuments(new Term(IdFieldMapper.NAME, Uid.encodeId("d")));
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                IdScoreQuery query = new IdScoreQuery(IdFieldMapper.NAME, "test scores", Map.of(Uid.encodeId("a"), 0.5f,
                    Uid.encodeId("c"), 0.9f, Uid.encodeId("d"), 2f, Uid.encodeId("missing"), 3f),
                    (BytesRef id, float score) -> Explanation.match(score, "scored " + Uid.decodeId(id.bytes, id.offset,
                        id.length)));
                TopDocs top = searcher.search(query, 10);
                assertEquals(2, top.scoreDocs.length);
                ScoreDoc first = top.scoreDocs[0];
                assertEquals(0.9f, first.score, 0f);
                assertEquals("scored c", searcher.explain(query, first.doc).getDescription());
                assertEquals(0.5f, top.scoreDocs[1].score, 0f);
                assertEquals(2, searcher.count(query));
                // "b" (the second document) is not named; "d" is named but deleted
                assertFalse(searcher.explain(query, 1).isMatch());
            }
        }
    }

    public void testNegativeOrInfiniteScoresAreRejected() {
        expectThrows(IllegalArgumentException.class, () -> new IdScoreQuery(IdFieldMapper.NAME, "bad",
            Map.of(Uid.encodeId("a"), -1f), (id, score) -> Explanation.match(score, "")));
        expectThrows(IllegalArgumentException.class, () -> new IdScoreQuery(IdFieldMapper.NAME, "bad",
            Map.of(Uid.encodeId("a"), Float.POSITIVE_INFINITY), (id, score) -> Explanation.match(score, "")));
    }
}

package org.mgdspr.model.eval;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.mgdspr.model.data.Catalog;
import org.mgdspr.model.fusion.RankedHits;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lexical baseline every report compares against: BM25 over product titles with Lucene's English analyzer,
 * in memory. Queries are a disjunction of their analyzed terms, so user text never meets query-parser syntax.
 */
public final class Bm25Index implements Closeable {

    private static final String POSITION = "position";
    private static final String TITLE = "title";

    private final Analyzer analyzer = new EnglishAnalyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final List<String> ids;

    /** @param titlesById product id to title; {@link #hits} numbers products in iteration order from 0 */
    public Bm25Index(Map<String, String> titlesById) {
        ids = List.copyOf(titlesById.keySet());
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                int position = 0;
                for (String title : titlesById.values()) {
                    Document document = new Document();
                    // merges may reorder Lucene's doc ids, so the position is stored
                    document.add(new StoredField(POSITION, position++));
                    document.add(new TextField(TITLE, title, Field.Store.NO));
                    writer.addDocument(document);
                }
            }
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
        } catch (IOException e) {
            throw new UncheckedIOException("could not build the in-memory BM25 index", e);
        }
    }

    /** The catalog's titles; {@link #hits} answers with catalog positions. */
    public static Bm25Index of(Catalog catalog) {
        Map<String, String> titles = new LinkedHashMap<>();
        catalog.products().forEach(product -> titles.put(product.itemId(), product.title()));
        if (titles.size() != catalog.size()) {
            throw new IllegalArgumentException("the catalog lists an item id twice");
        }
        return new Bm25Index(titles);
    }

    /** Ids of the {@code k} best BM25 matches, best first; empty when the query has no indexable term. */
    public List<String> search(String query, int k) {
        int[] positions = hits(query, k).docs();
        List<String> found = new ArrayList<>(positions.length);
        for (int position : positions) {
            found.add(ids.get(position));
        }
        return found;
    }

    /** The {@code k} best BM25 matches as positions in the constructor's iteration order, with their scores. */
    public RankedHits hits(String query, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        Set<String> terms = analyze(query);
        if (terms.isEmpty()) {
            return new RankedHits(new int[0], new float[0]);
        }
        BooleanQuery.Builder disjunction = new BooleanQuery.Builder();
        int clauses = 0;
        for (String term : terms) {
            if (clauses++ == IndexSearcher.getMaxClauseCount()) {
                break;
            }
            disjunction.add(new TermQuery(new Term(TITLE, term)), BooleanClause.Occur.SHOULD);
        }
        try {
            ScoreDoc[] hits = searcher.search(disjunction.build(), k).scoreDocs;
            int[] positions = new int[hits.length];
            float[] scores = new float[hits.length];
            var storedFields = searcher.storedFields();
            for (int i = 0; i < hits.length; i++) {
                positions[i] = storedFields.document(hits[i].doc).getField(POSITION).numericValue().intValue();
                scores[i] = hits[i].score;
            }
            return new RankedHits(positions, scores);
        } catch (IOException e) {
            throw new UncheckedIOException("BM25 search failed for query [" + query + "]", e);
        }
    }

    private Set<String> analyze(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(TITLE, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
        analyzer.close();
    }
}

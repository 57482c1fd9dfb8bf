package org.mgdspr.plugin.fusion;

import org.apache.lucene.codecs.StoredFieldsReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldComparator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafFieldComparator;
import org.apache.lucene.search.Pruning;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.Weight;
import org.mgdspr.model.fusion.FusionSpec;
import org.opensearch.common.lucene.index.SequentialStoredFieldsLeafReader;
import org.opensearch.index.mapper.IdFieldMapper;
import org.opensearch.index.mapper.Uid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fusion of a search that one shard serves alone. The shard's top {@code k} of each channel is then the global
 * list, so the shard builds the lists and fuses them itself, with the arithmetic and the order of the coordinating
 * node's fusion ({@link GlobalFusion}): a list is ordered by score, documents of equal score as the channel's
 * {@link TieOrder} says ({@code _id} is read for those documents only), and cut as {@link ShardChannel} says. It is
 * computed once per index reader, when the search first asks for a weight: in the query phase, where the search's
 * timeout and cancellation checks are in place; the fused query and the channels' named queries of the fetch phase
 * then read the same result.
 */
final class ShardFusion {

    /**
     * A channel as a shard searches it ({@link ShardChannel}, with Lucene queries).
     *
     * @param window  how many documents the first search asks for, at least {@code k}
     * @param tieField for ties ordered by a field, that field as a search sorts on it (ascending)
     */
    record Channel(String name, Query query, int k, TieOrder tieOrder, int window, SortField tieField,
                   Query requiredFilter) {

        Channel {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(tieOrder, "tieOrder");
            if ((tieField != null) != tieOrder.byField() || tieField != null && tieField.getReverse()) {
                throw new IllegalArgumentException("channel [" + name + "] needs an ascending sort field exactly when "
                    + "its ties are ordered by a field, got " + tieOrder + " and " + tieField);
            }
            if (k < 1 || window < k) {
                throw new IllegalArgumentException("channel [" + name + "] needs 1 <= k <= window, got k=" + k
                    + ", window=" + window);
            }
        }
    }

    /** Documents of the whole reader, ascending, with their scores. */
    record Hits(int[] docs, float[] scores) {

        /** The pairs {@code docs[i], scores[i]} (docs distinct and non-negative) in ascending doc order. */
        static Hits sorted(int[] docs, float[] scores, int count) {
            // one primitive sort: the doc in the high half orders the longs, the score's bits ride in the low half
            long[] pairs = new long[count];
            for (int i = 0; i < count; i++) {
                pairs[i] = (long) docs[i] << 32 | (Float.floatToRawIntBits(scores[i]) & 0xFFFFFFFFL);
            }
            Arrays.sort(pairs);
            int[] sortedDocs = new int[count];
            float[] sortedScores = new float[count];
            for (int i = 0; i < count; i++) {
                sortedDocs[i] = (int) (pairs[i] >>> 32);
                sortedScores[i] = Float.intBitsToFloat((int) pairs[i]);
            }
            return new Hits(sortedDocs, sortedScores);
        }

        /** The documents of one segment, as that segment numbers them, with their scores times {@code boost}. */
        Hits of(LeafReaderContext leaf, float boost) {
            int from = lowerBound(leaf.docBase);
            int to = lowerBound(leaf.docBase + leaf.reader().maxDoc());
            int[] leafDocs = new int[to - from];
            float[] leafScores = new float[to - from];
            for (int i = from; i < to; i++) {
                leafDocs[i - from] = docs[i] - leaf.docBase;
                leafScores[i - from] = scores[i] * boost;
            }
            return new Hits(leafDocs, leafScores);
        }

        private int lowerBound(int doc) {
            int i = Arrays.binarySearch(docs, doc);
            return i >= 0 ? i : -i - 1;
        }
    }

    /**
     * What the fusion kept.
     *
     * @param fused    the fused documents with their fused scores
     * @param channels per channel, the documents it retrieved, scored as its named query scores them
     * @param byDoc    per fused document, its fusion: its ranks in and scores from each channel
     */
    record Result(Hits fused, List<Hits> channels, Map<Integer, RankFusion.Fused<Integer>> byDoc) {}

    private final FusionSpec spec;
    private final List<Channel> channels;
    private Object readerKey;
    private Result result;

    ShardFusion(FusionSpec spec, List<Channel> channels) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.channels = List.copyOf(channels);
        if (this.channels.isEmpty() || this.channels.size() > 2) {
            throw new IllegalArgumentException("fusion combines one or two channels, got " + this.channels.size());
        }
    }

    List<Channel> channels() {
        return channels;
    }

    List<String> channelNames() {
        return channels.stream().map(Channel::name).toList();
    }

    FusionSpec spec() {
        return spec;
    }

    /** The result over {@code searcher}'s reader, computed on the first call for that reader. */
    synchronized Result result(IndexSearcher searcher) throws IOException {
        Object key = readerKey(searcher.getIndexReader());
        if (result == null || key != readerKey) {
            result = compute(searcher);
            readerKey = key;
        }
        return result;
    }

    private static Object readerKey(IndexReader reader) {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        return helper == null ? reader : helper.getKey();
    }

    private Result compute(IndexSearcher searcher) throws IOException {
        List<List<Integer>> keys = new ArrayList<>(channels.size());
        List<float[]> scores = new ArrayList<>(channels.size());
        for (Channel channel : channels) {
            ScoreDoc[] listed = list(searcher, channel);
            List<Integer> docs = new ArrayList<>(listed.length);
            float[] channelScores = new float[listed.length];
            for (int i = 0; i < listed.length; i++) {
                docs.add(listed[i].doc);
                channelScores[i] = listed[i].score;
            }
            keys.add(docs);
            scores.add(channelScores);
        }
        List<RankFusion.Fused<Integer>> fused = RankFusion.fuse(spec, keys, scores);
        int n = fused.size();
        int[] fusedDocs = new int[n];
        float[] fusedScores = new float[n];
        Map<Integer, RankFusion.Fused<Integer>> byDoc = HashMap.newHashMap(n);
        int[][] retrievedDocs = new int[channels.size()][n];
        float[][] retrievedScores = new float[channels.size()][n];
        int[] retrieved = new int[channels.size()];
        for (int i = 0; i < n; i++) {
            RankFusion.Fused<Integer> doc = fused.get(i);
            fusedDocs[i] = doc.key();
            fusedScores[i] = doc.score();
            byDoc.put(doc.key(), doc);
            for (int c = 0; c < channels.size(); c++) {
                if (doc.ranks()[c] > 0) {
                    retrievedDocs[c][retrieved[c]] = doc.key();
                    retrievedScores[c][retrieved[c]++] = FusionExplanation.channelMatchScore(doc.channelScores()[c]);
                }
            }
        }
        List<Hits> channelHits = new ArrayList<>(channels.size());
        for (int c = 0; c < channels.size(); c++) {
            channelHits.add(Hits.sorted(retrievedDocs[c], retrievedScores[c], retrieved[c]));
        }
        return new Result(Hits.sorted(fusedDocs, fusedScores, n), channelHits, byDoc);
    }

    /**
     * The channel's list: its top k, ties as its {@link TieOrder} says; ordered by a key ({@code _id} or a field),
     * ties at the cut are settled as a search over every shard settles them.
     */
    private static ScoreDoc[] list(IndexSearcher searcher, Channel channel) throws IOException {
        ScoreDoc[] hits = searcher.search(channel.query(), channel.window()).scoreDocs;
        if (channel.tieOrder().byKey()) {
            if (hits.length >= channel.window() && hits.length > channel.k()
                && hits[hits.length - 1].score == hits[channel.k() - 1].score) {
                float cut = hits[channel.k() - 1].score;
                hits = Arrays.stream(searcher.search(channel.query(), ShardChannel.MAX_TIED).scoreDocs)
                    .filter(hit -> hit.score >= cut).toArray(ScoreDoc[]::new);
            }
            hits = inKeyOrderWithinTies(searcher, hits, channel);
        }
        ScoreDoc[] top = Arrays.copyOf(hits, Math.min(channel.k(), hits.length));
        return channel.requiredFilter() == null ? top : matching(searcher, channel.requiredFilter(), top);
    }

    /**
     * {@code hits} (by score, descending; equal scores by doc id, as a search returns them) with every run of equal
     * scores that starts within the first {@code k} ordered by the channel's key, documents of equal keys keeping
     * their order; the runs after the cut keep their order, as they are cut off anyway.
     */
    private static ScoreDoc[] inKeyOrderWithinTies(IndexSearcher searcher, ScoreDoc[] hits, Channel channel)
        throws IOException {
        ScoreDoc[] ordered = hits.clone();
        int from = 0;
        while (from < Math.min(channel.k(), ordered.length)) {
            int to = from + 1;
            while (to < ordered.length && ordered[to].score == ordered[from].score) {
                to++;
            }
            if (to - from > 1) {
                ScoreDoc[] run = Arrays.copyOfRange(ordered, from, to);
                Arrays.sort(ordered, from, to, channel.tieField() == null ? byId(searcher, run)
                    : byField(searcher, run, channel.tieField()));
            }
            from = to;
        }
        return ordered;
    }

    /**
     * The order of the documents' {@code _id}s, read segment by segment in doc id order (the order of {@code run})
     * with the stored-fields reader that OpenSearch's fetch phase uses for runs of documents: it decompresses each
     * block once for all the documents of the block, where a random-access read decompresses it for each.
     */
    private static Comparator<ScoreDoc> byId(IndexSearcher searcher, ScoreDoc[] run) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Map<Integer, String> ids = new HashMap<>();
        int leafIndex = -1;
        LeafReaderContext leaf = null;
        StoredFieldsReader sequential = null;
        StoredFields storedFields = null;
        for (ScoreDoc hit : run) {
            int leafOfHit = ReaderUtil.subIndex(hit.doc, leaves);
            if (leafOfHit != leafIndex) {
                leafIndex = leafOfHit;
                leaf = leaves.get(leafOfHit);
                sequential = leaf.reader() instanceof SequentialStoredFieldsLeafReader reader
                    ? reader.getSequentialStoredFieldsReader() : null;
                storedFields = sequential == null ? leaf.reader().storedFields() : null;
            }
            IdVisitor visitor = new IdVisitor();
            int doc = hit.doc - leaf.docBase;
            if (sequential != null) {
                sequential.document(doc, visitor);
            } else {
                storedFields.document(doc, visitor);
            }
            ids.put(hit.doc, visitor.id(hit.doc));
        }
        return Comparator.comparing(hit -> ids.get(hit.doc));
    }

    /** Reads a document's {@code _id} and stops. */
    private static final class IdVisitor extends StoredFieldVisitor {

        private String id;

        @Override
        public Status needsField(FieldInfo fieldInfo) {
            if (id != null) {
                return Status.STOP;
            }
            return IdFieldMapper.NAME.equals(fieldInfo.name) ? Status.YES : Status.NO;
        }

        @Override
        public void binaryField(FieldInfo fieldInfo, byte[] value) {
            id = Uid.decodeId(value, 0, value.length);
        }

        String id(int doc) {
            if (id == null) {
                throw new IllegalStateException("document " + doc + " has no stored " + IdFieldMapper.NAME);
            }
            return id;
        }
    }

    /**
     * The order of {@code field}'s comparator, the one a search sorted on the field uses: its value (or missing
     * value) of each document of {@code run}, which is in doc id order, is read once from the doc values.
     */
    private static Comparator<ScoreDoc> byField(IndexSearcher searcher, ScoreDoc[] run, SortField field)
        throws IOException {
        FieldComparator<?> comparator = field.getComparator(run.length, Pruning.NONE);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Map<Integer, Integer> slots = new HashMap<>();
        int leafIndex = -1;
        LeafFieldComparator leafComparator = null;
        for (int slot = 0; slot < run.length; slot++) {
            int doc = run[slot].doc;
            int leafOfDoc = ReaderUtil.subIndex(doc, leaves);
            if (leafOfDoc != leafIndex) {
                leafIndex = leafOfDoc;
                leafComparator = comparator.getLeafComparator(leaves.get(leafOfDoc));
            }
            leafComparator.copy(slot, doc - leaves.get(leafOfDoc).docBase);
            slots.put(doc, slot);
        }
        return (a, b) -> comparator.compare(slots.get(a.doc), slots.get(b.doc));
    }

    /** The hits that match {@code filter}, in their order. */
    private static ScoreDoc[] matching(IndexSearcher searcher, Query filter, ScoreDoc[] hits) throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        ScoreDoc[] byDoc = hits.clone();
        Arrays.sort(byDoc, Comparator.comparingInt(hit -> hit.doc));
        Set<Integer> matched = new HashSet<>();
        int leafIndex = -1;
        DocIdSetIterator iterator = null;
        for (ScoreDoc hit : byDoc) {
            int leafOfHit = ReaderUtil.subIndex(hit.doc, leaves);
            LeafReaderContext leaf = leaves.get(leafOfHit);
            if (leafOfHit != leafIndex) {
                leafIndex = leafOfHit;
                ScorerSupplier supplier = weight.scorerSupplier(leaf);
                iterator = supplier == null ? null : supplier.get(Long.MAX_VALUE).iterator();
            }
            int target = hit.doc - leaf.docBase;
            int at = iterator == null ? DocIdSetIterator.NO_MORE_DOCS
                : iterator.docID() < target ? iterator.advance(target) : iterator.docID();
            if (at == target) {
                matched.add(hit.doc);
            }
        }
        return Arrays.stream(hits).filter(hit -> matched.contains(hit.doc)).toArray(ScoreDoc[]::new);
    }
}

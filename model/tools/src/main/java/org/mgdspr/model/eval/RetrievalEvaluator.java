package org.mgdspr.model.eval;

import org.mgdspr.model.data.Catalog;
import org.mgdspr.model.data.Product;
import org.mgdspr.model.data.RelevanceLabels;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.features.KeyTermLexicon;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.fusion.RankedHits;
import org.mgdspr.model.teacher.TextTeacher;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Offline evaluation of a trained model against the whole catalog (spec §6): the item tower embeds every catalog
 * item, the user tower every test request, and {@link ExactInnerProductSearch} retrieves the exact top-K. Targets
 * are the request's clicked or bought items; "good" items and nDCG gains come from the relevance labels. The same
 * requests also go through BM25 over the same catalog and through the model with an empty user context, and every
 * system's top-K goes through the key-term filter for the Num_prank / P_f_good numbers. Given a teacher, its
 * zero-shot retrieval (query vector against title vectors) is reported too. With BM25, every fusion of the model and
 * BM25 that the plugin offers is reported ({@link ChannelFusions}), including the model's fitted one when given,
 * and so are reference rankings (the simulator's oracles) the caller passes. Given a {@link BrandBoost}, the model's
 * hits re-ordered by it are reported too.
 */
public final class RetrievalEvaluator {

    private final EvaluationOptions options;
    private final TextTeacher teacher;
    private final FusionSpec fittedFusion;
    private final BrandBoost brandBoost;

    public RetrievalEvaluator(EvaluationOptions options) {
        this(options, null, null, null);
    }

    /**
     * @param teacher      a sentence encoder to evaluate zero-shot beside the model (titles and queries alone), or null
     * @param fittedFusion the model's fitted fusion, reported as fusion {@code auto}, or null
     * @param brandBoost   the personal brand boost of the model's hits to report, or null
     */
    public RetrievalEvaluator(EvaluationOptions options, TextTeacher teacher, FusionSpec fittedFusion,
                              BrandBoost brandBoost) {
        this.options = Objects.requireNonNull(options, "options");
        this.teacher = teacher;
        this.fittedFusion = fittedFusion;
        this.brandBoost = brandBoost;
    }

    /** The evaluation without reference rankings. */
    public EvaluationReport evaluate(TwoTowerModel model, Catalog catalog, List<SearchRequest> requests,
                                     RelevanceLabels labels, KeyTermLexicon lexicon,
                                     Map<String, Segment> segments) {
        return evaluate(model, catalog, requests, labels, lexicon, segments, Map.of());
    }

    /**
     * @param requests   the test requests (a lazy list is read once)
     * @param segments   named parts of the evaluation reported separately (may be empty)
     * @param references system name to a model-free ranking reported beside the model (the simulator's oracles)
     */
    public EvaluationReport evaluate(TwoTowerModel model, Catalog catalog, List<SearchRequest> requests,
                                     RelevanceLabels labels, KeyTermLexicon lexicon,
                                     Map<String, Segment> segments, Map<String, ReferenceRanking> references) {
        return evaluate(model, new FeatureEncoder(model.config().features()), catalog, requests, labels, lexicon,
            segments, references);
    }

    /**
     * The evaluation with the model's own encoder, which a model that corrects query spelling needs (its
     * artifact's {@code encoder()}). BM25 and the lexical channel of every fusion read the query as it was typed,
     * as the plugin's lexical channel does.
     */
    public EvaluationReport evaluate(TwoTowerModel model, FeatureEncoder encoder, Catalog catalog,
                                     List<SearchRequest> requests, RelevanceLabels labels, KeyTermLexicon lexicon,
                                     Map<String, Segment> segments, Map<String, ReferenceRanking> references) {
        if (!encoder.config().equals(model.config().features())) {
            throw new IllegalArgumentException("the encoder's features differ from the model's");
        }
        if (catalog.size() == 0) {
            throw new IllegalArgumentException("the catalog is empty: there is nothing to retrieve");
        }
        List<SearchRequest> tests = new ArrayList<>(requests);
        int depth = Math.min(options.depth(), catalog.size());
        List<Product> products = catalog.products();
        List<EncodedItem> items = IntStream.range(0, products.size()).parallel()
            .mapToObj(i -> encoder.encodeItem(products.get(i).itemId(), products.get(i).title())).toList();
        ExactInnerProductSearch search = new ExactInnerProductSearch(Embeddings.items(model.itemTower(), items));

        Map<String, List<List<String>>> retrieved = new LinkedHashMap<>();
        float[][] userVectors = userVectors(model, tests, encoder, SearchRequest::context);
        List<RankedHits> modelHits = List.of(search.hits(userVectors, depth));
        retrieved.put(EvaluationReport.MODEL, idsOf(catalog, modelHits));
        if (brandBoost != null) {
            retrieved.put(EvaluationReport.BRAND_BOOST, brandBoosted(search, userVectors, tests, encoder, catalog,
                depth));
        }
        if (options.noUser()) {
            retrieved.put(EvaluationReport.NO_USER, idsOf(catalog, List.of(search.hits(
                userVectors(model, tests, encoder, request -> UserContext.EMPTY), depth))));
        }
        if (options.bm25()) {
            List<RankedHits> bm25Hits = bm25Hits(catalog, tests, depth);
            retrieved.put(EvaluationReport.BM25, idsOf(catalog, bm25Hits));
            ChannelFusions.offered(fittedFusion).forEach((name, spec) -> retrieved.put(
                EvaluationReport.FUSION_PREFIX + name,
                idsOf(catalog, ChannelFusions.fuse(spec, modelHits, bm25Hits, depth))));
        }
        if (teacher != null) {
            retrieved.put(EvaluationReport.TEACHER, teacherTopK(teacher, catalog, tests, depth));
        }
        references.forEach((system, ranking) -> retrieved.put(system,
            tests.parallelStream().map(request -> ranking.top(request, depth)).toList()));

        return score(retrieved, tests, labels, new KeyTermFilter(lexicon, catalog), segments, catalog.size());
    }

    /**
     * Scores given rankings; {@link #evaluate} calls it with the model's and the baselines' top-K.
     *
     * @param retrieved system name to one ranked id list per request, in request order
     */
    public EvaluationReport score(Map<String, List<List<String>>> retrieved, List<SearchRequest> tests,
                                  RelevanceLabels labels, KeyTermFilter filter,
                                  Map<String, Segment> segments, int catalogSize) {
        retrieved.forEach((system, rankings) -> {
            if (rankings.size() != tests.size()) {
                throw new IllegalArgumentException("system " + system + " has " + rankings.size()
                    + " rankings for " + tests.size() + " requests");
            }
        });
        Map<String, SystemScores> overall = new LinkedHashMap<>();
        Map<String, Map<String, SystemScores>> bySegment = new LinkedHashMap<>();
        segments.keySet().forEach(name -> bySegment.put(name, new LinkedHashMap<>()));
        for (int r = 0; r < tests.size(); r++) {
            SearchRequest request = tests.get(r);
            Set<String> targets = new LinkedHashSet<>(request.clicked());
            targets.addAll(request.purchased());
            Map<String, Double> judged = labels.judged(request.query());
            Set<String> good = new LinkedHashSet<>();
            Map<String, Double> gains = new HashMap<>();
            judged.forEach((itemId, grade) -> {
                if (grade >= labels.goodThreshold()) {
                    good.add(itemId);
                }
                gains.put(itemId, RelevanceLabels.gain(grade, options.gainOffset()));
            });
            Map<String, Set<String>> segmentTargets = new LinkedHashMap<>();
            segments.forEach((name, segment) -> {
                Set<String> counted = new LinkedHashSet<>(targets);
                counted.removeIf(segment.targets().negate());
                if (segment.requests().test(request) && (targets.isEmpty() || !counted.isEmpty())) {
                    segmentTargets.put(name, counted);
                }
            });
            for (Map.Entry<String, List<List<String>>> system : retrieved.entrySet()) {
                List<String> top = system.getValue().get(r);
                List<String> survivors = filter.survivors(request.query(), top);
                overall.computeIfAbsent(system.getKey(), s -> new SystemScores(options.cutoffs()))
                    .add(new QueryOutcome(top, targets, good, gains), survivors);
                segmentTargets.forEach((segment, counted) -> bySegment.get(segment)
                    .computeIfAbsent(system.getKey(), s -> new SystemScores(options.cutoffs()))
                    .add(new QueryOutcome(top, counted, good, gains), survivors));
            }
        }
        Map<String, Map<String, Double>> systems = new LinkedHashMap<>();
        for (String system : retrieved.keySet()) {
            systems.put(system, overall.getOrDefault(system, new SystemScores(options.cutoffs())).summary());
        }
        Map<String, Map<String, Map<String, Double>>> segmentSummaries = new LinkedHashMap<>();
        bySegment.forEach((segment, scores) -> {
            Map<String, Map<String, Double>> summaries = new LinkedHashMap<>();
            scores.forEach((system, score) -> summaries.put(system, score.summary()));
            segmentSummaries.put(segment, summaries);
        });
        return new EvaluationReport(systems, segmentSummaries, catalogSize, tests.size());
    }

    private static float[][] userVectors(TwoTowerModel model, List<SearchRequest> requests, FeatureEncoder encoder,
                                         Function<SearchRequest, UserContext> context) {
        List<EncodedUser> users = requests.parallelStream()
            .map(request -> encoder.encodeUser(request.query(), context.apply(request))).toList();
        return Embeddings.users(model.userTower(), users);
    }

    /** The model's own user vectors searched deeper, to the brand boost's candidates, then re-ordered by it. */
    private List<List<String>> brandBoosted(ExactInnerProductSearch search, float[][] userVectors,
                                            List<SearchRequest> tests, FeatureEncoder encoder, Catalog catalog,
                                            int depth) {
        RankedHits[] hits = search.hits(userVectors, Math.min(brandBoost.candidates(), catalog.size()));
        List<Product> products = catalog.products();
        int[][] top = IntStream.range(0, tests.size()).mapToObj(r -> brandBoost.top(hits[r],
            encoder.brandAffinity(tests.get(r).context()), position -> products.get(position).brand(), depth))
            .toArray(int[][]::new);
        return idsOf(catalog, top);
    }

    private static List<List<String>> idsOf(Catalog catalog, List<RankedHits> hits) {
        return idsOf(catalog, hits.stream().map(RankedHits::docs).toArray(int[][]::new));
    }

    private static List<List<String>> idsOf(Catalog catalog, int[][] top) {
        List<List<String>> ids = new ArrayList<>(top.length);
        for (int[] positions : top) {
            List<String> row = new ArrayList<>(positions.length);
            for (int position : positions) {
                row.add(catalog.products().get(position).itemId());
            }
            ids.add(row);
        }
        return ids;
    }

    private static List<List<String>> teacherTopK(TextTeacher teacher, Catalog catalog, List<SearchRequest> requests,
                                                  int depth) {
        List<Product> products = catalog.products();
        ExactInnerProductSearch search = new ExactInnerProductSearch(
            teacher.embed(products.stream().map(Product::title).toList()));
        int[][] top = search.topK(teacher.embed(requests.stream().map(SearchRequest::query).toList()), depth);
        return idsOf(catalog, top);
    }

    private static List<RankedHits> bm25Hits(Catalog catalog, List<SearchRequest> requests, int depth) {
        try (Bm25Index index = Bm25Index.of(catalog)) {
            return requests.parallelStream().map(request -> index.hits(request.query(), depth)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the BM25 index", e);
        }
    }
}

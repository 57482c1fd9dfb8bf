package org.mgdspr.model.train;

import ai.djl.engine.Engine;

import org.mgdspr.model.artifact.TemporaryDirectory;
import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TrainConfig;
import org.mgdspr.model.data.Catalog;
import org.mgdspr.model.data.Dataset;
import org.mgdspr.model.data.Product;
import org.mgdspr.model.data.RelevanceLabels;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.eval.Bm25Index;
import org.mgdspr.model.features.BrandAffinity;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.fusion.RankedHits;
import org.mgdspr.model.nn.Seeds;
import org.mgdspr.model.spelling.SpellingCorrector;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Trains a {@link TwoTowerModel} on the train requests of a {@link Dataset}.
 *
 * <p>One example per (request, clicked or bought item); a seeded slice of the requests is held out for validation
 * Recall@K. Each epoch visits the examples in a seeded order, in batches of {@code train.batch_size}, each batch
 * against {@code loss.random_negatives} items drawn uniformly (with replacement) from the whole catalog. The model
 * is evaluated every {@code train.eval_every_steps} steps (0: at the end of every epoch); after
 * {@code train.early_stopping_patience} evaluations without improvement training stops, and the parameters of the
 * best evaluation are returned. A batch whose gradient is not finite is skipped (the optimizer has already refused
 * it) and counted; ten such batches in a row abort the run. The same seed, data and thread count give the same model.
 */
public final class Trainer {

    /** Non-finite-gradient batches in a row after which training gives up instead of skipping. */
    static final int MAX_CONSECUTIVE_SKIPS = 10;

    private final ModelConfig config;
    private final TrainOptions options;

    public Trainer(ModelConfig config, TrainOptions options) {
        this.config = Objects.requireNonNull(config, "config");
        this.options = Objects.requireNonNull(options, "options");
    }

    public TrainingResult train(Dataset dataset) throws IOException {
        TrainConfig train = config.train();
        Catalog catalog = dataset.catalog();
        if (catalog.size() == 0) {
            throw new IllegalArgumentException("the catalog is empty: there is nothing to retrieve");
        }
        FeatureEncoder encoder = encoder(config.features(), catalog);
        List<EncodedItem> items = encodeCatalog(encoder, catalog);
        List<SearchRequest> requests = dataset.train();
        ValidationSlice slice = ValidationSlice.of(requests, catalog, options.validationFraction(),
            options.maxValidationRequests(), train.seed());
        TrainingExamples examples = TrainingExamples.of(requests, slice.trainRequests(), catalog);
        if (examples.size() == 0) {
            throw new IllegalArgumentException("the train requests have no clicked or bought item in the catalog ("
                + requests.size() + " requests, " + examples.skipped() + " positives outside the catalog)");
        }
        RecallProbe probe = probe(encoder, requests, slice.validationRequests(), dataset.labels(), catalog, items);
        TeacherPhase teacher = options.teacher() == null ? null : new TeacherPhase(options.teacher(), encoder,
            catalog.products().stream().map(Product::title).toList(), items,
            Arrays.stream(slice.trainRequests()).mapToObj(r -> requests.get(r).query()).distinct().toList(),
            config.tower().dim(), options.progressOrSink());
        // dropout inside the towers draws from PyTorch's generator; seed it so a run is reproducible
        Engine.getEngine("PyTorch").setRandomSeed((int) Seeds.mix(train.seed(), "torch"));
        Path best = Files.createTempDirectory("mgdspr-best-");
        TrainingResult result;
        try {
            result = new Run(encoder, items, requests, examples, probe, teacher, best).execute();
        } finally {
            TemporaryDirectory.deleteQuietly(best);
        }
        if (probe.size() == 0) {
            return result;
        }
        try {
            boolean boostable = brandBoostable(probe, catalog);
            // one search of the validation requests serves both fits; the boost re-orders deeper than fusion reads
            RankedHits[] hits = probe.hits(result.model(),
                boostable ? BrandBoostFitter.CANDIDATES_PER_K * probe.k() : probe.k());
            return result.withFusionFit(fitFusion(hits, probe, catalog))
                .withBrandBoostFit(boostable ? fitBrandBoost(hits, probe, catalog) : null);
        } catch (RuntimeException e) {
            result.model().close();
            throw e;
        }
    }

    /**
     * Fits {@code fusion: auto} on the validation requests, against BM25 over the same catalog.
     *
     * @param hits the model's hits of each validation request, at least {@code probe.k()} deep
     */
    private FusionFitter.Fit fitFusion(RankedHits[] hits, RecallProbe probe, Catalog catalog) {
        long start = System.nanoTime();
        RankedHits[] lexical;
        try (Bm25Index index = Bm25Index.of(catalog)) {
            lexical = probe.queries().parallelStream().map(query -> index.hits(query, probe.k()))
                .toArray(RankedHits[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the BM25 index", e);
        }
        RankedHits[] vector = Arrays.stream(hits).map(request -> request.top(probe.k())).toArray(RankedHits[]::new);
        FusionFitter.Fit fit = FusionFitter.fit(vector, lexical, probe.judgments(), probe.k());
        options.progressOrSink().printf(Locale.ROOT,
            "fusion fitted in %.1f s on %d validation requests: %s, recall@%d %.4f and nDCG@10 %.4f "
                + "(vector %.4f / %.4f, BM25 %.4f / %.4f)%n",
            (System.nanoTime() - start) / 1e9, fit.requests(), fit.spec().describe(), fit.k(), fit.fused().recall(),
            fit.fused().ndcg(), fit.vector().recall(), fit.vector().ndcg(), fit.lexical().recall(),
            fit.lexical().ndcg());
        return fit;
    }

    /**
     * Whether a brand boost could change anything: some validation request's context names a brand and some product
     * has one. Otherwise no brand boost is fitted.
     */
    private static boolean brandBoostable(RecallProbe probe, Catalog catalog) {
        return catalog.products().stream().anyMatch(product -> !product.brand().isEmpty())
            && probe.affinities().stream().anyMatch(affinity -> !affinity.shares().isEmpty());
    }

    /**
     * Fits {@code brand_boost}'s {@code "weight": "auto"} on the validation requests.
     *
     * @param hits the model's hits of each validation request, {@link BrandBoostFitter#CANDIDATES_PER_K} times
     *             {@code probe.k()} deep where the catalog allows
     */
    private BrandBoostFitter.Fit fitBrandBoost(RankedHits[] hits, RecallProbe probe, Catalog catalog) {
        List<Product> products = catalog.products();
        long start = System.nanoTime();
        BrandBoostFitter.Fit fit = BrandBoostFitter.fit(hits, probe.affinities().toArray(BrandAffinity[]::new),
            position -> products.get(position).brand(), probe.judgments(), probe.k());
        options.progressOrSink().printf(Locale.ROOT,
            "brand boost fitted in %.1f s on %d validation requests: %s, recall@%d %.4f and nDCG@10 %.4f "
                + "(no boost %.4f / %.4f)%n",
            (System.nanoTime() - start) / 1e9, fit.requests(), fit.describe(), fit.k(), fit.chosen().recall(),
            fit.chosen().ndcg(), fit.unboosted().recall(), fit.unboosted().ndcg());
        return fit;
    }

    /** The encoder training uses; with spelling correction, towards the words of the catalog's titles. */
    private static FeatureEncoder encoder(FeatureConfig features, Catalog catalog) {
        if (!features.spellingCorrection()) {
            return new FeatureEncoder(features);
        }
        return new FeatureEncoder(features, new SpellingCorrector(catalog.titleVocabulary(features.language())));
    }

    private static List<EncodedItem> encodeCatalog(FeatureEncoder encoder, Catalog catalog) {
        List<Product> products = catalog.products();
        return IntStream.range(0, products.size()).parallel()
            .mapToObj(i -> encoder.encodeItem(products.get(i).itemId(), products.get(i).title()))
            .toList();
    }

    private RecallProbe probe(FeatureEncoder encoder, List<SearchRequest> requests, int[] validation,
                              RelevanceLabels labels, Catalog catalog, List<EncodedItem> items) {
        List<EncodedUser> users = new ArrayList<>(validation.length);
        List<String> queries = new ArrayList<>(validation.length);
        List<BrandAffinity> affinities = new ArrayList<>(validation.length);
        ValidationJudgment[] judgments = new ValidationJudgment[validation.length];
        for (int v = 0; v < validation.length; v++) {
            SearchRequest request = requests.get(validation[v]);
            users.add(encoder.encodeUser(request.query(), request.context()));
            queries.add(request.query());
            affinities.add(encoder.brandAffinity(request.context()));
            int[] targets = TrainingExamples.targets(request).stream().mapToInt(catalog::indexOf)
                .filter(i -> i >= 0).toArray();
            judgments[v] = judgment(targets, labels.judged(request.query()), catalog, options.gainOffset());
        }
        return new RecallProbe(items, users, queries, affinities, judgments, options.validationK());
    }

    /**
     * A validation request's judgment: the gains of its query's grades ({@link RelevanceLabels#gain}), or its
     * targets alone when the dataset does not grade the query.
     */
    static ValidationJudgment judgment(int[] targets, Map<String, Double> grades, Catalog catalog, double gainOffset) {
        if (grades.isEmpty()) {
            return ValidationJudgment.binary(targets);
        }
        Map<Integer, Double> gains = new HashMap<>();
        grades.forEach((itemId, grade) -> {
            int position = catalog.indexOf(itemId);
            double gain = RelevanceLabels.gain(grade, gainOffset);
            if (position >= 0 && gain > 0) {
                gains.put(position, gain);
            }
        });
        return new ValidationJudgment(targets, gains);
    }

    /** The mutable state of one training run. */
    private final class Run {
        private final FeatureEncoder encoder;
        private final List<EncodedItem> items;
        private final List<SearchRequest> requests;
        private final TrainingExamples examples;
        private final RecallProbe probe;
        private final TeacherPhase teacher;
        private final Path bestDir;
        private final TrainingCurve curve = new TrainingCurve(options.validationK());
        private final TrainingProgress progress;
        private final SplittableRandom negativeRandom;
        private final SplittableRandom distillRandom;
        private TwoTowerModel model;
        private long step;
        private long consumed;
        private double trainNanos;
        private double lossSum;
        private int lossCount;
        private long bestStep = -1;
        private double bestRecall = Double.NEGATIVE_INFINITY;
        private int evaluationsWithoutImprovement;
        private long lastEvaluatedStep = -1;
        private int skippedSteps;
        private int consecutiveSkips;

        Run(FeatureEncoder encoder, List<EncodedItem> items, List<SearchRequest> requests, TrainingExamples examples,
            RecallProbe probe, TeacherPhase teacher, Path bestDir) {
            this.encoder = encoder;
            this.items = items;
            this.requests = requests;
            this.examples = examples;
            this.probe = probe;
            this.teacher = teacher;
            this.bestDir = bestDir;
            this.progress = new TrainingProgress(options.progress(),
                options.progress() == System.err && System.console() != null,
                (long) examples.size() * config.train().epochs());
            this.negativeRandom = new SplittableRandom(Seeds.mix(config.train().seed(), "negatives"));
            this.distillRandom = new SplittableRandom(Seeds.mix(config.train().seed(), "joint-distillation"));
        }

        TrainingResult execute() throws IOException {
            TrainConfig train = config.train();
            progress.message(String.format(Locale.ROOT,
                "training on %d examples (%d requests, %d validation requests, %d items), %d epochs of batch %d",
                examples.size(), requests.size() - probe.size(), probe.size(), items.size(), train.epochs(),
                train.batchSize()));
            model = TwoTowerModel.create(config);
            try {
                if (teacher != null) {
                    teacher.apply(model, train.batchSize(), train.seed(), options.threads(), options.progressOrSink());
                    evaluate(0);
                }
                boolean stopped = false;
                int epoch = 1;
                try (TwoTowerTraining training = new TwoTowerTraining(model, options.threads())) {
                    for (; epoch <= train.epochs() && !stopped; epoch++) {
                        stopped = runEpoch(training, epoch);
                    }
                }
                if (lastEvaluatedStep != step) {
                    evaluate(Math.min(epoch - 1, train.epochs()));
                }
                restoreBest();
                double seconds = trainNanos / 1e9;
                TrainingResult result = new TrainingResult(model, curve, bestStep,
                    probe.size() == 0 ? Double.NaN : bestRecall, examples.size(), probe.size(), consumed, seconds,
                    stopped, skippedSteps, null, null,
                    encoder.corrector().map(SpellingCorrector::vocabulary).orElse(null));
                progress.close();
                progress.message(String.format(Locale.ROOT, "done: %d examples in %.1f s (%.0f examples/s)%s",
                    consumed, seconds, result.examplesPerSecond(), probe.size() == 0 ? ""
                        : String.format(Locale.ROOT, ", best validation recall@%d %.4f at step %d",
                            probe.k(), bestRecall, bestStep)));
                return result;
            } catch (IOException | RuntimeException e) {
                progress.close();
                model.close();
                throw e;
            }
        }

        /** @return true when early stopping ends the run */
        private boolean runEpoch(TwoTowerTraining training, int epoch) throws IOException {
            TrainConfig train = config.train();
            int[] order = shuffled(examples.size(), Seeds.mix(train.seed(), epoch));
            for (int from = 0; from < order.length; from += train.batchSize()) {
                long start = System.nanoTime();
                int[] batch = Arrays.copyOfRange(order, from, Math.min(order.length, from + train.batchSize()));
                float loss;
                try {
                    loss = training.step(batchExamples(batch), negatives());
                } catch (ArithmeticException nonFinite) {
                    // the optimizer refused a non-finite gradient and changed nothing: drop the batch, go on
                    trainNanos += System.nanoTime() - start;
                    skippedSteps++;
                    if (++consecutiveSkips >= MAX_CONSECUTIVE_SKIPS) {
                        throw new IllegalStateException(consecutiveSkips
                            + " consecutive steps had non-finite gradients; the model diverged", nonFinite);
                    }
                    progress.message("step skipped (" + nonFinite.getMessage() + ")");
                    continue;
                }
                consecutiveSkips = 0;
                if (teacher != null && teacher.joint()) {
                    teacher.jointStep(training, distillRandom, train.batchSize());
                }
                trainNanos += System.nanoTime() - start;
                step++;
                consumed += batch.length;
                lossSum += loss;
                lossCount++;
                progress.update(epoch, consumed, lossSum / lossCount);
                if (train.evalEverySteps() > 0 && step % train.evalEverySteps() == 0 && evaluate(epoch)) {
                    return true;
                }
            }
            return train.evalEverySteps() == 0 && evaluate(epoch);
        }

        private List<TrainingExample> batchExamples(int[] batch) {
            return Arrays.stream(batch).parallel().mapToObj(e -> {
                SearchRequest request = requests.get(examples.request(e));
                return new TrainingExample(encoder.encodeUser(request.query(), request.context()),
                    items.get(examples.item(e)));
            }).toList();
        }

        private List<EncodedItem> negatives() {
            int count = config.loss().randomNegatives();
            List<EncodedItem> negatives = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                negatives.add(items.get(negativeRandom.nextInt(items.size())));
            }
            return negatives;
        }

        /** Records a curve point, tracks the best parameters; @return true when patience is exhausted. */
        private boolean evaluate(int epoch) throws IOException {
            double recall = probe.recall(model);
            double meanLoss = lossCount == 0 ? Double.NaN : lossSum / lossCount;
            curve.add(new TrainingCurve.Point(step, epoch, consumed, meanLoss, recall, trainNanos / 1e9));
            lossSum = 0;
            lossCount = 0;
            lastEvaluatedStep = step;
            if (options.checkpointDir() != null) {
                model.save(options.checkpointDir().resolve(String.format(Locale.ROOT, "step-%08d", step)));
            }
            boolean improved = probe.size() == 0 || recall > bestRecall;
            progress.message(String.format(Locale.ROOT, "step %d (epoch %d): mean loss %.4f, validation recall@%d %s%s",
                step, epoch, meanLoss, probe.k(), Double.isNaN(recall) ? "n/a" : String.format(Locale.ROOT, "%.4f", recall),
                improved ? " (best)" : ""));
            if (improved) {
                bestRecall = recall;
                bestStep = step;
                evaluationsWithoutImprovement = 0;
                if (probe.size() > 0) {
                    model.save(bestDir);
                }
                return false;
            }
            evaluationsWithoutImprovement++;
            int patience = config.train().earlyStoppingPatience();
            return patience > 0 && evaluationsWithoutImprovement >= patience;
        }

        private void restoreBest() throws IOException {
            if (bestStep == step || probe.size() == 0) {
                return;
            }
            TwoTowerModel best = TwoTowerModel.load(bestDir);
            model.close();
            model = best;
        }
    }

    /** A seeded Fisher-Yates permutation of {@code 0..n-1}. */
    static int[] shuffled(int n, long seed) {
        int[] order = IntStream.range(0, n).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}

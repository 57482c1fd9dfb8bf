package org.mgdspr.model.train;

import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.nn.Seeds;
import org.mgdspr.model.teacher.TeacherInitialization;
import org.mgdspr.model.teacher.TeacherProjection;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The teacher's part of a training run: the projection of the teacher's vectors into the
 * towers' width (principal components of every catalog title and train query), then the initialisation of the
 * text tables and the distillation epochs before the paper's loss, and the joint distillation steps during it, that
 * {@link TeacherGuidance} asks for. Texts whose units are all unknown
 * to the encoder (an empty bag) are left out of distillation: their tower output is zero whatever the weights.
 */
final class TeacherPhase {

    private final TeacherGuidance guidance;
    private final FeatureEncoder encoder;
    private final List<String> titleTexts;
    private final List<String> queryTexts;
    private final TeacherProjection projection;
    private final List<EncodedItem> titles = new ArrayList<>();
    private final List<float[]> titleTargets = new ArrayList<>();
    private final List<EncodedUser> queries = new ArrayList<>();
    private final List<float[]> queryTargets = new ArrayList<>();

    /**
     * @param items      the encoded catalog, in the order of {@code titleTexts}
     * @param queryTexts distinct train queries (never validation or test queries)
     */
    TeacherPhase(TeacherGuidance guidance, FeatureEncoder encoder, List<String> titleTexts, List<EncodedItem> items,
                 List<String> queryTexts, int dim, PrintStream progress) {
        if (titleTexts.size() != items.size()) {
            throw new IllegalArgumentException(titleTexts.size() + " titles for " + items.size() + " items");
        }
        this.guidance = guidance;
        this.encoder = encoder;
        this.titleTexts = List.copyOf(titleTexts);
        this.queryTexts = List.copyOf(queryTexts);
        progress.printf(Locale.ROOT, "teacher %s: vectors of %d titles and %d train queries%n",
            guidance.teacher().fingerprint(), titleTexts.size(), queryTexts.size());
        long start = System.nanoTime();
        float[][] titleVectors = guidance.teacher().embed(this.titleTexts);
        float[][] queryVectors = guidance.teacher().embed(this.queryTexts);
        progress.printf(Locale.ROOT, "teacher vectors ready in %.1f s%n", (System.nanoTime() - start) / 1e9);
        List<float[]> all = new ArrayList<>(List.of(titleVectors));
        all.addAll(List.of(queryVectors));
        this.projection = TeacherProjection.fit(all, dim);
        for (int i = 0; i < titleVectors.length; i++) {
            if (items.get(i).titleTokens().length > 0) {
                titles.add(items.get(i));
                titleTargets.add(projection.projectToUnit(titleVectors[i]));
            }
        }
        for (int i = 0; i < queryVectors.length; i++) {
            EncodedUser user = encoder.encodeUser(this.queryTexts.get(i), UserContext.EMPTY);
            if (user.words().length > 0) {
                queries.add(user);
                queryTargets.add(projection.projectToUnit(queryVectors[i]));
            }
        }
    }

    /** Whether {@link #jointStep} should follow every step of the paper's loss. */
    boolean joint() {
        return guidance.joint() && !titles.isEmpty();
    }

    /** One distillation step on {@code batchSize} titles and queries drawn at random; returns its loss. */
    float jointStep(TwoTowerTraining training, SplittableRandom random, int batchSize) {
        int texts = titles.size() + queries.size();
        int[] batch = new int[Math.min(batchSize, texts)];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = random.nextInt(texts);
        }
        return distill(training, batch);
    }

    /** A distillation step on the given texts: titles first, then queries, in one index space. */
    private float distill(TwoTowerTraining training, int[] texts) {
        List<EncodedItem> batchTitles = new ArrayList<>();
        List<float[]> batchTitleTargets = new ArrayList<>();
        List<EncodedUser> batchQueries = new ArrayList<>();
        List<float[]> batchQueryTargets = new ArrayList<>();
        for (int text : texts) {
            if (text < titles.size()) {
                batchTitles.add(titles.get(text));
                batchTitleTargets.add(titleTargets.get(text));
            } else {
                batchQueries.add(queries.get(text - titles.size()));
                batchQueryTargets.add(queryTargets.get(text - titles.size()));
            }
        }
        return training.distill(batchTitles, batchTitleTargets.toArray(float[][]::new), batchQueries,
            batchQueryTargets.toArray(float[][]::new));
    }

    /** The map from teacher vectors to the towers' width, fitted on this phase's titles and queries. */
    TeacherProjection projection() {
        return projection;
    }

    void apply(TwoTowerModel model, int batchSize, long seed, int threads, PrintStream progress) {
        if (guidance.initialise()) {
            int rows = new TeacherInitialization(guidance.teacher(), projection).apply(model, encoder, queryTexts,
                titleTexts);
            progress.printf(Locale.ROOT, "teacher %s: initialised %d text rows%n", guidance.teacher().fingerprint(),
                rows);
        }
        if (guidance.distillEpochs() == 0) {
            return;
        }
        int texts = titles.size() + queries.size();
        try (TwoTowerTraining training = new TwoTowerTraining(model, threads)) {
            for (int epoch = 1; epoch <= guidance.distillEpochs(); epoch++) {
                long start = System.nanoTime();
                int[] order = Trainer.shuffled(texts, Seeds.mix(seed, "distill-" + epoch));
                double lossSum = 0;
                int steps = 0;
                for (int from = 0; from < texts; from += batchSize) {
                    lossSum += distill(training, Arrays.copyOfRange(order, from, Math.min(texts, from + batchSize)));
                    steps++;
                }
                progress.printf(Locale.ROOT, "distillation epoch %d/%d: %d titles, %d queries, mean cosine distance "
                        + "%.4f, %.1f s%n", epoch, guidance.distillEpochs(), titles.size(), queries.size(),
                    lossSum / steps, (System.nanoTime() - start) / 1e9);
            }
        }
    }
}

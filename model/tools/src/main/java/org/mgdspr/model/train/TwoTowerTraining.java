package org.mgdspr.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import org.mgdspr.model.config.LossConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.loss.LossInputs;
import org.mgdspr.model.loss.NegativeSampling;
import org.mgdspr.model.loss.RetrievalLoss;
import org.mgdspr.model.nn.ItemIds;
import org.mgdspr.model.nn.ItemTowerInput;
import org.mgdspr.model.nn.PendingInputs;
import org.mgdspr.model.nn.SparseLookup;
import org.mgdspr.model.nn.UserIds;
import org.mgdspr.model.nn.UserTowerInput;
import org.mgdspr.model.optim.Optimizer;
import org.mgdspr.model.twotower.ItemTower;
import org.mgdspr.model.twotower.TwoTowerModel;
import org.mgdspr.model.twotower.UserTower;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Trains a {@link TwoTowerModel} in place: the configured loss, the row-sparse optimizer of
 * {@code train.optimizer} and the generator that draws hard-negative mixing weights and item-id dropout. The
 * optimizer state starts afresh with each instance and is freed by {@link #close()}; the model stays open and owned
 * by the caller.
 *
 * <p>Threading: the model's {@code embedUsers} and {@code embedItems} must not overlap with {@link #step}.
 * Training is single-threaded (PyTorch's DJL gradient collector is process-wide exclusive).
 */
public final class TwoTowerTraining implements AutoCloseable {

    private final ModelConfig config;
    private final UserTower user;
    private final ItemTower item;
    private final RetrievalLoss loss;
    private final NDManager optimizerManager;
    private final Optimizer optimizer;
    private final SplittableRandom random;

    /** Deterministic for {@code config.train().seed()} of the model. */
    public TwoTowerTraining(TwoTowerModel model) {
        this.config = model.config();
        this.user = model.userTower();
        this.item = model.itemTower();
        this.loss = RetrievalLoss.of(config.loss());
        this.optimizerManager = NDManager.newBaseManager("PyTorch");
        this.optimizer = Optimizer.of(config.train(), optimizerManager);
        this.random = new SplittableRandom(config.train().seed());
    }

    /**
     * One optimisation step on {@code batch} against {@code negatives}, the random negatives shared by the whole
     * batch (drawn by the caller from the item pool; {@code loss.random_negatives} of them in the paper setting).
     *
     * @return the batch's mean loss before the update
     */
    public float step(List<TrainingExample> batch, List<EncodedItem> negatives) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("training batch is empty");
        }
        if (negatives.size() < loss.hardNegatives()) {
            throw new IllegalArgumentException("need at least loss.hard_negatives (" + loss.hardNegatives()
                + ") random negatives, got " + negatives.size());
        }
        List<EncodedUser> users = new ArrayList<>(batch.size());
        List<EncodedItem> positives = new ArrayList<>(batch.size());
        for (TrainingExample example : batch) {
            users.add(example.user());
            positives.add(example.clicked());
        }
        LossConfig lossConfig = config.loss();
        try (NDManager step = optimizerManager.newSubManager(); NDScope scope = new NDScope()) {
            int[] positiveItems = itemIds(positives);
            NDArray hits = NegativeSampling.accidentalHits(step, positiveItems, itemIds(negatives),
                lossConfig.removeAccidentalHits());
            NDArray sameItem = lossConfig.inBatchNegatives()
                ? NegativeSampling.sameItem(step, positiveItems) : null;
            NDArray alpha = loss.hardNegatives() == 0 ? null : NegativeSampling.alpha(step, random, batch.size(),
                loss.hardNegatives(), lossConfig.alphaMin(), lossConfig.alphaMax());
            UserIds userIds = user.batcher().batch(step, users);
            ItemIds positiveIds = dropItemIds(step, item.batcher().batch(step, positives));
            ItemIds negativeIds = dropItemIds(step, item.batcher().batch(step, negatives));
            return optimise(step, (lookup, store) -> {
                PendingInputs<UserTowerInput> userInputs = user.embedder().request(lookup, userIds);
                PendingInputs<ItemTowerInput> positiveInputs = item.embedder().request(lookup, positiveIds);
                PendingInputs<ItemTowerInput> negativeInputs = item.embedder().request(lookup, negativeIds);
                lookup.materialize();
                NDArray u = user.forward(store, userInputs.resolve(), true);
                NDArray positive = item.forward(store, positiveInputs.resolve(), true);
                NDArray negative = item.forward(store, negativeInputs.resolve(), true);
                return loss.loss(new LossInputs(u, positive, negative, hits, alpha, sameItem));
            });
        }
    }

    /**
     * One distillation step: the title path of the item tower (item ids left out) and the query path of the user
     * tower move toward their teacher targets. The loss is the mean cosine distance {@code 1 - cos(output, target)}
     * over all given titles and queries.
     *
     * @param titleTargets one unit target per title, in the towers' width
     * @param queryTargets one unit target per query (users with the query alone), in the towers' width
     * @return the step's mean loss before the update
     */
    public float distill(List<EncodedItem> titles, float[][] titleTargets, List<EncodedUser> queries,
                         float[][] queryTargets) {
        if (titles.size() != titleTargets.length || queries.size() != queryTargets.length) {
            throw new IllegalArgumentException("need one target per text: " + titles.size() + " titles for "
                + titleTargets.length + " targets, " + queries.size() + " queries for " + queryTargets.length);
        }
        if (titles.isEmpty() && queries.isEmpty()) {
            throw new IllegalArgumentException("distillation batch is empty");
        }
        try (NDManager step = optimizerManager.newSubManager(); NDScope scope = new NDScope()) {
            ItemIds titleIds = titles.isEmpty() ? null : withoutItemIds(step, item.batcher().batch(step, titles));
            UserIds queryIds = queries.isEmpty() ? null : user.batcher().batch(step, queries);
            NDArray titleGoal = titles.isEmpty() ? null : step.create(titleTargets);
            NDArray queryGoal = queries.isEmpty() ? null : step.create(queryTargets);
            float count = titles.size() + queries.size();
            return optimise(step, (lookup, store) -> {
                PendingInputs<ItemTowerInput> titleInputs =
                    titleIds == null ? null : item.embedder().request(lookup, titleIds);
                PendingInputs<UserTowerInput> queryInputs =
                    queryIds == null ? null : user.embedder().request(lookup, queryIds);
                lookup.materialize();
                NDArray similarity = null;
                if (titleInputs != null) {
                    similarity = cosines(item.forward(store, titleInputs.resolve(), true), titleGoal).sum();
                }
                if (queryInputs != null) {
                    NDArray querySimilarity = cosines(user.forward(store, queryInputs.resolve(), true), queryGoal).sum();
                    similarity = similarity == null ? querySimilarity : similarity.add(querySimilarity);
                }
                return similarity.div(count).neg().add(1f);
            });
        }
    }

    private NDArray cosines(NDArray output, NDArray targets) {
        NDArray unit = config.tower().l2Normalize() ? output : output.normalize(2, 1, 1e-12);
        return unit.mul(targets).sum(new int[] {1});
    }

    /**
     * Records {@code graph} (lookups, forward passes, loss), back-propagates and lets the optimizer update the
     * dense parameters and the looked-up rows.
     *
     * @return the loss before the update
     */
    private float optimise(NDManager step, BiFunction<SparseLookup, ParameterStore, NDArray> graph) {
        List<Parameter> dense = new ArrayList<>(user.parameters());
        dense.addAll(item.parameters());
        ParameterStore store = new ParameterStore(step, false);
        SparseLookup lookup = new SparseLookup(step, true);
        float value;
        List<NDArray> gradients = new ArrayList<>(dense.size());
        user.setTrainable(true);
        item.setTrainable(true);
        try (GradientCollector collector = step.getEngine().newGradientCollector()) {
            NDArray lossValue = graph.apply(lookup, store);
            collector.backward(lossValue);
            value = lossValue.getFloat();
            for (Parameter parameter : dense) {
                gradients.add(parameter.getArray().getGradient());
            }
        } finally {
            user.setTrainable(false);
            item.setTrainable(false);
        }
        optimizer.step(dense, gradients, lookup.touchedRows());
        return value;
    }

    /** Every item id as padding, so only the title path contributes to the item vector. */
    private static ItemIds withoutItemIds(NDManager manager, ItemIds ids) {
        return ids.withItemIds(manager.zeros(ids.itemIds().getShape(), ids.itemIds().getDataType()));
    }

    /** Item-id dropout (training only): a dropped id becomes padding, so the item is seen through its title alone. */
    private ItemIds dropItemIds(NDManager manager, ItemIds ids) {
        double rate = config.tower().itemIdDropout();
        if (rate == 0) {
            return ids;
        }
        long[] itemIds = ids.itemIds().toLongArray();
        for (int i = 0; i < itemIds.length; i++) {
            if (random.nextDouble() < rate) {
                itemIds[i] = 0;
            }
        }
        return ids.withItemIds(manager.create(itemIds, new Shape(itemIds.length)));
    }

    private static int[] itemIds(List<EncodedItem> items) {
        int[] ids = new int[items.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = items.get(i).itemId();
        }
        return ids;
    }

    @Override
    public void close() {
        optimizerManager.close();
    }
}

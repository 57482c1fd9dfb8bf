package org.mgdspr.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
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
import org.mgdspr.model.nn.ThreadGradMode;
import org.mgdspr.model.nn.UserIds;
import org.mgdspr.model.nn.UserTowerInput;
import org.mgdspr.model.optim.Optimizer;
import org.mgdspr.model.twotower.ItemTower;
import org.mgdspr.model.twotower.TwoTowerModel;
import org.mgdspr.model.twotower.UserTower;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Trains a {@link TwoTowerModel} in place: the configured loss, the row-sparse optimizer of
 * {@code train.optimizer} and the generator that draws hard-negative mixing weights and item-id dropout. The
 * optimizer state starts afresh with each instance and is freed by {@link #close()}; the model stays open and owned
 * by the caller.
 *
 * <p>Threading: the model's {@code embedUsers} and {@code embedItems} must not overlap with {@link #step}. With
 * {@code threads} above one, a step cuts its users into that many consecutive parts and runs the user tower's
 * forward and backward pass of each part on a thread of its own (the user tower is nearly all of a step's engine
 * time; the item tower's passes stay on the calling thread). Each part reads the dense parameters through leaves of
 * its own ({@link ParameterAliases}) and draws its own dropout stream, and the parts' gradients are summed in part
 * order, so a step's result depends on the seed and the thread count, never on how the threads interleave.
 */
public final class TwoTowerTraining implements AutoCloseable {

    private final ModelConfig config;
    private final UserTower user;
    private final ItemTower item;
    private final RetrievalLoss loss;
    private final NDManager optimizerManager;
    private final Optimizer optimizer;
    private final SplittableRandom random;
    private final int threads;
    private final ExecutorService partThreads;

    /** One thread; deterministic for {@code config.train().seed()} of the model. */
    public TwoTowerTraining(TwoTowerModel model) {
        this(model, 1);
    }

    /**
     * Deterministic for {@code config.train().seed()} of the model and {@code threads}.
     *
     * @param threads how many parts of a step's users go through the user tower at once; meant to run with one
     *                PyTorch intra-op thread, so that the parts together use {@code threads} cores
     */
    public TwoTowerTraining(TwoTowerModel model, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("training threads must be >= 1, got " + threads);
        }
        this.config = model.config();
        this.user = model.userTower();
        this.item = model.itemTower();
        this.loss = RetrievalLoss.of(config.loss());
        this.optimizerManager = NDManager.newBaseManager("PyTorch");
        this.optimizer = Optimizer.of(config.train(), optimizerManager);
        this.random = new SplittableRandom(config.train().seed());
        this.threads = threads;
        this.partThreads = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, daemonThreads());
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
            List<UserIds> userIds = userParts(step, users);
            ItemIds positiveIds = dropItemIds(step, item.batcher().batch(step, positives));
            ItemIds negativeIds = dropItemIds(step, item.batcher().batch(step, negatives));
            return optimise(step, new StepGraph(userIds, List.of(positiveIds, negativeIds),
                (u, items) -> loss.loss(new LossInputs(u, items.get(0), items.get(1), hits, alpha, sameItem))));
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
            List<ItemIds> titleIds = titles.isEmpty()
                ? List.of() : List.of(withoutItemIds(step, item.batcher().batch(step, titles)));
            List<UserIds> queryIds = userParts(step, queries);
            NDArray titleGoal = titles.isEmpty() ? null : step.create(titleTargets);
            NDArray queryGoal = queries.isEmpty() ? null : step.create(queryTargets);
            float count = titles.size() + queries.size();
            return optimise(step, new StepGraph(queryIds, titleIds, (queryOutputs, titleOutputs) -> {
                NDArray similarity = null;
                if (!titleOutputs.isEmpty()) {
                    similarity = cosines(titleOutputs.get(0), titleGoal).sum();
                }
                if (queryOutputs != null) {
                    NDArray querySimilarity = cosines(queryOutputs, queryGoal).sum();
                    similarity = similarity == null ? querySimilarity : similarity.add(querySimilarity);
                }
                return similarity.div(count).neg().add(1f);
            }));
        }
    }

    private NDArray cosines(NDArray output, NDArray targets) {
        NDArray unit = config.tower().l2Normalize() ? output : output.normalize(2, 1, 1e-12);
        return unit.mul(targets).sum(new int[] {1});
    }

    /**
     * What one step computes: the user tower over each part of the users (no part when the step has no users), the
     * item tower over each item batch, and the loss of their outputs.
     *
     * @param loss the scalar loss of the users' vectors in batch order (null without users) and the item batches'
     *             vectors
     */
    private record StepGraph(List<UserIds> userParts, List<ItemIds> itemBatches,
                             BiFunction<NDArray, List<NDArray>, NDArray> loss) {}

    /**
     * Records {@code graph} (lookups, forward passes, loss), back-propagates and lets the optimizer update the
     * dense parameters and the looked-up rows.
     *
     * @return the loss before the update
     */
    private float optimise(NDManager step, StepGraph graph) {
        SparseLookup lookup = new SparseLookup(step, true);
        List<PendingInputs<UserTowerInput>> pendingUsers = new ArrayList<>();
        for (UserIds part : graph.userParts()) {
            pendingUsers.add(user.embedder().request(lookup, part));
        }
        List<PendingInputs<ItemTowerInput>> pendingItems = new ArrayList<>();
        for (ItemIds batch : graph.itemBatches()) {
            pendingItems.add(item.embedder().request(lookup, batch));
        }
        List<Parameter> dense = new ArrayList<>(user.parameters());
        dense.addAll(item.parameters());
        List<NDArray> gradients = new ArrayList<>(dense.size());
        float value;
        user.setTrainable(true);
        item.setTrainable(true);
        try (GradientCollector collector = step.getEngine().newGradientCollector()) {
            lookup.materialize();
            ParameterStore store = new ParameterStore(step, false);
            List<ThreadedUserPart> otherParts = new ArrayList<>();
            try {
                for (int part = 1; part < pendingUsers.size(); part++) {
                    otherParts.add(new ThreadedUserPart(partThreads, user, part, pendingUsers.get(part).resolve(),
                        new ParameterAliases(step, user.parameters())));
                }
                NDArray firstUsers = pendingUsers.isEmpty()
                    ? null : user.forward(store, pendingUsers.get(0).resolve(), true);
                List<NDArray> itemOutputs = new ArrayList<>();
                for (PendingInputs<ItemTowerInput> pending : pendingItems) {
                    itemOutputs.add(item.forward(store, pending.resolve(), true));
                }
                value = otherParts.isEmpty()
                    ? backward(collector, graph.loss().apply(firstUsers, itemOutputs))
                    : backwardByPart(graph, collector, firstUsers, otherParts, itemOutputs);
            } catch (RuntimeException | Error e) {
                ThreadedUserPart.awaitAll(otherParts, e);
                Optimizer.clearGradients(dense);
                throw e;
            }
            try {
                ThreadedUserPart.awaitAll(otherParts, null);
            } catch (RuntimeException | Error e) {
                Optimizer.clearGradients(dense);
                throw e;
            }
            for (Parameter parameter : dense) {
                NDArray gradient = parameter.getArray().getGradient();
                for (ThreadedUserPart part : otherParts) {
                    part.parameters().addGradientTo(parameter, gradient);
                }
                gradients.add(gradient);
            }
        } finally {
            user.setTrainable(false);
            item.setTrainable(false);
        }
        optimizer.step(dense, gradients, lookup.touchedRows());
        return value;
    }

    private static float backward(GradientCollector collector, NDArray lossValue) {
        collector.backward(lossValue);
        return lossValue.getFloat();
    }

    /**
     * The loss over leaves that stand in for the user parts' vectors, back-propagated to those leaves, then from each
     * part's vectors through its own pass of the user tower, each on the thread that ran the part's forward pass.
     */
    private float backwardByPart(StepGraph graph, GradientCollector collector, NDArray firstUsers,
                                 List<ThreadedUserPart> otherParts, List<NDArray> itemOutputs) {
        List<NDArray> leaves = new ArrayList<>(otherParts.size() + 1);
        leaves.add(leaf(firstUsers));
        for (ThreadedUserPart part : otherParts) {
            leaves.add(leaf(part.vectors()));
        }
        NDArray lossValue = graph.loss().apply(NDArrays.concat(new NDList(leaves)), itemOutputs);
        float value = backward(collector, lossValue);
        for (int part = 1; part < leaves.size(); part++) {
            otherParts.get(part - 1).backward(leaves.get(part).getGradient());
        }
        ThreadGradMode.backward(firstUsers, leaves.get(0).getGradient());
        return value;
    }

    private static NDArray leaf(NDArray output) {
        NDArray leaf = output.stopGradient();
        leaf.setRequiresGradient(true);
        return leaf;
    }

    /** {@code users} cut into at most {@code threads} consecutive parts of nearly equal size, each batched. */
    private List<UserIds> userParts(NDManager manager, List<EncodedUser> users) {
        int parts = Math.min(threads, users.size());
        List<UserIds> batches = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            List<EncodedUser> slice = users.subList(users.size() * part / parts, users.size() * (part + 1) / parts);
            batches.add(user.batcher().batch(manager, slice));
        }
        return batches;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "mgdspr-train-part-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
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
        if (partThreads != null) {
            partThreads.shutdownNow();
        }
        optimizerManager.close();
    }
}

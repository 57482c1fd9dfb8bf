package org.mgdspr.model.twotower;

import ai.djl.ndarray.NDArray;
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
import org.mgdspr.model.nn.ItemBatcher;
import org.mgdspr.model.nn.PendingInputs;
import org.mgdspr.model.nn.SparseLookup;
import org.mgdspr.model.optim.Optimizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The MGDSPR two-tower model: a {@link UserTower}, an {@link ItemTower}, the configured loss and a row-sparse
 * optimizer. Built from a {@link ModelConfig}; saved as two tower directories ({@code user/}, {@code item/}) that can
 * also be loaded separately.
 *
 * <p>Threading: {@link #embedUsers} and {@link #embedItems} may run concurrently with each other, never with
 * {@link #trainStep}. Training is single-threaded (PyTorch's DJL gradient collector is process-wide exclusive).
 */
public final class TwoTowerModel implements AutoCloseable {

    static final String USER_DIR = "user";
    static final String ITEM_DIR = "item";

    private final ModelConfig config;
    private final UserTower user;
    private final ItemTower item;
    private final RetrievalLoss loss;
    private final NDManager optimizerManager;
    private final Optimizer optimizer;
    private final SplittableRandom random;

    private TwoTowerModel(ModelConfig config, UserTower user, ItemTower item) {
        this.config = config;
        this.user = user;
        this.item = item;
        this.loss = RetrievalLoss.of(config.loss());
        this.optimizerManager = NDManager.newBaseManager("PyTorch");
        this.optimizer = Optimizer.of(config.train(), optimizerManager);
        this.random = new SplittableRandom(config.train().seed());
    }

    /** A freshly initialised model, deterministic for {@code config.train().seed()}. */
    public static TwoTowerModel create(ModelConfig config) {
        Objects.requireNonNull(config, "config");
        UserTower user = UserTower.create(config);
        try {
            return assemble(config, user,
                ItemTower.create(config, config.features().shareWordVocabulary() ? user.wordTable() : null));
        } catch (RuntimeException e) {
            user.close();
            throw e;
        }
    }

    /**
     * Loads a model saved by {@link #save(Path)}. Optimizer accumulators and the sampling generator start afresh,
     * so training resumes with a new AdaGrad state.
     */
    public static TwoTowerModel load(Path dir) throws IOException {
        UserTower user = UserTower.load(dir.resolve(USER_DIR));
        try {
            ModelConfig config = user.config();
            return assemble(config, user, ItemTower.load(dir.resolve(ITEM_DIR),
                config.features().shareWordVocabulary() ? user.wordTable() : null));
        } catch (IOException | RuntimeException e) {
            user.close();
            throw e;
        }
    }

    /** Closes the item tower if the model cannot be built around it; the caller closes the user tower. */
    private static TwoTowerModel assemble(ModelConfig config, UserTower user, ItemTower item) {
        try {
            return new TwoTowerModel(config, user, item);
        } catch (RuntimeException e) {
            item.close();
            throw e;
        }
    }

    /**
     * Writes {@code dir/user} and {@code dir/item}; each loads alone with {@link UserTower#load} or
     * {@link ItemTower#load}.
     */
    public void save(Path dir) throws IOException {
        user.save(dir.resolve(USER_DIR));
        item.save(dir.resolve(ITEM_DIR));
    }

    public ModelConfig config() {
        return config;
    }

    public UserTower userTower() {
        return user;
    }

    public ItemTower itemTower() {
        return item;
    }

    public float[][] embedUsers(List<EncodedUser> users) {
        return user.embed(users);
    }

    public float[][] embedItems(List<EncodedItem> items) {
        return item.embed(items);
    }

    /**
     * One optimisation step on {@code batch} against {@code negatives}, the random negatives shared by the whole
     * batch (drawn by the caller from the item pool; {@code loss.random_negatives} of them in the paper setting).
     *
     * @return the batch's mean loss before the update
     */
    public float trainStep(List<TrainingExample> batch, List<EncodedItem> negatives) {
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
        List<Parameter> dense = new ArrayList<>(user.parameters());
        dense.addAll(item.parameters());
        try (NDManager step = optimizerManager.newSubManager(); NDScope scope = new NDScope()) {
            int[] positiveItems = itemIds(positives);
            NDArray hits = NegativeSampling.accidentalHits(step, positiveItems, itemIds(negatives),
                lossConfig.removeAccidentalHits());
            NDArray sameItem = lossConfig.inBatchNegatives()
                ? NegativeSampling.accidentalHits(step, positiveItems, positiveItems, true) : null;
            NDArray alpha = loss.hardNegatives() == 0 ? null : NegativeSampling.alpha(step, random, batch.size(),
                loss.hardNegatives(), lossConfig.alphaMin(), lossConfig.alphaMax());
            NDList userIds = user.batcher().batch(step, users);
            NDList positiveIds = dropItemIds(step, item.batcher().batch(step, positives));
            NDList negativeIds = dropItemIds(step, item.batcher().batch(step, negatives));
            ParameterStore store = new ParameterStore(step, false);
            SparseLookup lookup = new SparseLookup(step, true);
            float value;
            List<NDArray> gradients = new ArrayList<>(dense.size());
            user.setTrainable(true);
            item.setTrainable(true);
            try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                PendingInputs userInputs = user.embedder().request(lookup, userIds);
                PendingInputs positiveInputs = item.embedder().request(lookup, positiveIds);
                PendingInputs negativeInputs = item.embedder().request(lookup, negativeIds);
                lookup.materialize();
                NDArray u = user.forward(store, userInputs.resolve(), true);
                NDArray positive = item.forward(store, positiveInputs.resolve(), true);
                NDArray negative = item.forward(store, negativeInputs.resolve(), true);
                NDArray batchLoss = loss.loss(new LossInputs(u, positive, negative, hits, alpha, sameItem));
                collector.backward(batchLoss);
                value = batchLoss.getFloat();
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
    }

    /** Item-id dropout (training only): a dropped id becomes padding, so the item is seen through its title alone. */
    private NDList dropItemIds(NDManager manager, NDList ids) {
        double rate = config.tower().itemIdDropout();
        if (rate == 0) {
            return ids;
        }
        long[] itemIds = ids.get(ItemBatcher.ITEM_IDS).toLongArray();
        for (int i = 0; i < itemIds.length; i++) {
            if (random.nextDouble() < rate) {
                itemIds[i] = 0;
            }
        }
        return new NDList(manager.create(itemIds, new Shape(itemIds.length)), ids.get(ItemBatcher.TITLES));
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
        item.close();
        user.close();
    }
}

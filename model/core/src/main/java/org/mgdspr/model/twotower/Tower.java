package org.mgdspr.model.twotower;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.nn.EmbeddingTable;
import org.mgdspr.model.nn.ParameterInit;
import org.mgdspr.model.nn.PendingInputs;
import org.mgdspr.model.nn.SparseLookup;
import org.mgdspr.model.nn.ThreadGradMode;
import org.mgdspr.model.nn.TowerInput;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * What the user and the item tower share: the dense block with its own engine memory, its embedding tables, and
 * the inference, persistence and trainability around them. Each tower adds its batching and embedding lookups.
 *
 * <p>The public training hooks ({@link #forward}, {@link #parameters}, {@link #setTrainable}, and each tower's
 * batcher and embedder) let a trainer in another module drive the towers; serving needs none of them.
 */
abstract sealed class Tower<I extends TowerInput> implements AutoCloseable permits ItemTower, UserTower {

    /** Keeps an all-zero output (possible for a cold item without title tokens) at zero instead of NaN. */
    private static final float MIN_NORM = 1e-12f;

    private final ModelConfig config;
    private final NDManager manager;
    private final AbstractBlock block;
    private final List<EmbeddingTable> tables;

    /** Initialises the block deterministically for {@code config.train().seed()}, untrainable. */
    Tower(ModelConfig config, AbstractBlock block, List<EmbeddingTable> tables) {
        this.config = config;
        this.manager = NDManager.newBaseManager("PyTorch");
        this.block = block;
        this.tables = List.copyOf(tables);
        ParameterInit.initialize(block, manager, config.train().seed(), new Shape(1, config.tower().dim()));
        setTrainable(false);
    }

    public ModelConfig config() {
        return config;
    }

    /** Replaces the parameters with those saved in {@code dir}; frees the tower's memory when that fails. */
    final void loadParameters(Path dir) throws IOException {
        try {
            TowerFiles.load(dir, manager, block, tables);
            setTrainable(false);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Writes config, dense parameters and tables (shared tables included). */
    public void save(Path dir) throws IOException {
        TowerFiles.save(dir, config, block, tables);
    }

    /**
     * One inference pass: {@code request} batches the inputs and asks for their embedding rows, which are looked
     * up together before the block runs. No dropout, no gradient. Grad mode is switched off for the pass whatever
     * the calling thread had, so the vectors are the same on every thread, and the thread's mode is restored after.
     */
    final float[][] infer(BiFunction<NDManager, SparseLookup, PendingInputs<I>> request) {
        return ThreadGradMode.with(false, () -> {
            try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
                SparseLookup lookup = new SparseLookup(step, false);
                PendingInputs<I> pending = request.apply(step, lookup);
                lookup.materialize();
                return Rows.of(forward(new ParameterStore(step, false), pending.resolve(), false));
            }
        });
    }

    /**
     * Training hook: the dense block on inputs already embedded by the tower's embedder, with dropout when
     * {@code training}, scaled to unit rows when {@code tower.l2_normalize} is on. Inference goes through
     * {@code embed}.
     */
    public final NDArray forward(ParameterStore store, I embedded, boolean training) {
        NDArray out = block.forward(store, embedded.toNDList(), training).singletonOrThrow();
        return config.tower().l2Normalize() ? out.normalize(2, 1, MIN_NORM) : out;
    }

    /** Training hook: the dense parameters, which the optimizer updates (embedding tables are updated by row). */
    public final List<Parameter> parameters() {
        return block.getParameters().values();
    }

    /**
     * Training hook: engine-side gradients only while training, so inference on any thread never records a graph.
     * A training step turns them on around its forward and backward pass and off again before the update.
     */
    public final void setTrainable(boolean trainable) {
        parameters().forEach(p -> p.getArray().setRequiresGradient(trainable));
    }

    @Override
    public final void close() {
        manager.close();
    }
}

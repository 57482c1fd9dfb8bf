package org.mgdspr.model.twotower;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The MGDSPR two-tower model: a {@link UserTower} and an {@link ItemTower} built from one {@link ModelConfig}; saved
 * as two tower directories ({@link #USER_DIR}, {@link #ITEM_DIR}) that can also be loaded separately. Training
 * ({@code org.mgdspr.model.train.TwoTowerTraining} in the tools) owns the loss and the optimizer and reaches the towers
 * through their training hooks, so the runtime core carries neither.
 *
 * <p>Threading: {@link #embedUsers} and {@link #embedItems} may run concurrently with each other, never with a
 * training step.
 */
public final class TwoTowerModel implements AutoCloseable {

    /** Where {@link #save} puts the user tower, relative to the model directory. */
    public static final String USER_DIR = "user";
    /** Where {@link #save} puts the item tower, relative to the model directory. */
    public static final String ITEM_DIR = "item";

    private final ModelConfig config;
    private final UserTower user;
    private final ItemTower item;

    private TwoTowerModel(ModelConfig config, UserTower user, ItemTower item) {
        this.config = config;
        this.user = user;
        this.item = item;
    }

    /** A freshly initialised model, deterministic for {@code config.train().seed()}. */
    public static TwoTowerModel create(ModelConfig config) {
        Objects.requireNonNull(config, "config");
        UserTower user = UserTower.create(config);
        try {
            return new TwoTowerModel(config, user,
                ItemTower.create(config, config.features().shareWordVocabulary() ? user.wordTable() : null));
        } catch (RuntimeException e) {
            user.close();
            throw e;
        }
    }

    /** Loads a model saved by {@link #save(Path)}. */
    public static TwoTowerModel load(Path dir) throws IOException {
        UserTower user = UserTower.load(dir.resolve(USER_DIR));
        try {
            ModelConfig config = user.config();
            return new TwoTowerModel(config, user, ItemTower.load(dir.resolve(ITEM_DIR),
                config.features().shareWordVocabulary() ? user.wordTable() : null));
        } catch (IOException | RuntimeException e) {
            user.close();
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

    @Override
    public void close() {
        item.close();
        user.close();
    }
}

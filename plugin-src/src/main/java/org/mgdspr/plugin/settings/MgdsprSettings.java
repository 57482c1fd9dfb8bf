package org.mgdspr.plugin.settings;

import org.mgdspr.model.artifact.RegistryApi;
import org.mgdspr.model.artifact.RegistryRules;
import org.opensearch.common.settings.Setting;
import org.opensearch.common.settings.Setting.Property;
import org.opensearch.common.settings.Settings;
import org.opensearch.core.common.unit.ByteSizeUnit;
import org.opensearch.core.common.unit.ByteSizeValue;
import org.opensearch.env.Environment;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Node settings of the plugin, all under {@code plugins.mgdspr.}. */
public final class MgdsprSettings {

    /**
     * Where the bundled PyTorch native library is unpacked (about 450 MB, once). It must lie inside one of the
     * node's data paths, the only places the node's security policy lets a plugin write; a relative value is
     * resolved against the first data path. Empty means {@code <first path.data>/mgdspr/native}, which survives
     * restarts, unlike the per-start tmp dir.
     */
    public static final Setting<String> NATIVE_CACHE_DIR =
        Setting.simpleString("plugins.mgdspr.native_cache_dir", Property.NodeScope);

    /**
     * PyTorch intra-op threads per inference call. Parallelism comes from the plugin's own thread pool, so one
     * thread per call keeps concurrent searches from oversubscribing the cores.
     */
    public static final Setting<Integer> INTRA_OP_THREADS =
        Setting.intSetting("plugins.mgdspr.inference.intra_op_threads", 1, 1, 64, Property.NodeScope);

    /**
     * Largest model artifact the registry accepts. A commit reassembles and verifies the artifact in the heap of
     * the coordinating node, so this bound keeps an oversized upload from exhausting it.
     */
    public static final Setting<ByteSizeValue> MAX_MODEL_SIZE = Setting.byteSizeSetting(
        RegistryApi.MAX_MODEL_SIZE_SETTING, new ByteSizeValue(256, ByteSizeUnit.MB), Property.NodeScope);

    /**
     * Largest chunk one upload request may carry (and largest one-request artifact). A chunk passes through the
     * heap of the node that receives it and of every node holding a registry copy, so this bounds each request's
     * share of a small heap; a larger request is refused with a 400 before its body is decoded.
     */
    public static final Setting<ByteSizeValue> MAX_CHUNK_SIZE = Setting.byteSizeSetting(
        RegistryApi.MAX_CHUNK_SIZE_SETTING, new ByteSizeValue(RegistryRules.DEFAULT_MAX_CHUNK_SIZE_BYTES),
        new ByteSizeValue(1, ByteSizeUnit.KB), new ByteSizeValue(64, ByteSizeUnit.MB), Property.NodeScope);

    /** Memory the node may spend on loaded models; beyond it the least recently used models are unloaded. */
    public static final Setting<ByteSizeValue> MODEL_CACHE_SIZE = Setting.byteSizeSetting(
        "plugins.mgdspr.model_cache.max_size", new ByteSizeValue(512, ByteSizeUnit.MB), Property.NodeScope);

    private MgdsprSettings() {}

    public static List<Setting<?>> all() {
        return List.of(NATIVE_CACHE_DIR, INTRA_OP_THREADS, MAX_MODEL_SIZE, MAX_CHUNK_SIZE, MODEL_CACHE_SIZE);
    }

    /**
     * @throws IllegalArgumentException naming the setting when the configured directory is outside the data paths
     */
    public static Path nativeCacheDir(Settings settings, Environment environment) {
        Path firstDataPath = environment.dataFiles()[0].toAbsolutePath().normalize();
        String configured = NATIVE_CACHE_DIR.get(settings);
        if (configured.isEmpty()) {
            return firstDataPath.resolve("mgdspr").resolve("native");
        }
        Path resolved = firstDataPath.resolve(configured).toAbsolutePath().normalize();
        for (Path dataPath : environment.dataFiles()) {
            if (resolved.startsWith(dataPath.toAbsolutePath().normalize())) {
                return resolved;
            }
        }
        throw new IllegalArgumentException("[" + NATIVE_CACHE_DIR.getKey() + "] must be inside one of the node's data "
            + "paths " + Arrays.toString(environment.dataFiles()) + " but resolves to [" + resolved + "]");
    }
}

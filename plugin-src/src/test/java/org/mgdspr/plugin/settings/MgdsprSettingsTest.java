package org.mgdspr.plugin.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MgdsprSettingsTest {

    @TempDir
    Path home;

    @Test
    void defaultCacheDirIsUnderTheFirstDataPath() {
        Environment environment = environment(Settings.EMPTY);
        Path expected = environment.dataFiles()[0].toAbsolutePath().normalize().resolve("mgdspr").resolve("native");
        assertEquals(expected, MgdsprSettings.nativeCacheDir(Settings.EMPTY, environment));
    }

    @Test
    void relativeCacheDirResolvesAgainstTheDataPath() {
        Settings settings = Settings.builder().put("plugins.mgdspr.native_cache_dir", "torch").build();
        Environment environment = environment(settings);
        assertEquals(environment.dataFiles()[0].toAbsolutePath().normalize().resolve("torch"),
            MgdsprSettings.nativeCacheDir(settings, environment));
    }

    @Test
    void cacheDirOutsideTheDataPathsIsRejectedNamingTheSetting() {
        Settings settings = Settings.builder().put("plugins.mgdspr.native_cache_dir", "/opt/elsewhere").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MgdsprSettings.nativeCacheDir(settings, environment(settings)));
        assertTrue(e.getMessage().contains("plugins.mgdspr.native_cache_dir"), e.getMessage());
        Settings escaping = Settings.builder().put("plugins.mgdspr.native_cache_dir", "../../outside").build();
        assertThrows(IllegalArgumentException.class, () -> MgdsprSettings.nativeCacheDir(escaping, environment(escaping)));
    }

    @Test
    void intraOpThreadsAreBounded() {
        assertEquals(1, MgdsprSettings.INTRA_OP_THREADS.get(Settings.EMPTY));
        Settings zero = Settings.builder().put("plugins.mgdspr.inference.intra_op_threads", 0).build();
        assertThrows(IllegalArgumentException.class, () -> MgdsprSettings.INTRA_OP_THREADS.get(zero));
    }

    private Environment environment(Settings settings) {
        return new Environment(Settings.builder().put(settings).put("path.home", home.toString()).build(), null);
    }
}

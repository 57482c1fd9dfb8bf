package org.mgdspr.plugin.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Versions fixed at build time (plugin, DJL, bundled PyTorch), read from a resource the build filters, so the
 * node can report them before any native code is loaded.
 */
public record PluginVersions(String plugin, String djl, String bundledPytorch) {

    private static final String RESOURCE = "/org/mgdspr/plugin/versions.properties";

    public static PluginVersions fromBuild() {
        Properties properties = new Properties();
        try (InputStream in = PluginVersions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the plugin jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PluginVersions(
            required(properties, "plugin.version"), required(properties, "djl.version"),
            required(properties, "pytorch.version"));
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isEmpty() || value.startsWith("${")) {
            throw new IllegalStateException(RESOURCE + " has no build value for " + key);
        }
        return value;
    }
}

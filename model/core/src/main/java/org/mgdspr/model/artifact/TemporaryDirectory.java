package org.mgdspr.model.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch directories for unpacking and saving towers, which DJL reads and writes as files. */
public final class TemporaryDirectory {

    private TemporaryDirectory() {}

    /**
     * Best effort: it runs in {@code finally} blocks, where throwing would lose loaded towers or hide the real
     * failure, and a leftover directory under the temporary directory is harmless.
     */
    public static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // see the method comment
        }
    }
}

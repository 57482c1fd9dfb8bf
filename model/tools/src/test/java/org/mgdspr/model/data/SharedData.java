package org.mgdspr.model.data;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Locates {@code shared/data} through the {@code mgdspr.shared.dir} property set by surefire. */
final class SharedData {

    private SharedData() {}

    /** The file under {@code shared/data}; skips the calling test when it is absent. */
    static Path require(String relative) {
        String shared = System.getProperty("mgdspr.shared.dir");
        assumeTrue(shared != null, "mgdspr.shared.dir is not set");
        Path file = Path.of(shared, "data").resolve(relative);
        assumeTrue(Files.isRegularFile(file), file + " is absent");
        return file;
    }
}

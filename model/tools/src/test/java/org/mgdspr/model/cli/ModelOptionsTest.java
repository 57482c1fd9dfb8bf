package org.mgdspr.model.cli;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.config.ModelConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ModelOptionsTest {

    /** The results page reproduces the Home Depot rows with this file; it must stay the built-in default. */
    @Test
    void homeDepotDefaultIsTheDocumentedConfig() throws IOException {
        String documented = Files.readString(Path.of("..", "..", "results", "model", "recipe", "dim-256-spelling.json"));
        assertEquals(ModelConfig.fromJson(documented).toJson(),
            ModelConfig.fromJson(ModelOptions.HOMEDEPOT_DEFAULT).toJson());
    }
}

package org.mgdspr.model.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks of option values that picocli's types cannot express. Each failure is a {@link ParameterException}, which
 * the tool prints with the command's name and exits with code 2.
 */
final class Usage {

    private Usage() {}

    static ParameterException error(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    static <T> T required(CommandSpec spec, String option, T value) {
        if (value == null) {
            throw error(spec, "option " + option + " is required");
        }
        return value;
    }

    static int atLeast(CommandSpec spec, String option, int value, int min) {
        if (value < min) {
            throw error(spec, "option " + option + " must be >= " + min + " but was " + value);
        }
        return value;
    }

    /** {@code value}, or {@code absent} when the option was not given. */
    static String choice(CommandSpec spec, String option, String value, String absent, List<String> allowed) {
        String chosen = value == null ? absent : value;
        if (chosen == null) {
            throw error(spec, "option " + option + " is required, one of " + allowed);
        }
        if (!allowed.contains(chosen)) {
            throw error(spec, "option " + option + " must be one of " + allowed + " but was [" + chosen + "]");
        }
        return chosen;
    }

    /** A path that must name an existing regular file. */
    static Path existingFile(CommandSpec spec, String option, Path path) {
        required(spec, option, path);
        if (!Files.isRegularFile(path)) {
            throw error(spec, "option " + option + ": no such file " + path);
        }
        return path;
    }
}

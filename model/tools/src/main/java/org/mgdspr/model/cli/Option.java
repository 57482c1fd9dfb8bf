package org.mgdspr.model.cli;

import java.util.Objects;

/**
 * One {@code --name} option of a command.
 *
 * @param name        without the leading dashes
 * @param valueName   placeholder shown in the usage, or null for a flag without a value
 * @param description one line of help, including the default
 */
public record Option(String name, String valueName, String description) {

    public Option {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("option name must be lowercase words joined by '-' but was " + name);
        }
        Objects.requireNonNull(description, "description of --" + name);
    }

    public static Option value(String name, String valueName, String description) {
        return new Option(name, valueName, description);
    }

    public static Option flag(String name, String description) {
        return new Option(name, null, description);
    }

    public boolean takesValue() {
        return valueName != null;
    }
}

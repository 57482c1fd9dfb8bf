package org.mgdspr.model.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed {@code --name value} and {@code --flag} arguments of one command, checked against the command's
 * options: an unknown option, a missing value, a repeated option or a stray positional argument is a
 * {@link UsageException}. Typed getters turn malformed values into usage errors naming the option.
 */
public final class Arguments {

    private final Map<String, String> values;
    private final Set<String> flags;

    private Arguments(Map<String, String> values, Set<String> flags) {
        this.values = values;
        this.flags = flags;
    }

    public static Arguments parse(List<String> args, List<Option> options) {
        Map<String, Option> byName = new HashMap<>();
        options.forEach(option -> byName.put(option.name(), option));
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument [" + arg + "]; options start with --");
            }
            String name = arg.substring(2);
            String inlineValue = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                inlineValue = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            Option option = byName.get(name);
            if (option == null) {
                throw new UsageException("unknown option --" + name);
            }
            if (values.containsKey(name) || flags.contains(name)) {
                throw new UsageException("option --" + name + " is given twice");
            }
            if (!option.takesValue()) {
                if (inlineValue != null) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                flags.add(name);
            } else if (inlineValue != null) {
                values.put(name, inlineValue);
            } else {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException("option --" + name + " needs a value <" + option.valueName() + ">");
                }
                values.put(name, args.get(++i));
            }
        }
        return new Arguments(values, flags);
    }

    public boolean has(String name) {
        return values.containsKey(name) || flags.contains(name);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("option --" + name + " is required");
        }
        return value;
    }

    public int integer(String name, int defaultValue, int min) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min) {
                throw new UsageException("option --" + name + " must be >= " + min + " but was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs an integer but got [" + value + "]");
        }
    }

    public long longValue(String name, long defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs an integer but got [" + value + "]");
        }
    }

    public double number(String name, double defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " needs a number but got [" + value + "]");
        }
    }

    /** One of the allowed values (the default when absent). */
    public String choice(String name, String defaultValue, List<String> allowed) {
        String value = values.getOrDefault(name, defaultValue);
        if (value == null) {
            throw new UsageException("option --" + name + " is required, one of " + allowed);
        }
        if (!allowed.contains(value)) {
            throw new UsageException("option --" + name + " must be one of " + allowed + " but was [" + value + "]");
        }
        return value;
    }

    /** A path that must name an existing regular file. */
    public Path existingFile(String name) {
        Path path = Path.of(required(name));
        if (!Files.isRegularFile(path)) {
            throw new UsageException("option --" + name + ": no such file " + path);
        }
        return path;
    }

    public Path path(String name) {
        return Path.of(required(name));
    }
}

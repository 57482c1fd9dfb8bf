package org.mgdspr.model.cli;

import org.mgdspr.model.artifact.InvalidArtifactException;
import org.mgdspr.model.data.DataFileException;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code mgdspr} command-line tool: {@code simulate}, {@code train}, {@code eval}, {@code embed} and
 * {@code deploy}. Exit codes: 0 success, 1 failure while running (unreadable data, corrupt artifact, a cluster
 * that refused), 2 bad arguments.
 */
public final class Mgdspr {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private static final List<Command> COMMANDS = List.of(new SimulateCommand(), new TrainCommand(),
        new EvalCommand(), new EmbedCommand(), new DeployCommand());

    private Mgdspr() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the tool without exiting the JVM; @return the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            usage(err);
            return USAGE;
        }
        if (isHelp(args[0]) || args[0].equals("help")) {
            usage(out);
            return OK;
        }
        Command command = COMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
        if (command == null) {
            err.println("mgdspr: unknown command [" + args[0] + "]");
            usage(err);
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.stream().anyMatch(Mgdspr::isHelp)) {
            commandUsage(command, out);
            return OK;
        }
        try {
            return command.run(Arguments.parse(rest, command.options()), out, err);
        } catch (UsageException e) {
            err.println("mgdspr " + command.name() + ": " + e.getMessage());
            err.println("run 'mgdspr " + command.name() + " --help' for the options");
            return USAGE;
        } catch (InvalidArtifactException e) {
            err.println("mgdspr " + command.name() + ": invalid model artifact: " + e.getMessage());
            return FAILURE;
        } catch (DataFileException e) {
            err.println("mgdspr " + command.name() + ": bad data file: " + e.getMessage());
            return FAILURE;
        } catch (DeployException e) {
            err.println("mgdspr " + command.name() + ": " + e.getMessage());
            return FAILURE;
        } catch (Exception e) {
            err.println("mgdspr " + command.name() + ": failed: " + e);
            e.printStackTrace(err);
            return FAILURE;
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    private static void usage(PrintStream stream) {
        stream.println("usage: mgdspr <command> [options]   (mgdspr <command> --help for its options)");
        stream.println();
        for (Command command : COMMANDS) {
            stream.printf("  %-9s %s%n", command.name(), command.summary());
        }
    }

    private static void commandUsage(Command command, PrintStream stream) {
        stream.println("usage: mgdspr " + command.name() + " [options]");
        stream.println(command.summary());
        stream.println();
        for (Option option : command.options()) {
            String left = "--" + option.name() + (option.takesValue() ? " <" + option.valueName() + ">" : "");
            stream.printf("  %-28s %s%n", left, option.description());
        }
        stream.printf("  %-28s %s%n", "--help", "show this help");
    }
}

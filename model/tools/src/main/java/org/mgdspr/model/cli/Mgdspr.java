package org.mgdspr.model.cli;

import org.mgdspr.model.artifact.InvalidArtifactException;
import org.mgdspr.model.data.DataFileException;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * The {@code mgdspr} command-line tool: {@code simulate}, {@code train}, {@code eval}, {@code embed}, {@code refresh}
 * and {@code deploy}, {@code generate-completion} for a bash completion script, and {@code help}. Exit codes: 0 success, 1 failure
 * while running (unreadable data, corrupt artifact, a cluster that refused), 2 bad arguments.
 */
@Command(name = "mgdspr", mixinStandardHelpOptions = true, versionProvider = Mgdspr.Version.class,
    description = "Train, evaluate and deploy MGDSPR two-tower retrieval models.",
    synopsisSubcommandLabel = "<command>")
public final class Mgdspr implements Callable<Integer> {

    public static final int OK = CommandLine.ExitCode.OK;
    public static final int FAILURE = CommandLine.ExitCode.SOFTWARE;
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    @Spec
    private CommandSpec spec;

    private Mgdspr() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the tool without exiting the JVM; @return the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Streams streams = new Streams(out, err);
        CommandLine commandLine = new CommandLine(new Mgdspr())
            .addSubcommand(new SimulateCommand(streams))
            .addSubcommand(new TrainCommand(streams))
            .addSubcommand(new EvalCommand(streams))
            .addSubcommand(new EmbedCommand(streams))
            .addSubcommand(new RefreshCommand(streams))
            .addSubcommand(new DeployCommand(streams))
            .addSubcommand(new AutoComplete.GenerateCompletion())
            .addSubcommand(new CommandLine.HelpCommand())
            .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
            .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
            .setParameterExceptionHandler(Mgdspr::usageError)
            .setExecutionExceptionHandler(Mgdspr::failure);
        // picocli hides it by default; listed, users find the completion script
        commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        return commandLine.execute(args);
    }

    /** {@code mgdspr} without a command: the list of commands, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("run '" + name + " --help' for the options");
        return USAGE;
    }

    private static int failure(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        switch (e) {
            case InvalidArtifactException invalid -> err.println(name + ": invalid model artifact: " + invalid.getMessage());
            case DataFileException data -> err.println(name + ": bad data file: " + data.getMessage());
            case DeployException deploy -> err.println(name + ": " + deploy.getMessage());
            default -> {
                err.println(name + ": failed: " + e);
                e.printStackTrace(err);
            }
        }
        return FAILURE;
    }

    /** The version of the jar the tool runs from. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Mgdspr.class.getPackage().getImplementationVersion();
            return new String[] {"mgdspr " + (version == null ? "(development build)" : version)};
        }
    }
}

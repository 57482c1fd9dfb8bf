package org.mgdspr.model.cli;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of the {@code mgdspr} tool. */
interface Command {

    String name();

    /** One line for the tool's command list. */
    String summary();

    List<Option> options();

    /**
     * Runs with already parsed arguments.
     *
     * @return the process exit code (0 on success)
     * @throws UsageException for argument combinations the parser could not reject
     */
    int run(Arguments arguments, PrintStream out, PrintStream err) throws Exception;
}

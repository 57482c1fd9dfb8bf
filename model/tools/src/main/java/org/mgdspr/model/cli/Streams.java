package org.mgdspr.model.cli;

import java.io.PrintStream;

/**
 * Where a command writes: {@code out} for its result, {@code err} for progress and notes. Tests capture both.
 *
 * @param out results (the deployed model, metrics, vectors)
 * @param err progress and warnings
 */
record Streams(PrintStream out, PrintStream err) {}

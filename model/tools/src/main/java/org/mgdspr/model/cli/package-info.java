/**
 * The {@code mgdspr} command-line tool ({@link org.mgdspr.model.cli.Mgdspr}) on picocli: {@code simulate},
 * {@code train}, {@code eval}, {@code embed}, {@code deploy} and {@code generate-completion}, each with
 * {@code --help}; bad arguments exit with code 2.
 */
package org.mgdspr.model.cli;

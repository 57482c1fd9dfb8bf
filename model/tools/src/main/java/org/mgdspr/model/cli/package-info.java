/**
 * The {@code mgdspr} command-line tool ({@link org.mgdspr.model.cli.Mgdspr}): {@code simulate}, {@code train},
 * {@code eval}, {@code embed} and {@code deploy}, each with {@code --help}; bad arguments exit with code 2.
 */
package org.mgdspr.model.cli;

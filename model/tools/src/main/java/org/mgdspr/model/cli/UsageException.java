package org.mgdspr.model.cli;

/** Bad command-line arguments: the tool prints the message and the command's usage and exits with code 2. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}

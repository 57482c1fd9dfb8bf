package org.mgdspr.model.cli;

/**
 * A deploy that could not finish: the cluster refused a request, could not be reached, or already holds the id.
 * The message is complete (request, status and the server's reason); the tool prints it without a stack trace.
 */
final class DeployException extends RuntimeException {

    DeployException(String message) {
        super(message);
    }
}

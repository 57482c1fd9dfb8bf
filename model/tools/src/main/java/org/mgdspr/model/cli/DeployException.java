package org.mgdspr.model.cli;

/**
 * A deploy that could not finish: the cluster refused a request, could not be reached, or already holds the id.
 * The message is complete (request, status and the server's reason); the tool prints it without a stack trace.
 */
class DeployException extends RuntimeException {

    private final int status;

    DeployException(String message) {
        this(message, 0);
    }

    /** @param status the HTTP status of the cluster's answer */
    DeployException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** Whether the cluster answered that the request itself is wrong (4xx other than 429), so repeating it is futile. */
    boolean isRefusal() {
        return status / 100 == 4 && status != 429;
    }
}

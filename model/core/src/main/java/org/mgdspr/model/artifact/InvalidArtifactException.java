package org.mgdspr.model.artifact;

/** A model artifact that is corrupt, truncated, tampered with or of an incompatible format. */
public class InvalidArtifactException extends IllegalArgumentException {

    public InvalidArtifactException(String message) {
        super(message);
    }

    public InvalidArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}

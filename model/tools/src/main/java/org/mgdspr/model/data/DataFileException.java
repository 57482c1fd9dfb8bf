package org.mgdspr.model.data;

import java.nio.file.Path;

/** A malformed record in a data file; the message names the file and the 1-based line. */
public final class DataFileException extends RuntimeException {

    private final Path file;
    private final long line;

    public DataFileException(Path file, long line, String message, Throwable cause) {
        super(file + ":" + line + ": " + message, cause);
        this.file = file;
        this.line = line;
    }

    public DataFileException(Path file, long line, String message) {
        this(file, line, message, null);
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }
}

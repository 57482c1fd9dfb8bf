package org.mgdspr.model.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming RFC 4180 reader: comma separated, fields optionally double-quoted, {@code ""} inside quotes is a
 * quote, quoted fields may span lines, records end at LF or CRLF. Not thread-safe.
 */
final class CsvReader {

    private final Reader in;
    private final Path file;
    private long line = 1;
    private long recordLine = 1;
    private int pushedBack = -2;

    CsvReader(Reader in, Path file) {
        this.in = in;
        this.file = file;
    }

    /** Line on which the record last returned by {@link #next()} started. */
    long recordLine() {
        return recordLine;
    }

    /** The next record, or null at end of input. */
    List<String> next() throws IOException {
        recordLine = line;
        int c = read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new DataFileException(file, recordLine, "unterminated quoted field");
                }
                if (c == '"') {
                    int next = read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = next;
                        continue;
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
            } else if (c == '\n' || c == -1) {
                fields.add(field.toString());
                return fields;
            } else if (c == '\r') {
                int next = read();
                if (next != '\n') {
                    unread(next);
                }
                fields.add(field.toString());
                return fields;
            } else if (c == '"' && field.isEmpty() && !fieldWasQuoted) {
                quoted = true;
                fieldWasQuoted = true;
            } else if (fieldWasQuoted) {
                throw new DataFileException(file, line, "unexpected character '" + (char) c + "' after a closing quote");
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        int c;
        if (pushedBack != -2) {
            c = pushedBack;
            pushedBack = -2;
        } else {
            c = in.read();
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private void unread(int c) {
        if (c == '\n') {
            line--;
        }
        pushedBack = c;
    }
}

package org.mgdspr.model.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes written the way OpenSearch writes them ({@code 512b}, {@code 8mb}, {@code 1gb}; binary units), so the
 * same parser reads {@code --chunk-size} (as picocli's converter) and the limits a cluster reports.
 */
final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgtp]?b)?", Pattern.CASE_INSENSITIVE);
    private static final List<String> UNITS = List.of("b", "kb", "mb", "gb", "tb", "pb");
    private static final double MB = 1024.0 * 1024.0;

    private ByteSize() {}

    /** @throws IllegalArgumentException when the text is not a whole number with an optional unit, or overflows */
    static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("[" + text + "] is not a byte size such as 8mb, 512kb or 1048576");
        }
        String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
        try {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), 1L << (10 * UNITS.indexOf(unit)));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("byte size [" + text + "] is too large", e);
        }
    }

    /** Mebibytes with one decimal, the unit of progress and limit messages. */
    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / MB);
    }

    static double megabytesPerSecond(long bytes, long nanos) {
        return nanos <= 0 ? 0 : bytes / MB / (nanos / 1e9);
    }

    /** Reads an option's value; picocli names the option in the error. */
    static final class Converter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}

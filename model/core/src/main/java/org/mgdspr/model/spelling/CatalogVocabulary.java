package org.mgdspr.model.spelling;

import org.apache.lucene.util.Accountable;
import org.apache.lucene.util.RamUsageEstimator;
import org.mgdspr.model.features.MultiGranularTokenizer;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The normalised words of a catalog's titles, each with the number of titles that use it: what
 * {@link SpellingCorrector} corrects towards. Immutable; words are kept in sorted order so that the stored form and
 * every tie between equally frequent words are independent of the order the titles came in.
 *
 * <p>Stored in a model artifact as tab-separated lines {@code word<TAB>title count}.
 */
public final class CatalogVocabulary implements Accountable {

    /** A tree map entry (header, key, value, three links, colour) and its boxed count, by a 64-bit JVM's layout. */
    private static final long ENTRY_BYTES = 2 * RamUsageEstimator.NUM_BYTES_OBJECT_HEADER
        + 5L * RamUsageEstimator.NUM_BYTES_OBJECT_REF + Integer.BYTES + 1;

    private final Map<String, Integer> titleCounts;

    private CatalogVocabulary(Map<String, Integer> titleCounts) {
        this.titleCounts = titleCounts;
    }

    /** Counts the words of every title as the tokenizer normalises them; a word counts once per title. */
    public static CatalogVocabulary of(Collection<String> titles, MultiGranularTokenizer tokenizer) {
        Objects.requireNonNull(tokenizer, "tokenizer");
        TreeMap<String, Integer> counts = new TreeMap<>();
        for (String title : titles) {
            Set<String> distinct = new HashSet<>(tokenizer.words(title));
            distinct.forEach(word -> counts.merge(word, 1, Integer::sum));
        }
        return new CatalogVocabulary(counts);
    }

    /** Reads the stored form; every problem names its line. */
    public static CatalogVocabulary fromTsv(String text) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                break;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0 || tab != line.lastIndexOf('\t')) {
                throw new IllegalArgumentException("vocabulary line " + (i + 1) + " must be <word><TAB><count>: ["
                    + line + "]");
            }
            String word = line.substring(0, tab);
            int count;
            try {
                count = Integer.parseInt(line.substring(tab + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("vocabulary line " + (i + 1) + " has a count that is not an "
                    + "integer: [" + line + "]", e);
            }
            if (count < 1) {
                throw new IllegalArgumentException("vocabulary line " + (i + 1) + " has count " + count
                    + "; counts are at least 1");
            }
            if (counts.put(word, count) != null) {
                throw new IllegalArgumentException("vocabulary line " + (i + 1) + " repeats the word [" + word + "]");
            }
        }
        return new CatalogVocabulary(counts);
    }

    public String toTsv() {
        StringBuilder text = new StringBuilder();
        titleCounts.forEach((word, count) -> text.append(word).append('\t').append(count).append('\n'));
        return text.toString();
    }

    public boolean contains(String word) {
        return titleCounts.containsKey(word);
    }

    /** Number of titles that use the word, 0 for a word outside the vocabulary. */
    public int titleCount(String word) {
        return titleCounts.getOrDefault(word, 0);
    }

    /** The words in sorted order. */
    public Set<String> words() {
        return Collections.unmodifiableSet(titleCounts.keySet());
    }

    public int size() {
        return titleCounts.size();
    }

    @Override
    public long ramBytesUsed() {
        long bytes = RamUsageEstimator.shallowSizeOfInstance(TreeMap.class);
        for (String word : titleCounts.keySet()) {
            bytes += ENTRY_BYTES + RamUsageEstimator.sizeOf(word);
        }
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CatalogVocabulary vocabulary && titleCounts.equals(vocabulary.titleCounts);
    }

    @Override
    public int hashCode() {
        return titleCounts.hashCode();
    }
}

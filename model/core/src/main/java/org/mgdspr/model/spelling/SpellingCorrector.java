package org.mgdspr.model.spelling;

import org.apache.lucene.util.Accountable;
import org.apache.lucene.util.RamUsageEstimator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Replaces query words that no catalog title uses with the closest word that titles do use, so that a misspelled
 * query word ("toliet", "pannel") reaches the embedding row its intended word was trained on instead of a row no
 * training example ever touched.
 *
 * <p>The rule, applied to each word on its own:
 * <ul>
 *   <li>a word is kept when the vocabulary has it, when it is shorter than {@value #MIN_WORD_LENGTH} characters
 *       or longer than {@value #MAX_WORD_LENGTH}, or when it has a character that is not a letter (sizes and model
 *       numbers such as "2x4" or "18v" are not misspellings);</li>
 *   <li>otherwise it becomes the vocabulary word of letters only at the smallest edit distance (insertions,
 *       deletions, substitutions and swaps of adjacent letters), at most 1 for words of up to
 *       {@value #MAX_LENGTH_FOR_ONE_EDIT} letters and 2 for longer ones; ties go to the word more titles use, then to
 *       the alphabetically first;</li>
 *   <li>a word with no vocabulary word that close is kept.</li>
 * </ul>
 *
 * <p>Candidates come from an index of each vocabulary word's variants with up to two letters deleted (two words
 * within edit distance k share a variant with at most k deletions from each), so a correction costs one binary search
 * per distinct variant of the query word (at most 1 + n + n(n-1)/2 for n letters) instead of a pass over the
 * vocabulary. Lucene's {@code DirectSpellChecker} would need the words as an index of their own; this index is one
 * sorted array of longs. Immutable and thread-safe.
 */
public final class SpellingCorrector implements Accountable {

    public static final int MIN_WORD_LENGTH = 4;
    public static final int MAX_WORD_LENGTH = 32;
    /** Longest word corrected within one edit; longer words may take two. */
    public static final int MAX_LENGTH_FOR_ONE_EDIT = 5;

    private static final int MAX_DISTANCE = 2;
    private static final int ID_BITS = 24;
    private static final long ID_MASK = (1L << ID_BITS) - 1;

    private final CatalogVocabulary vocabulary;
    private final String[] targets;
    private final int[] titleCounts;
    /** Sorted {@code (variant hash << ID_BITS) | target id}, one entry per distinct pair. */
    private final long[] variants;

    public SpellingCorrector(CatalogVocabulary vocabulary) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        List<String> eligible = vocabulary.words().stream().filter(SpellingCorrector::isTarget).toList();
        if (eligible.size() > ID_MASK) {
            throw new IllegalArgumentException("a spelling vocabulary holds at most " + ID_MASK + " words of letters, "
                + "this one has " + eligible.size());
        }
        targets = eligible.toArray(String[]::new);
        titleCounts = new int[targets.length];
        long[] entries = new long[64];
        int size = 0;
        for (int id = 0; id < targets.length; id++) {
            titleCounts[id] = vocabulary.titleCount(targets[id]);
            long[] hashes = deletionHashes(targets[id], MAX_DISTANCE);
            if (size + hashes.length > entries.length) {
                entries = Arrays.copyOf(entries, Math.max(entries.length * 2, size + hashes.length));
            }
            for (long hash : hashes) {
                entries[size++] = (hash << ID_BITS) | id;
            }
        }
        Arrays.sort(entries, 0, size);
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            if (distinct == 0 || entries[i] != entries[distinct - 1]) {
                entries[distinct++] = entries[i];
            }
        }
        variants = Arrays.copyOf(entries, distinct);
    }

    public CatalogVocabulary vocabulary() {
        return vocabulary;
    }

    /** The index and the vocabulary it was built from; the words are shared between the two. */
    @Override
    public long ramBytesUsed() {
        return RamUsageEstimator.sizeOf(variants) + RamUsageEstimator.sizeOf(titleCounts)
            + RamUsageEstimator.shallowSizeOf(targets) + vocabulary.ramBytesUsed();
    }

    /** The words with each misspelled one corrected; the given list itself when no word changes. */
    public List<String> correct(List<String> words) {
        List<String> corrected = null;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String replacement = correct(word);
            if (!replacement.equals(word)) {
                if (corrected == null) {
                    corrected = new ArrayList<>(words);
                }
                corrected.set(i, replacement);
            }
        }
        return corrected == null ? words : corrected;
    }

    /** The word corrected by the rule of this class, or the word itself. */
    public String correct(String word) {
        Objects.requireNonNull(word, "word");
        if (vocabulary.contains(word) || !isCorrectable(word)) {
            return word;
        }
        int limit = word.length() <= MAX_LENGTH_FOR_ONE_EDIT ? 1 : MAX_DISTANCE;
        int best = -1;
        int bestDistance = limit + 1;
        for (long hash : Arrays.stream(deletionHashes(word, limit)).distinct().toArray()) {
            long key = hash << ID_BITS;
            for (int i = firstAtLeast(key); i < variants.length && (variants[i] & ~ID_MASK) == key; i++) {
                int id = (int) (variants[i] & ID_MASK);
                int distance = EditDistance.bounded(word, targets[id], limit);
                if (distance < bestDistance || (distance == bestDistance && best >= 0 && prefer(id, best))) {
                    best = id;
                    bestDistance = distance;
                }
            }
        }
        return best < 0 ? word : targets[best];
    }

    private boolean prefer(int candidate, int current) {
        if (titleCounts[candidate] != titleCounts[current]) {
            return titleCounts[candidate] > titleCounts[current];
        }
        return targets[candidate].compareTo(targets[current]) < 0;
    }

    private int firstAtLeast(long key) {
        int low = 0;
        int high = variants.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (variants[mid] < key) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static boolean isTarget(String word) {
        return word.length() <= MAX_WORD_LENGTH && lettersOnly(word);
    }

    private static boolean isCorrectable(String word) {
        return word.length() >= MIN_WORD_LENGTH && word.length() <= MAX_WORD_LENGTH && lettersOnly(word);
    }

    private static boolean lettersOnly(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (!Character.isLetter(word.charAt(i))) {
                return false;
            }
        }
        return !word.isEmpty();
    }

    /**
     * Hashes of the word and of every string made from it by deleting up to {@code deletions} characters, reduced
     * to the bits above {@link #ID_BITS} so that one long holds a hash and a target id. Equal variants reached by
     * different deletions repeat; callers drop the repeats.
     */
    static long[] deletionHashes(String word, int deletions) {
        int n = word.length();
        int count = 1 + (deletions >= 1 ? n : 0) + (deletions >= 2 ? n * (n - 1) / 2 : 0);
        long[] hashes = new long[count];
        int size = 0;
        hashes[size++] = hash(word, -1, -1);
        if (deletions >= 1) {
            for (int i = 0; i < n; i++) {
                hashes[size++] = hash(word, i, -1);
                if (deletions >= 2) {
                    for (int j = i + 1; j < n; j++) {
                        hashes[size++] = hash(word, i, j);
                    }
                }
            }
        }
        return hashes;
    }

    /** 64-bit FNV-1a over the word's chars without the two skipped positions, cut to the top 40 bits. */
    private static long hash(String word, int skipFirst, int skipSecond) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < word.length(); i++) {
            if (i != skipFirst && i != skipSecond) {
                hash = (hash ^ word.charAt(i)) * 0x100000001b3L;
            }
        }
        return hash >>> ID_BITS;
    }
}

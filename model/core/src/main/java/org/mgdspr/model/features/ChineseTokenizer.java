package org.mgdspr.model.features;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Chinese multi-granular tokenization as in the paper (§3.2.1): character unigrams, character bigrams over the
 * whole query (crossing word and whitespace boundaries) and words from Lucene's smartcn HMM segmenter.
 *
 * <p>Text is NFKC-normalised (full-width Latin and digits become ASCII) and lowercased first. A run of Latin
 * letters and digits inside Chinese text ("nike", "iphone15") is one "character" for the unigram and bigram
 * granularities, because splitting it into letters would produce rows that mean nothing; the segmenter keeps
 * such runs as words too. Title tokens are the words followed by the characters, so a title still shares rows
 * with a query the segmenter cut differently.
 */
public final class ChineseTokenizer implements MultiGranularTokenizer {

    private final Analyzer analyzer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            HMMChineseTokenizer source = new HMMChineseTokenizer();
            return new TokenStreamComponents(source, new LowerCaseFilter(source));
        }
    };

    @Override
    public String language() {
        return "zh";
    }

    @Override
    public QueryTokens tokenizeQuery(String query) {
        String normalized = normalize(query);
        List<String> units = units(normalized);
        List<String> bigrams = new ArrayList<>(Math.max(0, units.size() - 1));
        for (int i = 0; i + 1 < units.size(); i++) {
            bigrams.add(join(units.get(i), units.get(i + 1)));
        }
        return new QueryTokens(units, bigrams, AnalyzerTerms.terms(analyzer, normalized));
    }

    @Override
    public List<String> words(String text) {
        return AnalyzerTerms.terms(analyzer, normalize(text));
    }

    @Override
    public List<String> titleTokens(String title) {
        String normalized = normalize(title);
        Set<String> tokens = new LinkedHashSet<>(AnalyzerTerms.terms(analyzer, normalized));
        tokens.addAll(units(normalized));
        return List.copyOf(tokens);
    }

    @Override
    public List<String> matchUnits(String text) {
        return units(normalize(text));
    }

    @Override
    public String joinUnits(List<String> units) {
        StringBuilder joined = new StringBuilder();
        for (String unit : units) {
            if (!joined.isEmpty() && needsSpace(joined.codePointBefore(joined.length()), unit.codePointAt(0))) {
                joined.append(' ');
            }
            joined.append(unit);
        }
        return joined.toString();
    }

    private static String normalize(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** Han characters one by one, Latin/digit runs whole, everything else dropped. */
    static List<String> units(String normalized) {
        List<String> units = new ArrayList<>();
        int i = 0;
        while (i < normalized.length()) {
            int cp = normalized.codePointAt(i);
            int width = Character.charCount(cp);
            if (isHan(cp)) {
                units.add(normalized.substring(i, i + width));
                i += width;
            } else if (Character.isLetterOrDigit(cp)) {
                int end = i;
                while (end < normalized.length()) {
                    int next = normalized.codePointAt(end);
                    if (isHan(next) || !Character.isLetterOrDigit(next)) {
                        break;
                    }
                    end += Character.charCount(next);
                }
                units.add(normalized.substring(i, end));
                i = end;
            } else {
                i += width;
            }
        }
        return units;
    }

    private static String join(String left, String right) {
        return needsSpace(left.codePointBefore(left.length()), right.codePointAt(0)) ? left + ' ' + right : left + right;
    }

    /** Two Latin/digit runs would otherwise merge into a different run. */
    private static boolean needsSpace(int left, int right) {
        return !isHan(left) && !isHan(right);
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }
}

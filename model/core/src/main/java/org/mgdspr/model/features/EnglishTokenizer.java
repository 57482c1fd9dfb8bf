package org.mgdspr.model.features;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * English multi-granular tokenization, a documented deviation from the paper (spec §8): single Latin letters
 * carry almost no meaning, so the "unigram" granularity is boundary-marked character trigrams of each word
 * ({@code #sh, sho, hoe, oe#}) and the "bigram" granularity is adjacent word pairs including the boundary pairs
 * ({@code ^ red, red shoe, shoe $}), which also keeps one-word queries from having an empty bigram list.
 * Words come from Lucene's standard tokenizer, lowercased, ASCII-folded, possessive-stripped and lightly
 * stemmed with the dictionary-backed KStem (inflections only, brand names survive), so "Shoes", "shoe's" and
 * "shoe" meet on one row.
 */
public final class EnglishTokenizer implements MultiGranularTokenizer {

    static final String WORD_BOUNDARY = "#";
    static final String QUERY_START = "^";
    static final String QUERY_END = "$";

    private final Analyzer analyzer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(source);
            stream = new ASCIIFoldingFilter(stream);
            stream = new EnglishPossessiveFilter(stream);
            stream = new KStemFilter(stream);
            return new TokenStreamComponents(source, stream);
        }
    };

    @Override
    public String language() {
        return "en";
    }

    @Override
    public QueryTokens tokenizeQuery(String query) {
        return queryTokens(words(query));
    }

    /** The tokens of a query whose normalised words are given, e.g. after spelling correction. */
    static QueryTokens queryTokens(List<String> words) {
        List<String> trigrams = new ArrayList<>();
        for (String word : words) {
            addTrigrams(word, trigrams);
        }
        List<String> bigrams = new ArrayList<>(words.size() + 1);
        if (!words.isEmpty()) {
            String previous = QUERY_START;
            for (String word : words) {
                bigrams.add(previous + ' ' + word);
                previous = word;
            }
            bigrams.add(previous + ' ' + QUERY_END);
        }
        return new QueryTokens(trigrams, bigrams, words);
    }

    @Override
    public List<String> words(String text) {
        return AnalyzerTerms.terms(analyzer, normalize(text));
    }

    @Override
    public List<String> titleTokens(String title) {
        List<String> words = words(title);
        Set<String> tokens = new LinkedHashSet<>(words);
        List<String> trigrams = new ArrayList<>();
        for (String word : words) {
            addTrigrams(word, trigrams);
        }
        tokens.addAll(trigrams);
        return List.copyOf(tokens);
    }

    @Override
    public List<String> matchUnits(String text) {
        return words(text);
    }

    @Override
    public String joinUnits(List<String> units) {
        return String.join(" ", units);
    }

    private static String normalize(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    private static void addTrigrams(String word, List<String> out) {
        String marked = WORD_BOUNDARY + word + WORD_BOUNDARY;
        int[] codePoints = marked.codePoints().toArray();
        for (int i = 0; i + 3 <= codePoints.length; i++) {
            out.add(new String(codePoints, i, 3));
        }
    }
}

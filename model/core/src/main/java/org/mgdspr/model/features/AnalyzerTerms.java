package org.mgdspr.model.features;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Runs a Lucene analyzer over a string and collects the terms that contain a letter or a digit. */
final class AnalyzerTerms {

    private AnalyzerTerms() {}

    static List<String> terms(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return terms;
        }
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (hasLetterOrDigit(term)) {
                    terms.add(term.toString());
                }
            }
            stream.end();
        } catch (IOException e) {
            // analyzers over in-memory strings do not do I/O; this is a bug, not an input problem
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static boolean hasLetterOrDigit(CharSequence term) {
        for (int i = 0; i < term.length(); i++) {
            if (Character.isLetterOrDigit(term.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}

package org.mgdspr.model.features;

import java.util.Objects;

/**
 * A key term of the relevance-control lexicon, or one detected in a query.
 *
 * @param term       the term as it appears in the catalog or built-in list
 * @param type       its class
 * @param normalized its analyzed form (the text the boolean filter requires in an item title)
 */
public record KeyTerm(String term, KeyTermClass type, String normalized) {

    public KeyTerm {
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(normalized, "normalized");
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("key term [" + term + "] has no letters or digits");
        }
    }
}

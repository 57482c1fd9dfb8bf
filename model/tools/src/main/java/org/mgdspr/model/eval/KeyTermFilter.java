package org.mgdspr.model.eval;

import org.mgdspr.model.data.Catalog;
import org.mgdspr.model.features.KeyTerm;
import org.mgdspr.model.features.KeyTermLexicon;
import org.mgdspr.model.features.MultiGranularTokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The paper's relevance control (§4.3, spec §7) as an offline filter: the key terms the lexicon detects in a query
 * must all appear in a retrieved item's title (as a contiguous run of match units), otherwise the item is dropped.
 * A query without key terms keeps everything. The survivor count is the Num_prank proxy.
 *
 * <p>Thread-safe: analysed titles are cached in a concurrent map.
 */
public final class KeyTermFilter {

    private final KeyTermLexicon lexicon;
    private final Catalog catalog;
    private final MultiGranularTokenizer tokenizer;
    private final ConcurrentHashMap<String, List<String>> titleUnits = new ConcurrentHashMap<>();

    public KeyTermFilter(KeyTermLexicon lexicon, Catalog catalog) {
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tokenizer = MultiGranularTokenizer.forLanguage(lexicon.language());
    }

    /** The match units of each key term of the query; empty when the filter does not apply. */
    public List<List<String>> requiredTerms(String query) {
        List<List<String>> required = new ArrayList<>();
        for (KeyTerm term : lexicon.detect(query)) {
            // the lexicon analysed the original term, not its (informative) normalised form
            required.add(tokenizer.matchUnits(term.term()));
        }
        return required;
    }

    /** The retrieved items, in order, whose titles carry every key term of the query. */
    public List<String> survivors(String query, List<String> retrieved) {
        List<List<String>> required = requiredTerms(query);
        if (required.isEmpty()) {
            return retrieved;
        }
        List<String> kept = new ArrayList<>();
        for (String itemId : retrieved) {
            List<String> units = titleUnits.computeIfAbsent(itemId, this::analyzeTitle);
            if (required.stream().allMatch(term -> containsRun(units, term))) {
                kept.add(itemId);
            }
        }
        return kept;
    }

    private List<String> analyzeTitle(String itemId) {
        var product = catalog.get(itemId);
        return product == null ? List.of() : tokenizer.matchUnits(product.title());
    }

    static boolean containsRun(List<String> units, List<String> term) {
        if (term.isEmpty()) {
            return true;
        }
        for (int start = 0; start + term.size() <= units.size(); start++) {
            if (units.subList(start, start + term.size()).equals(term)) {
                return true;
            }
        }
        return false;
    }
}

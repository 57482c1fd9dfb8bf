package org.mgdspr.model.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One-line definitions of the retrieval metrics the evaluator reports, for the lines under each table that shows
 * them. A column is looked up by its family, the name before {@code @} ({@code recall@100} is a {@code recall@K}).
 */
public final class MetricGlossary {

    private static final Map<String, String> BY_FAMILY = Map.of(
        "recall", "share of the request's targets (items clicked or bought for it) found in the system's top K, "
            + "averaged over the requests with targets (the paper's Recall@K)",
        "p_good", "relevance rate: share of the top K whose relevance grade reaches the data's \"good\" threshold "
            + "(unjudged items count as not good, so it is a lower bound), averaged over requests with results "
            + "(the paper's P_good)",
        "ndcg", "normalised discounted cumulative gain of the top K with gains 2^grade - 1, averaged over the "
            + "requests with graded items",
        "num_prank", "items of the top K that survive relevance control (every key term the lexicon detects in the "
            + "query appears in the item's title), averaged over requests: the paper's Num_prank, the items that "
            + "would go on to pre-ranking",
        "p_f_good", "relevance rate among those survivors, averaged over the requests with at least one survivor "
            + "(the paper's P_f_good)",
        "queries_with_targets", "requests with at least one target: the recall average's denominator",
        "queries_with_grades", "requests with graded items: the nDCG average's denominator",
        "requests", "test requests scored");

    private MetricGlossary() {}

    /** The definition of a metric column; an unknown column is a report that would show an undefined number. */
    public static String definition(String column) {
        String definition = BY_FAMILY.get(family(column));
        if (definition == null) {
            throw new IllegalArgumentException("no definition for the metric column [" + column + "]; add one to "
                + MetricGlossary.class.getSimpleName());
        }
        return definition;
    }

    /**
     * Markdown lines, one per metric family among the columns in their order, such as
     * {@code - recall@K (K = 10, 100): share of ...}.
     */
    public static String markdown(Collection<String> columns) {
        Map<String, Set<String>> cutoffs = new LinkedHashMap<>();
        for (String column : columns) {
            definition(column);
            Set<String> ks = cutoffs.computeIfAbsent(family(column), family -> new LinkedHashSet<>());
            int at = column.indexOf('@');
            if (at >= 0) {
                ks.add(column.substring(at + 1));
            }
        }
        StringBuilder md = new StringBuilder();
        cutoffs.forEach((family, ks) -> {
            md.append("- `").append(family);
            if (!ks.isEmpty()) {
                md.append("@K` (K = ").append(String.join(", ", ks)).append(')');
            } else {
                md.append('`');
            }
            md.append(": ").append(BY_FAMILY.get(family)).append(".\n");
        });
        return md.toString();
    }

    private static String family(String column) {
        int at = column.indexOf('@');
        return at < 0 ? column : column.substring(0, at);
    }
}

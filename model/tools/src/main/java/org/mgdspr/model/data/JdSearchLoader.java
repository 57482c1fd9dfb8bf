package org.mgdspr.model.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Loads the JDsearch format (Liu et al., SIGIR 2023; {@code shared/data/README.md} §2): tab-separated files with a
 * header, lists joined with {@code _}, term ids inside a text field joined with the byte 0x18.
 *
 * <p>Products: {@code wid} is the item id, the title is the name's term ids joined with spaces (the text is
 * anonymised, so term ids play the role of words), brand {@code brand_id}, category {@code cate_id_1}, leaf
 * category the deepest non-empty of {@code cate_id_4..1}, shop {@code shop_id}.
 *
 * <p>Behaviour lines: one user each (the line number is the user id, the sample has no user column). History
 * times are cumulative sums of {@code history_time_list} in seconds from the user's first event (a request's day
 * counts days since then); the extra last gap dates the test search.
 * {@code CLICK} becomes a click, {@code ORD} a purchase, {@code CART} and {@code FLW} a collect.
 * Each line yields one test request (the logged query with its displayed candidates; label >= 1 = clicked,
 * 3 = purchased) and training requests from the history: consecutive history events with the same non-{@code -1}
 * query form one request whose items all count as clicked (a cart, follow or order under a query implies a
 * click). Every request's context is built by {@link ContextWindows} from strictly earlier events.
 */
public final class JdSearchLoader {

    static final char TERM_SEPARATOR = (char) 0x18;
    private static final List<String> PRODUCT_HEADER = List.of("wid", "name", "brand_id", "brand_name", "cate_id_1",
        "cate_name_1", "cate_id_2", "cate_name_2", "cate_id_3", "cate_name_3", "cate_id_4", "cate_name_4", "shop_id");
    private static final List<String> BEHAVIOR_HEADER = List.of("query", "candidate_wid_list", "candidate_label_list",
        "history_qry_list", "history_wid_list", "history_type_list", "history_time_list");
    private static final Set<String> MISSING = Set.of("", "-1", "null", "NULL");

    private final ContextWindows windows;

    public JdSearchLoader(ContextWindows windows) {
        this.windows = windows;
    }

    public JdSearchLoader() {
        this(ContextWindows.PAPER);
    }

    /** All history-derived requests on the train side, every logged test query on the test side; no labels. */
    public Dataset load(Path productMeta, Path behavior) {
        Catalog catalog = readCatalog(productMeta);
        List<SearchRequest> train = new ArrayList<>();
        List<SearchRequest> test = new ArrayList<>();
        readRequests(behavior, catalog, train, test);
        return new Dataset(catalog, train, test, RelevanceLabels.NONE);
    }

    public static Catalog readCatalog(Path productMeta) {
        List<Product> products = new ArrayList<>();
        readTsv(productMeta, PRODUCT_HEADER, (fields, line) -> {
            String wid = fields.get(0).strip();
            if (MISSING.contains(wid)) {
                throw new DataFileException(productMeta, line, "missing wid");
            }
            String leaf = "";
            for (int column = 10; column >= 4 && leaf.isEmpty(); column -= 2) {
                leaf = id(fields.get(column));
            }
            products.add(new Product(wid, terms(fields.get(1)), id(fields.get(12)), leaf, id(fields.get(4)),
                id(fields.get(2))));
        });
        return new Catalog(products);
    }

    /** Appends each line's history requests to {@code train} and its logged search to {@code test}. */
    public void readRequests(Path behavior, Catalog catalog, List<SearchRequest> train, List<SearchRequest> test) {
        readTsv(behavior, BEHAVIOR_HEADER, (fields, line) -> {
            try {
                parseUserLine(fields, line, catalog, train, test);
            } catch (IllegalArgumentException e) {
                throw new DataFileException(behavior, line, e.getMessage(), e);
            }
        });
    }

    private void parseUserLine(List<String> fields, long line, Catalog catalog, List<SearchRequest> train,
                               List<SearchRequest> test) {
        String userId = "jd-u" + line;
        List<String> candidates = split(fields.get(1));
        List<String> labels = split(fields.get(2));
        List<String> historyQueries = split(fields.get(3));
        List<String> historyItems = split(fields.get(4));
        List<String> historyTypes = split(fields.get(5));
        List<String> gaps = split(fields.get(6));
        if (candidates.size() != labels.size()) {
            throw new IllegalArgumentException("candidate_wid_list has " + candidates.size()
                + " entries but candidate_label_list has " + labels.size());
        }
        int n = historyItems.size();
        if (historyQueries.size() != n || historyTypes.size() != n) {
            throw new IllegalArgumentException("history lists differ in length: qry " + historyQueries.size()
                + ", wid " + n + ", type " + historyTypes.size());
        }
        if (gaps.size() != n + 1) {
            throw new IllegalArgumentException("history_time_list must have one more entry than the history ("
                + (n + 1) + ") but has " + gaps.size());
        }
        long[] times = new long[n + 1];
        long time = 0;
        for (int i = 0; i <= n; i++) {
            long gap = parseLong(gaps.get(i), "history_time_list[" + i + "]");
            if (gap < 0) {
                throw new IllegalArgumentException("history_time_list[" + i + "] must be >= 0 but was " + gap);
            }
            time += gap;
            times[i] = time;
        }
        List<BehaviorEvent> events = new ArrayList<>();
        List<TimedQuery> queries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String item = historyItems.get(i);
            switch (historyTypes.get(i)) {
                case "CLICK" -> events.add(new BehaviorEvent(times[i], BehaviorAction.CLICK, item));
                case "ORD" -> events.add(new BehaviorEvent(times[i], BehaviorAction.BUY, item));
                case "CART", "FLW" -> events.add(new BehaviorEvent(times[i], BehaviorAction.COLLECT, item));
                default -> throw new IllegalArgumentException("history_type_list[" + i + "] must be ORD, CLICK, CART or "
                    + "FLW but was [" + historyTypes.get(i) + "]");
            }
            String query = historyQueries.get(i);
            if (!MISSING.contains(query) && !isSameSearch(historyQueries, i)) {
                queries.add(new TimedQuery(times[i], terms(query)));
            }
        }
        int start = 0;
        while (start < n) {
            String query = historyQueries.get(start);
            int end = start + 1;
            while (end < n && historyQueries.get(end).equals(query)) {
                end++;
            }
            if (!MISSING.contains(query)) {
                List<String> clicked = new ArrayList<>();
                List<String> purchased = new ArrayList<>();
                for (int i = start; i < end; i++) {
                    clicked.add(historyItems.get(i));
                    if (historyTypes.get(i).equals("ORD")) {
                        purchased.add(historyItems.get(i));
                    }
                }
                long requestTime = times[start];
                train.add(new SearchRequest(userId + "-h" + start, ContextWindows.dayOf(requestTime), userId,
                    terms(query), windows.build(events, queries, requestTime, catalog::behaviorItem), clicked, purchased,
                    List.of()));
            }
            start = end;
        }
        List<String> clicked = new ArrayList<>();
        List<String> purchased = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            double label = parseDouble(labels.get(i), "candidate_label_list[" + i + "]");
            if (label >= 1) {
                clicked.add(candidates.get(i));
            }
            if (label >= 3) {
                purchased.add(candidates.get(i));
            }
        }
        test.add(new SearchRequest(userId + "-test", ContextWindows.dayOf(times[n]), userId, terms(fields.get(0)),
            windows.build(events, queries, times[n], catalog::behaviorItem), clicked, purchased, candidates));
    }

    /** A run of history events under one query is one search; only its first event enters the query history. */
    private static boolean isSameSearch(List<String> historyQueries, int i) {
        return i > 0 && historyQueries.get(i - 1).equals(historyQueries.get(i));
    }

    private static String terms(String field) {
        return field.strip().replace(TERM_SEPARATOR, ' ');
    }

    private static String id(String field) {
        String value = field.strip();
        return MISSING.contains(value) ? "" : value;
    }

    private static List<String> split(String field) {
        String value = field.strip();
        return value.isEmpty() ? List.of() : List.of(value.split("_", -1));
    }

    private static long parseLong(String value, String what) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not an integer: [" + value + "]", e);
        }
    }

    private static double parseDouble(String value, String what) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: [" + value + "]", e);
        }
    }

    private static void readTsv(Path file, List<String> header, LineConsumer consumer) {
        try (BufferedReader reader = DataFiles.reader(file)) {
            String first = reader.readLine();
            if (first == null || !List.of(first.split("\t", -1)).equals(header)) {
                throw new DataFileException(file, 1, "expected header " + header + " but found [" + first + "]");
            }
            long line = 1;
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                List<String> fields = List.of(text.split("\t", -1));
                if (fields.size() != header.size()) {
                    throw new DataFileException(file, line,
                        "expected " + header.size() + " tab-separated fields but found " + fields.size());
                }
                consumer.accept(fields, line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private interface LineConsumer {
        void accept(List<String> fields, long line);
    }
}

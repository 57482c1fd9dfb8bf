package org.mgdspr.model.data;

import org.mgdspr.model.features.FeatureHasher;
import org.mgdspr.model.features.UserContext;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Loads the Home Depot product-search relevance data (see {@code shared/data/README.md}): {@code products.csv.gz}
 * ({@code product_uid, product_title}) becomes the catalog, {@code judgments.csv.gz}
 * ({@code id, product_uid, product_title, search_term, relevance}) becomes one anonymous request per normalised
 * query plus graded labels.
 *
 * <p>A request's clicks are its judged products with relevance {@code >= 2.33} (the training positives); every
 * judged product is kept as a graded label (for nDCG and {@code P_good}) and as an impression. The train/test
 * split is by query: a query goes to test when the MurmurHash3 of its normalised text, salted, falls in the
 * test fraction (or by {@link #devtestMd5Split()}), so no query is on both sides and the split is the same on every
 * machine.
 */
public final class HomeDepotLoader {

    /** Minimum mean rating for a judged pair to count as a click / good result. */
    public static final double POSITIVE_RELEVANCE = 2.33;

    private static final List<String> PRODUCT_HEADER = List.of("product_uid", "product_title");
    private static final List<String> JUDGMENT_HEADER =
        List.of("id", "product_uid", "product_title", "search_term", "relevance");

    private static final BigInteger DEVTEST_BUCKETS = BigInteger.valueOf(5);

    private final Predicate<String> testQuery;

    /**
     * @param testFraction share of queries that go to the test side, in [0, 1]
     * @param splitSalt    mixed into the split hash; another salt gives another (equally deterministic) split
     */
    public HomeDepotLoader(double testFraction, String splitSalt) {
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("testFraction must be in [0, 1] but was " + testFraction);
        }
        String namespace = "split" + (splitSalt == null ? "" : splitSalt);
        long bound = (long) Math.floor(testFraction * (1L << 32));
        this.testQuery = query -> Integer.toUnsignedLong(FeatureHasher.rawHash(namespace, Queries.normalize(query)))
            < bound;
    }

    private HomeDepotLoader(Predicate<String> testQuery) {
        this.testQuery = testQuery;
    }

    /**
     * The split of the reference runs quoted in the project's issues, so their figures compare with ours on the
     * same queries: a query is a test query when the MD5 of {@code "devtest:"} and the lower-cased query, read as
     * an unsigned integer, is divisible by 5 (about 20 % of the queries).
     */
    public static HomeDepotLoader devtestMd5Split() {
        return new HomeDepotLoader(query -> {
            try {
                byte[] digest = MessageDigest.getInstance("MD5")
                    .digest(("devtest:" + query.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
                return new BigInteger(1, digest).mod(DEVTEST_BUCKETS).signum() == 0;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK ships MD5", e);
            }
        });
    }

    /** 20 % of queries in test, unsalted. */
    public HomeDepotLoader() {
        this(0.2, "");
    }

    /** Whether a query, as the judgments file spells it, belongs to the test side of this loader's split. */
    public boolean isTestQuery(String query) {
        return testQuery.test(query);
    }

    public Dataset load(Path judgmentsCsv, Path productsCsv) {
        Catalog catalog = readCatalog(productsCsv);
        Map<String, QueryGroup> groups = readJudgments(judgmentsCsv);
        List<SearchRequest> train = new ArrayList<>();
        List<SearchRequest> test = new ArrayList<>();
        Map<String, Map<String, Double>> labels = new HashMap<>();
        for (Map.Entry<String, QueryGroup> entry : groups.entrySet()) {
            QueryGroup group = entry.getValue();
            labels.put(entry.getKey(), group.grades);
            List<String> clicked = new ArrayList<>();
            for (Map.Entry<String, Double> grade : group.grades.entrySet()) {
                if (isPositive(grade.getValue())) {
                    clicked.add(grade.getKey());
                }
            }
            SearchRequest request = new SearchRequest("hd-" + group.firstId, 0, "", group.rawQuery, UserContext.EMPTY,
                clicked, List.of(), List.copyOf(group.grades.keySet()));
            (isTestQuery(group.rawQuery) ? test : train).add(request);
        }
        return new Dataset(catalog, train, test, new JudgedRelevance(labels, POSITIVE_RELEVANCE));
    }

    /** Tolerates the two-decimal rounding of thirds in the file (2.33 stands for 7/3). */
    public static boolean isPositive(double relevance) {
        return relevance >= POSITIVE_RELEVANCE - 1e-9;
    }

    public static Catalog readCatalog(Path productsCsv) {
        List<Product> products = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        readCsv(productsCsv, PRODUCT_HEADER, (fields, line) -> {
            String uid = fields.get(0).strip();
            if (uid.isEmpty()) {
                throw new DataFileException(productsCsv, line, "empty product_uid");
            }
            // the README documents duplicated uids with slightly different titles: the first one wins
            if (seen.add(uid)) {
                products.add(Product.ofTitle(uid, fields.get(1)));
            }
        });
        return new Catalog(products);
    }

    private Map<String, QueryGroup> readJudgments(Path judgmentsCsv) {
        Map<String, QueryGroup> groups = new LinkedHashMap<>();
        readCsv(judgmentsCsv, JUDGMENT_HEADER, (fields, line) -> {
            String uid = fields.get(1).strip();
            String rawQuery = fields.get(3).strip();
            if (uid.isEmpty() || rawQuery.isEmpty()) {
                throw new DataFileException(judgmentsCsv, line, "empty product_uid or search_term");
            }
            double relevance;
            try {
                relevance = Double.parseDouble(fields.get(4).strip());
            } catch (NumberFormatException e) {
                throw new DataFileException(judgmentsCsv, line, "relevance is not a number: [" + fields.get(4) + "]", e);
            }
            if (!(relevance >= 1 && relevance <= 3)) {
                throw new DataFileException(judgmentsCsv, line, "relevance must be in [1, 3] but was " + relevance);
            }
            QueryGroup group = groups.computeIfAbsent(Queries.normalize(rawQuery),
                q -> new QueryGroup(rawQuery, fields.get(0).strip()));
            group.grades.put(uid, relevance);
        });
        return groups;
    }

    /** RFC 4180: fields optionally double-quoted, {@code ""} a quote, quoted fields may span lines. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private static void readCsv(Path file, List<String> header, RecordConsumer consumer) {
        try (BufferedReader reader = DataFiles.reader(file); CSVParser csv = CSVParser.parse(reader, FORMAT)) {
            Iterator<CSVRecord> records = csv.iterator();
            long recordLine = 1;
            List<String> first = next(records, file, recordLine);
            if (first == null || !first.equals(header)) {
                throw new DataFileException(file, 1, "expected header " + header + " but found " + first);
            }
            List<String> fields;
            while ((fields = next(records, file, recordLine = csv.getCurrentLineNumber() + 1)) != null) {
                if (fields.size() == 1 && fields.get(0).isEmpty()) {
                    continue;
                }
                if (fields.size() != header.size()) {
                    throw new DataFileException(file, recordLine,
                        "expected " + header.size() + " fields but found " + fields.size());
                }
                consumer.accept(fields, recordLine);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The next record's fields, or null at the end; malformed quoting is a {@link DataFileException} at the line
     * where the record starts.
     */
    private static List<String> next(Iterator<CSVRecord> records, Path file, long recordLine) {
        try {
            return records.hasNext() ? records.next().toList() : null;
        } catch (UncheckedIOException e) {
            throw new DataFileException(file, recordLine, "malformed CSV: " + e.getCause().getMessage(), e);
        }
    }

    private interface RecordConsumer {
        void accept(List<String> fields, long line);
    }

    private static final class QueryGroup {
        final String rawQuery;
        final String firstId;
        final Map<String, Double> grades = new LinkedHashMap<>();

        QueryGroup(String rawQuery, String firstId) {
            this.rawQuery = rawQuery;
            this.firstId = firstId;
        }
    }
}

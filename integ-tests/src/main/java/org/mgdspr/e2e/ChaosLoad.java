package org.mgdspr.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.mgdspr.model.data.Product;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load of a chaos run: query clients sending prepared {@code mgdspr} searches without think time, and one
 * writer bulk-indexing new documents through the index's default pipeline, both through coordinating nodes that
 * stay up. It remembers every document whose bulk item was acknowledged, and those whose bulk got no answer.
 */
final class ChaosLoad {

    private static final String DOC_ID_PREFIX = "chaos-";
    private static final int BULK_DOCS = 50;
    private static final long BULK_PAUSE_MILLIS = 100;

    private final List<NodeClient> coordinators;
    private final String index;
    private final List<String> queryBodies;
    private final List<Product> products;
    private final OutcomeLog queries = new OutcomeLog();
    private final OutcomeLog bulks = new OutcomeLog();
    private final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final List<String> unanswered = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> itemErrors = Collections.synchronizedMap(new TreeMap<>());
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private ExecutorService pool;

    ChaosLoad(List<NodeClient> coordinators, String index, List<String> queryBodies, List<Product> products) {
        if (coordinators.isEmpty() || queryBodies.isEmpty() || products.isEmpty()) {
            throw new IllegalArgumentException("the load needs coordinators, query bodies and products");
        }
        this.coordinators = List.copyOf(coordinators);
        this.index = index;
        this.queryBodies = List.copyOf(queryBodies);
        this.products = List.copyOf(products);
    }

    void start(int queryClients) {
        // daemon threads: a run that fails half-way must not be kept alive by its load
        pool = Executors.newFixedThreadPool(queryClients + 1, task -> {
            Thread thread = new Thread(task, "chaos-load");
            thread.setDaemon(true);
            return thread;
        });
        for (int client = 0; client < queryClients; client++) {
            int id = client;
            pool.execute(() -> queryClient(id));
        }
        pool.execute(this::bulkWriter);
    }

    /**
     * Stops the load and waits up to {@code graceSeconds} for the requests in flight.
     *
     * @return the requests still unanswered then, which are abandoned
     */
    int stop(long graceSeconds) throws InterruptedException {
        stopping.set(true);
        pool.shutdown();
        if (pool.awaitTermination(graceSeconds, TimeUnit.SECONDS)) {
            return 0;
        }
        int abandoned = inFlight.get();
        pool.shutdownNow();
        return abandoned;
    }

    OutcomeLog queries() {
        return queries;
    }

    OutcomeLog bulks() {
        return bulks;
    }

    List<String> acknowledged() {
        synchronized (acknowledged) {
            return List.copyOf(acknowledged);
        }
    }

    /** Documents of bulk requests that failed as a whole: each may or may not have been indexed. */
    List<String> unanswered() {
        synchronized (unanswered) {
            return List.copyOf(unanswered);
        }
    }

    /** Bulk items that the cluster refused, by error type. */
    Map<String, Integer> itemErrors() {
        synchronized (itemErrors) {
            return new TreeMap<>(itemErrors);
        }
    }

    private void queryClient(int client) {
        NodeClient node = coordinators.get(client % coordinators.size());
        for (int i = client; !stopping.get(); i++) {
            String body = queryBodies.get(i % queryBodies.size());
            long start = System.nanoTime();
            inFlight.incrementAndGet();
            OutcomeLog.Result result;
            try {
                result = searchResult(node.post(index + "/_search", body));
            } catch (RuntimeException e) {
                result = OutcomeLog.Result.of(e);
            } finally {
                inFlight.decrementAndGet();
            }
            queries.add(start, result);
        }
    }

    /** A search that skipped failed shards or timed out answered only in part: an error of its own type. */
    private static OutcomeLog.Result searchResult(JsonObject response) {
        JsonObject shards = response.getAsJsonObject("_shards");
        if (shards.get("failed").getAsInt() > 0) {
            JsonObject failure = shards.getAsJsonArray("failures").get(0).getAsJsonObject();
            String type = failure.getAsJsonObject("reason").get("type").getAsString();
            return new OutcomeLog.Result("partial results: " + type, shards.toString());
        }
        return response.get("timed_out").getAsBoolean() ? new OutcomeLog.Result("timed_out", "")
            : OutcomeLog.Result.ANSWERED;
    }

    private void bulkWriter() {
        for (int batch = 0; !stopping.get(); batch++) {
            NodeClient node = coordinators.get(batch % coordinators.size());
            List<String> ids = new ArrayList<>(BULK_DOCS);
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < BULK_DOCS; i++) {
                int sequence = batch * BULK_DOCS + i;
                String id = DOC_ID_PREFIX + sequence;
                ids.add(id);
                body.append("{\"index\":{\"_id\":").append(new JsonPrimitive(id)).append("}}\n")
                    .append(ShopIndexes.document(products.get(sequence % products.size()))).append('\n');
            }
            long start = System.nanoTime();
            inFlight.incrementAndGet();
            OutcomeLog.Result result;
            try {
                result = recordItems(node.bulk(index + "/_bulk", body.toString()));
            } catch (RuntimeException e) {
                unanswered.addAll(ids);
                result = OutcomeLog.Result.of(e);
            } finally {
                inFlight.decrementAndGet();
            }
            bulks.add(start, result);
            try {
                Thread.sleep(BULK_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Remembers the acknowledged items; a bulk with refused items ends as the first refusal's type. */
    private OutcomeLog.Result recordItems(JsonObject response) {
        OutcomeLog.Result result = OutcomeLog.Result.ANSWERED;
        JsonArray items = response.getAsJsonArray("items");
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.get(i).getAsJsonObject().getAsJsonObject("index");
            int status = item.get("status").getAsInt();
            if (status == 200 || status == 201) {
                acknowledged.add(item.get("_id").getAsString());
            } else {
                String type = item.getAsJsonObject("error").get("type").getAsString();
                itemErrors.merge(type, 1, Integer::sum);
                if (result == OutcomeLog.Result.ANSWERED) {
                    result = new OutcomeLog.Result("refused items: " + type, item.toString());
                }
            }
        }
        return result;
    }
}

package org.mgdspr.plugin.registry;

import org.opensearch.OpenSearchStatusException;
import org.opensearch.core.rest.RestStatus;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Refusals of a model because the registry no longer holds what its commit verified (a record or chunk rewritten,
 * forged or removed outside the plugin's API), counted per node for the stats. Each is a 409 naming the model
 * and what does not match.
 */
public final class IntegrityFailures {

    private final AtomicLong count = new AtomicLong();

    public OpenSearchStatusException refuse(String modelId, String reason) {
        count.incrementAndGet();
        return new OpenSearchStatusException("model [" + modelId + "] is refused: " + reason, RestStatus.CONFLICT);
    }

    /** The bytes a node assembled do not hash to the digest the commit recorded. */
    public OpenSearchStatusException artifactMismatch(String modelId, String actualSha256, String committedSha256) {
        return refuse(modelId, "its stored artifact has SHA-256 [" + actualSha256 + "] but it was committed with ["
            + committedSha256 + "]: its chunks were rewritten outside the plugin's API; delete the model and upload "
            + "it again");
    }

    public long count() {
        return count.get();
    }
}

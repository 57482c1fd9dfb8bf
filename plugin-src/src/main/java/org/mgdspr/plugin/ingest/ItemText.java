package org.mgdspr.plugin.ingest;

import org.mgdspr.model.features.RequestLimits;

import java.util.Objects;

/**
 * The item-tower input read from one document: its id and title (paper §3.3 uses nothing else), within the
 * {@link RequestLimits}.
 */
public record ItemText(String itemId, String title) {

    /** @throws IllegalArgumentException naming the limit when the id or the title is too long */
    public ItemText {
        RequestLimits.id(Objects.requireNonNull(itemId, "itemId"), "[item_id]");
        RequestLimits.text(Objects.requireNonNull(title, "title"), "[title]");
    }
}

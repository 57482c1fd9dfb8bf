package org.mgdspr.plugin.ingest;

import java.util.Objects;

/** The item-tower input read from one document: its id and title (paper §3.3 uses nothing else). */
public record ItemText(String itemId, String title) {

    public ItemText {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(title, "title");
    }
}

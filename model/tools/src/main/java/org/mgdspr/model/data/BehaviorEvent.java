package org.mgdspr.model.data;

import java.util.Objects;

/**
 * One user action on an item at a time in seconds (any epoch, as long as one user's events share it).
 */
public record BehaviorEvent(long time, BehaviorAction action, String itemId) {

    public BehaviorEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(itemId, "itemId");
        if (itemId.isEmpty()) {
            throw new IllegalArgumentException("behaviour event item_id must not be empty");
        }
    }
}

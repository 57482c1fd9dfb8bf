package org.mgdspr.model.train;

import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;

import java.util.Objects;

/** One logged search: the user-tower input of the request and the item clicked under it. */
public record TrainingExample(EncodedUser user, EncodedItem clicked) {

    public TrainingExample {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(clicked, "clicked");
    }
}

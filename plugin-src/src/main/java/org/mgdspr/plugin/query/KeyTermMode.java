package org.mgdspr.plugin.query;

import java.util.Locale;

/** Where the key terms of relevance control come from. */
public enum KeyTermMode {
    /** No relevance control. */
    OFF,
    /** Detected in the query text with the model's key-term lexicon, on the coordinating node. */
    AUTO,
    /** Given in the request. */
    EXPLICIT;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

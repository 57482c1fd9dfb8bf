package org.mgdspr.plugin.registry;

import java.util.Locale;

/** A registered model is usable only once its upload was committed and verified. */
public enum ModelState {
    UPLOADING, READY;

    public String jsonValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelState fromJson(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

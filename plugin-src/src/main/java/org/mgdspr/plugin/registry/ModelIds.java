package org.mgdspr.plugin.registry;

import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.action.ValidateActions;

import java.util.regex.Pattern;

/** Rules for model ids: they become document ids in the registry index and path segments in the REST API. */
public final class ModelIds {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,127}");

    private ModelIds() {}

    /** Adds the reason to a request's validation errors when the id is not valid. */
    public static ActionRequestValidationException validate(String modelId, ActionRequestValidationException errors) {
        try {
            validate(modelId);
            return errors;
        } catch (IllegalArgumentException e) {
            return ValidateActions.addValidationError(e.getMessage(), errors);
        }
    }

    /** @throws IllegalArgumentException naming the id and the rule when the id is not valid */
    public static String validate(String modelId) {
        if (modelId == null || !VALID.matcher(modelId).matches()) {
            throw new IllegalArgumentException("invalid model_id [" + modelId + "]: use 1 to 128 lowercase letters, "
                + "digits, '_', '.' or '-', starting with a letter or digit");
        }
        return modelId;
    }
}

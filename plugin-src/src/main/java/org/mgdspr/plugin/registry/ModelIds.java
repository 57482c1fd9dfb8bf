package org.mgdspr.plugin.registry;

import org.mgdspr.model.artifact.RegistryRules;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.action.ValidateActions;


/** Rules for model ids: they become document ids in the registry index and path segments in the REST API. */
public final class ModelIds {

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
        if (!RegistryRules.isValidModelId(modelId)) {
            throw new IllegalArgumentException("invalid model_id [" + modelId + "]: " + RegistryRules.MODEL_ID_RULE);
        }
        return modelId;
    }
}

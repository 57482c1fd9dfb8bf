package org.mgdspr.plugin.ingest;

import org.mgdspr.plugin.registry.ModelIds;
import org.opensearch.ingest.AbstractBatchingProcessor;
import org.opensearch.ingest.ConfigurationUtils;
import org.opensearch.ingest.Processor;

import java.util.Map;
import java.util.Set;

/**
 * Builds {@link ItemEmbeddingProcessor}s from pipeline definitions:
 * <pre>
 * {"mgdspr_item_embedding": {"model_id": "shop-v1", "target_field": "item_vec",
 *   "fields": {"item_id": "item_id", "title": "title"}, "batch_size": 64, "ignore_missing": false}}
 * </pre>
 * Every option is checked here, so a bad pipeline is refused when it is created, with the option named.
 *
 * <p>{@code batch_size} defaults to {@value #DEFAULT_BATCH_SIZE} rather than core's 1: one model call per document
 * would pay the tower's fixed cost per document, while a few batches per bulk still spread over the inference pool.
 * It is capped at {@value #MAX_BATCH_SIZE} so that one call's inputs and activations stay small.
 */
public final class ItemEmbeddingProcessorFactory implements Processor.Factory {

    static final String MODEL_ID = "model_id";
    static final String TARGET_FIELD = "target_field";
    static final String FIELDS = "fields";
    static final String ITEM_ID = "item_id";
    static final String TITLE = "title";
    static final String IGNORE_MISSING = "ignore_missing";
    static final int DEFAULT_BATCH_SIZE = 128;
    static final int MAX_BATCH_SIZE = 1024;
    private static final Set<String> FIELD_KEYS = Set.of(ITEM_ID, TITLE);

    private final ItemEmbeddingService embeddings;

    public ItemEmbeddingProcessorFactory(ItemEmbeddingService embeddings) {
        this.embeddings = embeddings;
    }

    @Override
    public ItemEmbeddingProcessor create(Map<String, Processor.Factory> factories, String tag, String description,
                                         Map<String, Object> config) {
        String type = ItemEmbeddingProcessor.TYPE;
        String batchSizeField = AbstractBatchingProcessor.BATCH_SIZE_FIELD;
        int batchSize = ConfigurationUtils.readIntProperty(type, tag, config, batchSizeField, DEFAULT_BATCH_SIZE);
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw ConfigurationUtils.newConfigurationException(type, tag, batchSizeField,
                "must be between 1 and " + MAX_BATCH_SIZE + ", got " + batchSize);
        }
        String modelId = ConfigurationUtils.readStringProperty(type, tag, config, MODEL_ID);
        try {
            ModelIds.validate(modelId);
        } catch (IllegalArgumentException e) {
            throw ConfigurationUtils.newConfigurationException(type, tag, MODEL_ID, e.getMessage());
        }
        String targetField = ConfigurationUtils.readStringProperty(type, tag, config, TARGET_FIELD);
        Map<String, Object> fields = ConfigurationUtils.readMap(type, tag, config, FIELDS);
        for (String key : fields.keySet()) {
            if (!FIELD_KEYS.contains(key)) {
                throw ConfigurationUtils.newConfigurationException(type, tag, FIELDS,
                    "unknown source field [" + key + "], expected " + FIELD_KEYS);
            }
        }
        String itemIdField = ConfigurationUtils.readStringProperty(type, tag, fields, ITEM_ID);
        String titleField = ConfigurationUtils.readStringProperty(type, tag, fields, TITLE);
        boolean ignoreMissing = ConfigurationUtils.readBooleanProperty(type, tag, config, IGNORE_MISSING, false);
        if (targetField.equals(itemIdField) || targetField.equals(titleField)) {
            throw ConfigurationUtils.newConfigurationException(type, tag, TARGET_FIELD,
                "must differ from the source fields, got [" + targetField + "]");
        }
        return new ItemEmbeddingProcessor(tag, description, batchSize, modelId, itemIdField, titleField, targetField,
            ignoreMissing, embeddings);
    }
}

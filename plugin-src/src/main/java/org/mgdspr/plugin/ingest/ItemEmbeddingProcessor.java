package org.mgdspr.plugin.ingest;

import org.opensearch.core.action.ActionListener;
import org.opensearch.ingest.AbstractBatchingProcessor;
import org.opensearch.ingest.IngestDocument;
import org.opensearch.ingest.IngestDocumentWrapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * {@code mgdspr_item_embedding}: writes each product's item-tower embedding into a {@code knn_vector} field.
 *
 * <p>Documents of a bulk are embedded in batches of {@code batch_size} by one call to the model, on the plugin's
 * inference pool. A document whose fields are missing or of the wrong type fails alone with a reason naming the
 * field (or is passed through untouched with {@code ignore_missing}); the rest of the batch is indexed.
 */
public final class ItemEmbeddingProcessor extends AbstractBatchingProcessor {

    public static final String TYPE = "mgdspr_item_embedding";

    private final String modelId;
    private final String itemIdField;
    private final String titleField;
    private final String targetField;
    private final boolean ignoreMissing;
    private final ItemEmbeddingService embeddings;

    ItemEmbeddingProcessor(String tag, String description, int batchSize, String modelId, String itemIdField,
                           String titleField, String targetField, boolean ignoreMissing,
                           ItemEmbeddingService embeddings) {
        super(tag, description, batchSize);
        this.modelId = modelId;
        this.itemIdField = itemIdField;
        this.titleField = titleField;
        this.targetField = targetField;
        this.ignoreMissing = ignoreMissing;
        this.embeddings = embeddings;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    /** Inference is asynchronous; the ingest service always calls {@link #execute(IngestDocument, BiConsumer)}. */
    @Override
    public IngestDocument execute(IngestDocument document) {
        throw new UnsupportedOperationException(TYPE + " runs asynchronously");
    }

    @Override
    public void execute(IngestDocument document, BiConsumer<IngestDocument, Exception> handler) {
        subBatchExecute(List.of(new IngestDocumentWrapper(0, 0, document, null)), results -> {
            IngestDocumentWrapper result = results.get(0);
            handler.accept(result.getException() == null ? result.getIngestDocument() : null, result.getException());
        });
    }

    @Override
    protected void subBatchExecute(List<IngestDocumentWrapper> documents, Consumer<List<IngestDocumentWrapper>> handler) {
        List<IngestDocumentWrapper> toEmbed = new ArrayList<>();
        List<ItemText> items = new ArrayList<>();
        for (IngestDocumentWrapper wrapper : documents) {
            if (wrapper.getException() != null || wrapper.getIngestDocument() == null) {
                continue;
            }
            try {
                ItemText item = read(wrapper.getIngestDocument());
                if (item != null) {
                    toEmbed.add(wrapper);
                    items.add(item);
                }
            } catch (IllegalArgumentException e) {
                wrapper.update(wrapper.getIngestDocument(), e);
            }
        }
        if (items.isEmpty()) {
            handler.accept(documents);
            return;
        }
        embeddings.embedItems(modelId, items, ActionListener.wrap(vectors -> {
            if (vectors.length != items.size()) {
                failAll(toEmbed, new IllegalStateException("model [" + modelId + "] returned " + vectors.length
                    + " vectors for " + items.size() + " items"));
            } else {
                for (int i = 0; i < vectors.length; i++) {
                    toEmbed.get(i).getIngestDocument().setFieldValue(targetField, asList(vectors[i]));
                }
            }
            handler.accept(documents);
        }, e -> {
            failAll(toEmbed, e);
            handler.accept(documents);
        }));
    }

    /** @return null when the document lacks the fields and {@code ignore_missing} is set */
    private ItemText read(IngestDocument document) {
        Object itemId = document.getFieldValue(itemIdField, Object.class, true);
        Object title = document.getFieldValue(titleField, Object.class, true);
        if (itemId == null || title == null) {
            if (ignoreMissing) {
                return null;
            }
            String missing = itemId == null ? itemIdField : titleField;
            throw new IllegalArgumentException("field [" + missing + "] is missing; " + TYPE + " needs it to embed "
                + "the product (set ignore_missing to index such documents without a vector)");
        }
        if (!(itemId instanceof String || itemId instanceof Number)) {
            throw new IllegalArgumentException(wrongType(itemIdField, "a string or a number", itemId));
        }
        if (!(title instanceof String titleText)) {
            throw new IllegalArgumentException(wrongType(titleField, "a string", title));
        }
        String id = itemId.toString();
        if (id.isEmpty()) {
            throw new IllegalArgumentException("field [" + itemIdField + "] is empty");
        }
        return new ItemText(id, titleText);
    }

    private static String wrongType(String field, String expected, Object value) {
        return String.format(Locale.ROOT, "field [%s] must be %s, got %s [%s]", field, expected,
            value.getClass().getSimpleName(), value);
    }

    private static void failAll(List<IngestDocumentWrapper> wrappers, Exception e) {
        for (IngestDocumentWrapper wrapper : wrappers) {
            wrapper.update(wrapper.getIngestDocument(), e);
        }
    }

    private static List<Float> asList(float[] vector) {
        List<Float> values = new ArrayList<>(vector.length);
        for (float value : vector) {
            values.add(value);
        }
        return values;
    }
}

package org.mgdspr.model.config;

import java.util.List;

/**
 * Shape of the two towers and the switches used by the baselines and the ablations of the paper's Table 2.
 *
 * @param userTower        {@code "mgdspr"} (paper §3.2) or {@code "alpha_dnn"} (the YouTube-DNN-style baseline)
 * @param dim              width d of the user and item vectors (paper: 128)
 * @param itemIdDim        behaviour-item field widths; the five must add up to {@code dim} (paper reading:
 *                         64 + 16 + 16 + 16 + 16) because the concatenated behaviour vector is attended by the
 *                         d-wide query rows without a projection
 * @param shopDim          see {@code itemIdDim}
 * @param leafCategoryDim  see {@code itemIdDim}
 * @param categoryDim      see {@code itemIdDim}
 * @param brandDim         see {@code itemIdDim}
 * @param heads            self-attention heads (paper: 8); must divide {@code dim}
 * @param ffnDim           feed-forward width inside the transformer layers
 * @param lstmLayers       stacked LSTM layers of the real-time encoder (paper: 2)
 * @param lstmDropout      dropout between the LSTM layers (paper: 0.2)
 * @param attentionDropout dropout inside attention blocks
 * @param multiGranular    "mgs": the 6-row multi-granular query matrix; off = the word mean alone
 * @param trmFusion        "trm": [CLS] self-attention fusion; off = sum of the parts and a linear layer
 * @param sumProjection    without {@code trmFusion}: the linear layer after the sum; off, the sum is the vector
 * @param useRealTime      real-time behaviour sequence (LSTM + self-attention)
 * @param useShortTerm     short-term behaviour sequence (self-attention)
 * @param useLongTerm      the 12 mean-pooled long-term lists
 * @param useQueryHistory  attention of the query over the user's earlier query words
 * @param scaledAttention  divide query-to-behaviour logits by sqrt(d); the paper prints raw dot products
 * @param alphaDnnHidden   hidden widths of the alpha-DNN baseline's MLP (the last layer is always {@code dim})
 * @param itemIdDropout    probability of dropping the item id in training so titles carry cold-start items; 1
 *                         drops every id, so the item vector comes from the title alone
 * @param titleProjection  the item tower maps the title mean through a tanh layer (paper Eq. 16); off, the title
 *                         vector is the mean of its word rows
 * @param l2Normalize      both towers end with L2 normalisation, so inner products are cosines (scores then lie
 *                         in [-1, 1] and need a small {@code loss.temperature}); off in the paper, which scores raw
 *                         inner products
 */
public record TowerConfig(
    String userTower,
    int dim,
    int itemIdDim,
    int shopDim,
    int leafCategoryDim,
    int categoryDim,
    int brandDim,
    int heads,
    int ffnDim,
    int lstmLayers,
    double lstmDropout,
    double attentionDropout,
    boolean multiGranular,
    boolean trmFusion,
    boolean sumProjection,
    boolean useRealTime,
    boolean useShortTerm,
    boolean useLongTerm,
    boolean useQueryHistory,
    boolean scaledAttention,
    List<Integer> alphaDnnHidden,
    double itemIdDropout,
    boolean titleProjection,
    boolean l2Normalize) {

    public static final String MGDSPR = "mgdspr";
    public static final String ALPHA_DNN = "alpha_dnn";

    public TowerConfig {
        ConfigChecks.requireOneOf("tower.user_tower", userTower, MGDSPR, ALPHA_DNN);
        ConfigChecks.requireAtLeast("tower.dim", dim, 2);
        ConfigChecks.requireAtLeast("tower.item_id_dim", itemIdDim, 1);
        ConfigChecks.requireAtLeast("tower.shop_dim", shopDim, 1);
        ConfigChecks.requireAtLeast("tower.leaf_category_dim", leafCategoryDim, 1);
        ConfigChecks.requireAtLeast("tower.category_dim", categoryDim, 1);
        ConfigChecks.requireAtLeast("tower.brand_dim", brandDim, 1);
        int fieldSum = itemIdDim + shopDim + leafCategoryDim + categoryDim + brandDim;
        if (fieldSum != dim) {
            throw new IllegalArgumentException(
                "tower.item_id_dim + shop_dim + leaf_category_dim + category_dim + brand_dim must equal tower.dim ("
                    + dim + ") but add up to " + fieldSum);
        }
        ConfigChecks.requireAtLeast("tower.heads", heads, 1);
        if (dim % heads != 0) {
            throw new IllegalArgumentException("tower.heads (" + heads + ") must divide tower.dim (" + dim + ")");
        }
        ConfigChecks.requireAtLeast("tower.ffn_dim", ffnDim, 1);
        ConfigChecks.requireAtLeast("tower.lstm_layers", lstmLayers, 1);
        ConfigChecks.requireInRange("tower.lstm_dropout", lstmDropout, 0, 0.95);
        ConfigChecks.requireInRange("tower.attention_dropout", attentionDropout, 0, 0.95);
        ConfigChecks.requireInRange("tower.item_id_dropout", itemIdDropout, 0, 1);
        alphaDnnHidden = List.copyOf(alphaDnnHidden == null ? List.of() : alphaDnnHidden);
        for (int width : alphaDnnHidden) {
            ConfigChecks.requireAtLeast("tower.alpha_dnn_hidden[]", width, 1);
        }
    }
}

package org.mgdspr.model.eval;

import org.mgdspr.model.fusion.FusionMethod;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.fusion.RankedHits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fusions of the model's vector channel with BM25 that the {@code mgdspr} query offers, computed offline with
 * the plugin's own arithmetic ({@link FusionSpec#fuse}): each method with its defaults, and {@code auto} when the
 * model has a fitted fusion. Channels are fused at the evaluation depth, as a query whose {@code k} and
 * {@code lexical.k} equal that depth.
 */
public final class ChannelFusions {

    /** Report name of the fitted fusion. */
    public static final String AUTO = "auto";

    private ChannelFusions() {}

    /** Report name to fusion: {@code union}, {@code rrf}, {@code weighted} with defaults, then {@code auto}. */
    public static Map<String, FusionSpec> offered(FusionSpec fitted) {
        Map<String, FusionSpec> specs = new LinkedHashMap<>();
        for (FusionMethod method : FusionMethod.values()) {
            specs.put(method.jsonName(), FusionSpec.defaults(method));
        }
        if (fitted != null) {
            specs.put(AUTO, fitted);
        }
        return specs;
    }

    /**
     * The fused top {@code depth} of every request, as catalog positions.
     *
     * @param vector  the vector channel's hits per request
     * @param lexical the lexical channel's hits per request, same order
     */
    public static int[][] fuse(FusionSpec spec, List<RankedHits> vector, List<RankedHits> lexical, int depth) {
        if (vector.size() != lexical.size()) {
            throw new IllegalArgumentException(vector.size() + " vector rankings but " + lexical.size()
                + " lexical rankings");
        }
        int[][] fused = new int[vector.size()][];
        for (int r = 0; r < fused.length; r++) {
            List<RankedHits> channels = new ArrayList<>(2);
            channels.add(vector.get(r));
            channels.add(lexical.get(r));
            fused[r] = spec.fuse(channels).top(depth);
        }
        return fused;
    }
}

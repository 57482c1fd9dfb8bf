package org.mgdspr.model.teacher;

import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.features.FeatureHasher;
import org.mgdspr.model.features.HashTable;
import org.mgdspr.model.features.QueryTokens;
import org.mgdspr.model.nn.EmbeddingTable;
import org.mgdspr.model.nn.LazyRowMatrix;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts the towers' text tables from the teacher instead of random vectors: every query word (and unigram and
 * bigram, when the user tower reads them) and every title unit seen in the given texts is encoded by the teacher on
 * its own, centred on the mean of all
 * units (single words sit apart from whole titles in the teacher's space), projected into the towers' width, and
 * written into its hash bucket (the mean of the units that share a bucket). Rows no unit reaches keep
 * their random start. The written rows are scaled so their mean length is 1, the length of a random row, which
 * keeps the optimizer's step sizes meaningful.
 */
public final class TeacherInitialization {

    private final TextTeacher teacher;
    private final TeacherProjection projection;

    public TeacherInitialization(TextTeacher teacher, TeacherProjection projection) {
        this.teacher = teacher;
        this.projection = projection;
    }

    /** @return the number of rows written */
    public int apply(TwoTowerModel model, FeatureEncoder encoder, Collection<String> queries,
                     Collection<String> titles) {
        if (projection.dim() != model.config().tower().dim()) {
            throw new IllegalArgumentException("the projection gives " + projection.dim() + " floats but the towers are "
                + model.config().tower().dim() + " wide");
        }
        Map<EmbeddingTable, Set<String>> unitsByTable = new IdentityHashMap<>();
        Map<EmbeddingTable, HashTable> hashOf = new IdentityHashMap<>();
        EmbeddingTable unigrams = model.userTower().embedder().unigramTable();
        EmbeddingTable bigrams = model.userTower().embedder().bigramTable();
        EmbeddingTable words = model.userTower().embedder().wordTable();
        EmbeddingTable titleTable = model.itemTower().embedder().titleTable();
        boolean grams = model.userTower().embedder().readsQueryGrams();
        for (String query : queries) {
            QueryTokens tokens = encoder.queryTokens(query);
            if (grams) {
                collect(unitsByTable, hashOf, unigrams, HashTable.UNIGRAM, tokens.unigrams());
                collect(unitsByTable, hashOf, bigrams, HashTable.BIGRAM, tokens.bigrams());
            }
            collect(unitsByTable, hashOf, words, HashTable.WORD, tokens.words());
        }
        for (String title : titles) {
            collect(unitsByTable, hashOf, titleTable, HashTable.TITLE, encoder.titleUnits(title));
        }
        Map<String, float[]> projected = projectUnits(unitsByTable);
        List<float[]> written = new ArrayList<>();
        List<LazyRowMatrix> matrices = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        FeatureHasher hasher = encoder.hasher();
        unitsByTable.forEach((table, units) -> {
            Map<Integer, float[]> sums = new LinkedHashMap<>();
            Map<Integer, Integer> counts = new LinkedHashMap<>();
            for (String unit : units) {
                float[] vector = projected.get(teacherText(unit));
                if (vector == null) {
                    continue;
                }
                int row = hasher.hash(hashOf.get(table), unit);
                float[] sum = sums.computeIfAbsent(row, r -> new float[vector.length]);
                for (int k = 0; k < vector.length; k++) {
                    sum[k] += vector[k];
                }
                counts.merge(row, 1, Integer::sum);
            }
            sums.forEach((row, sum) -> {
                float count = counts.get(row);
                for (int k = 0; k < sum.length; k++) {
                    sum[k] /= count;
                }
                written.add(sum);
                matrices.add(table.values());
                rows.add(row);
            });
        });
        float scale = unitMeanLength(written);
        for (int i = 0; i < written.size(); i++) {
            LazyRowMatrix matrix = matrices.get(i);
            int row = rows.get(i);
            float[] page = matrix.writablePage(row);
            int offset = matrix.offsetInPage(row);
            float[] vector = written.get(i);
            for (int k = 0; k < vector.length; k++) {
                page[offset + k] = vector[k] * scale;
            }
        }
        return written.size();
    }

    private static void collect(Map<EmbeddingTable, Set<String>> unitsByTable, Map<EmbeddingTable, HashTable> hashOf,
                                EmbeddingTable table, HashTable hash, List<String> units) {
        unitsByTable.computeIfAbsent(table, t -> new LinkedHashSet<>()).addAll(units);
        hashOf.putIfAbsent(table, hash);
    }

    private Map<String, float[]> projectUnits(Map<EmbeddingTable, Set<String>> unitsByTable) {
        Set<String> texts = new LinkedHashSet<>();
        unitsByTable.values().forEach(units -> units.stream().map(TeacherInitialization::teacherText)
            .filter(text -> !text.isEmpty()).forEach(texts::add));
        List<String> ordered = new ArrayList<>(texts);
        Map<String, float[]> projected = new LinkedHashMap<>();
        if (ordered.isEmpty()) {
            return projected;
        }
        float[][] vectors = teacher.embed(ordered);
        float[] centre = TeacherProjection.mean(vectors);
        for (int i = 0; i < vectors.length; i++) {
            projected.put(ordered.get(i), projection.projectAround(vectors[i], centre));
        }
        return projected;
    }

    /** A unit as the teacher reads it: without the boundary marks of trigrams ({@code #ab}) and bigrams ({@code ^ a}). */
    static String teacherText(String unit) {
        return unit.replace("#", "").replace("^", "").replace("$", "").trim();
    }

    private static float unitMeanLength(List<float[]> vectors) {
        double total = 0;
        for (float[] vector : vectors) {
            double norm = 0;
            for (float v : vector) {
                norm += v * v;
            }
            total += Math.sqrt(norm);
        }
        return total == 0 ? 1f : (float) (vectors.size() / total);
    }
}

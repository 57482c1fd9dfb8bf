package org.mgdspr.model.teacher;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Principal components of teacher vectors: maps a teacher vector into the towers' width as its centred
 * coordinates on the {@code dim} directions of largest variance. Queries and titles go through the same map, so
 * the teacher's similarities survive as far as {@code dim} components can keep them.
 */
public final class TeacherProjection {

    private final float[] mean;
    private final float[][] components;

    private TeacherProjection(float[] mean, float[][] components) {
        this.mean = mean;
        this.components = components;
    }

    /** Fits the {@code dim} leading components of {@code vectors} (rows of equal width, at least two of them). */
    public static TeacherProjection fit(List<float[]> vectors, int dim) {
        Objects.requireNonNull(vectors, "vectors");
        if (vectors.size() < 2) {
            throw new IllegalArgumentException("a projection needs at least 2 teacher vectors, got " + vectors.size());
        }
        int width = vectors.get(0).length;
        if (dim < 1 || dim > width) {
            throw new IllegalArgumentException("projection width must be in [1, " + width + "] but was " + dim);
        }
        double[] mean = new double[width];
        for (float[] vector : vectors) {
            if (vector.length != width) {
                throw new IllegalArgumentException("teacher vectors differ in width: " + vector.length + " vs " + width);
            }
            for (int j = 0; j < width; j++) {
                mean[j] += vector[j];
            }
        }
        for (int j = 0; j < width; j++) {
            mean[j] /= vectors.size();
        }
        double[][] covariance = new double[width][width];
        double[] centred = new double[width];
        for (float[] vector : vectors) {
            for (int j = 0; j < width; j++) {
                centred[j] = vector[j] - mean[j];
            }
            for (int a = 0; a < width; a++) {
                double ca = centred[a];
                double[] row = covariance[a];
                for (int b = a; b < width; b++) {
                    row[b] += ca * centred[b];
                }
            }
        }
        for (int a = 0; a < width; a++) {
            for (int b = a; b < width; b++) {
                covariance[a][b] /= vectors.size() - 1;
                covariance[b][a] = covariance[a][b];
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(covariance, false));
        double[] values = eigen.getRealEigenvalues();
        RealMatrix vectorsByColumn = eigen.getV();
        int[] order = IntStream.range(0, width).boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> values[i]).reversed())
            .mapToInt(Integer::intValue).toArray();
        float[][] components = new float[dim][width];
        for (int k = 0; k < dim; k++) {
            double[] column = vectorsByColumn.getColumn(order[k]);
            for (int j = 0; j < width; j++) {
                components[k][j] = (float) column[j];
            }
        }
        float[] meanFloat = new float[width];
        for (int j = 0; j < width; j++) {
            meanFloat[j] = (float) mean[j];
        }
        return new TeacherProjection(meanFloat, components);
    }

    public int dim() {
        return components.length;
    }

    /** The projected coordinates of one teacher vector, centred on the mean of the vectors the fit saw. */
    public float[] project(float[] vector) {
        return projectAround(vector, mean);
    }

    /**
     * The coordinates of {@code vector - centre} on the fitted components: for vectors of another population than
     * the fit's (single words rather than titles), centred on their own mean, so that their common offset from
     * the titles' mean does not swamp what tells them apart.
     */
    public float[] projectAround(float[] vector, float[] centre) {
        if (vector.length != mean.length || centre.length != mean.length) {
            throw new IllegalArgumentException("expected teacher vectors of " + mean.length + " floats, got "
                + vector.length + " and a centre of " + centre.length);
        }
        float[] projected = new float[components.length];
        for (int k = 0; k < components.length; k++) {
            float[] component = components[k];
            double sum = 0;
            for (int j = 0; j < vector.length; j++) {
                sum += (vector[j] - centre[j]) * component[j];
            }
            projected[k] = (float) sum;
        }
        return projected;
    }

    /** The element-wise mean of equally wide vectors. */
    public static float[] mean(float[][] vectors) {
        if (vectors.length == 0) {
            throw new IllegalArgumentException("the mean of no vectors is undefined");
        }
        float[] mean = new float[vectors[0].length];
        for (float[] vector : vectors) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += vector[j] / vectors.length;
            }
        }
        return mean;
    }

    /** The projection scaled to unit length (a zero projection stays zero): what a distilled tower should output. */
    public float[] projectToUnit(float[] vector) {
        float[] projected = project(vector);
        double norm = 0;
        for (float v : projected) {
            norm += v * v;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int k = 0; k < projected.length; k++) {
                projected[k] *= scale;
            }
        }
        return projected;
    }
}

package org.mgdspr.model.serving;

/**
 * The kernels that carry almost all of the serving forward's arithmetic: products, dot products and the
 * transcendental functions of softmax, LSTM gates and tanh layers. {@link #best()} picks the JDK Vector
 * API implementation when the {@code jdk.incubator.vector} module is present (OpenSearch nodes and the test JVMs
 * add it) and plain loops otherwise; both compute the same sums up to float rounding.
 */
interface MatrixKernels {

    /** Which implementation this is, for a node's statistics. */
    ServingKernels describe();

    /** The panel width of {@link PackedMatrix} these products read fastest. */
    int panelWidth();

    /**
     * {@code y[yAt, yAt + out) = bias[biasAt, biasAt + out) + x[xAt, xAt + in) m}. {@code bias} may be {@code y}
     * itself at {@code yAt}, which then accumulates the product.
     */
    void multiply(PackedMatrix m, float[] bias, int biasAt, float[] x, int xAt, float[] y, int yAt);

    /** {@link #multiply} on each of the first {@code rows} rows of {@code x} into the same rows of {@code y}. */
    void multiplyRows(PackedMatrix m, float[] bias, float[] x, int rows, float[] y);

    float dot(float[] a, int aAt, float[] b, int bAt, int n);

    /** Replaces {@code x[at, at + n)} by its softmax. */
    void softmax(float[] x, int at, int n);

    /** Replaces {@code x[at, at + n)} by its logistic sigmoid. */
    void sigmoid(float[] x, int at, int n);

    /** Replaces {@code x[at, at + n)} by its hyperbolic tangent. */
    void tanh(float[] x, int at, int n);

    static MatrixKernels best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (MatrixKernels) Class.forName(MatrixKernels.class.getPackageName() + ".PanamaMatrixKernels")
                    .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarMatrixKernels();
            }
        }
        return new ScalarMatrixKernels();
    }
}

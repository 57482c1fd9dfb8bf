package org.mgdspr.model.teacher;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A sentence encoder run by ONNX Runtime with a HuggingFace tokenizer: the mean of the last hidden states over the
 * attention mask, scaled to unit length (how sentence-transformers pools all-MiniLM-L6-v2). The one adapter to both
 * libraries. Texts are batched by token count, so a batch pads little.
 */
public final class OnnxSentenceEncoder implements TextTeacher, AutoCloseable {

    /** Tokens per text after truncation; product titles and queries stay far below it. */
    static final int MAX_TOKENS = 128;
    private static final int BATCH = 64;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final Set<String> inputs;
    private final String output;
    private final String fingerprint;
    private final int dim;

    public OnnxSentenceEncoder(TeacherSource source, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("teacher threads must be >= 1 but was " + threads);
        }
        try {
            this.tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(source.tokenizer()),
                Map.of("truncation", "true", "maxLength", Integer.toString(MAX_TOKENS), "padding", "false"));
            this.environment = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                this.session = environment.createSession(source.onnx(), options);
            }
            this.inputs = session.getInputNames();
            if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
                throw new IllegalArgumentException("teacher [" + source.name() + "] must take input_ids and "
                    + "attention_mask, but its inputs are " + inputs);
            }
            Set<String> outputs = session.getOutputNames();
            this.output = outputs.contains("last_hidden_state") ? "last_hidden_state" : outputs.iterator().next();
            this.fingerprint = source.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + digest(source);
            this.dim = encodeBatch(List.of("dimension probe"))[0].length;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the tokenizer of teacher [" + source.name() + "]", e);
        } catch (OrtException e) {
            throw new IllegalArgumentException("ONNX Runtime could not load teacher [" + source.name() + "]: "
                + e.getMessage(), e);
        }
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public float[][] embed(List<String> texts) {
        Encoding[] encodings = texts.stream().map(tokenizer::encode).toArray(Encoding[]::new);
        Integer[] order = IntStream.range(0, texts.size()).boxed()
            .sorted(Comparator.comparingInt(i -> encodings[i].getIds().length)).toArray(Integer[]::new);
        float[][] vectors = new float[texts.size()][];
        for (int from = 0; from < order.length; from += BATCH) {
            int to = Math.min(order.length, from + BATCH);
            Encoding[] batch = new Encoding[to - from];
            for (int i = from; i < to; i++) {
                batch[i - from] = encodings[order[i]];
            }
            float[][] pooled = runUnchecked(batch);
            for (int i = from; i < to; i++) {
                vectors[order[i]] = pooled[i - from];
            }
        }
        return vectors;
    }

    private float[][] encodeBatch(List<String> texts) throws OrtException {
        return run(texts.stream().map(tokenizer::encode).toArray(Encoding[]::new));
    }

    private float[][] runUnchecked(Encoding[] batch) {
        try {
            return run(batch);
        } catch (OrtException e) {
            throw new IllegalStateException("the teacher failed on a batch of " + batch.length + " texts", e);
        }
    }

    private float[][] run(Encoding[] batch) throws OrtException {
        int rows = batch.length;
        int length = 1;
        for (Encoding encoding : batch) {
            length = Math.max(length, encoding.getIds().length);
        }
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        long[] types = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            long[] tokens = batch[r].getIds();
            System.arraycopy(tokens, 0, ids, r * length, tokens.length);
            System.arraycopy(batch[r].getAttentionMask(), 0, mask, r * length, tokens.length);
            System.arraycopy(batch[r].getTypeIds(), 0, types, r * length, tokens.length);
        }
        long[] shape = {rows, length};
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            feed.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (inputs.contains("token_type_ids")) {
                feed.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(feed, Set.of(output))) {
                OnnxTensor hidden = (OnnxTensor) result.get(0);
                long[] outShape = hidden.getInfo().getShape();
                return pool(hidden.getFloatBuffer(), outShape, mask, rows, length);
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /** Mean over unmasked positions of a {@code (rows, length, dim)} output, or a {@code (rows, dim)} one as is. */
    private static float[][] pool(FloatBuffer values, long[] shape, long[] mask, int rows, int length) {
        int width = (int) shape[shape.length - 1];
        float[][] pooled = new float[rows][width];
        for (int r = 0; r < rows; r++) {
            float[] vector = pooled[r];
            if (shape.length == 2) {
                values.get(r * width, vector);
            } else {
                int count = 0;
                for (int t = 0; t < length; t++) {
                    if (mask[r * length + t] == 0) {
                        continue;
                    }
                    count++;
                    int base = (r * length + t) * width;
                    for (int j = 0; j < width; j++) {
                        vector[j] += values.get(base + j);
                    }
                }
                for (int j = 0; j < width; j++) {
                    vector[j] /= Math.max(1, count);
                }
            }
            double norm = 0;
            for (float v : vector) {
                norm += v * v;
            }
            float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
            for (int j = 0; j < width; j++) {
                vector[j] *= scale;
            }
        }
        return pooled;
    }

    private static String digest(TeacherSource source) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(source.onnx());
            sha.update(source.tokenizer());
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("could not close the teacher's ONNX session", e);
        } finally {
            tokenizer.close();
        }
    }
}

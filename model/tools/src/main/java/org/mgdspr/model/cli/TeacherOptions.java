package org.mgdspr.model.cli;

import org.mgdspr.model.teacher.CachedTeacher;
import org.mgdspr.model.teacher.OnnxSentenceEncoder;
import org.mgdspr.model.teacher.TeacherSource;

import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;

/** A pretrained teacher that {@code --teacher} chose, opened with its disk cache. */
final class TeacherOptions implements AutoCloseable {

    static final String TEACHER_HELP = TeacherSource.ALL_MINILM_L6_V2 + " (bundled) or a directory with an ONNX "
        + "sentence encoder and its tokenizer.json";
    static final String CACHE_HELP = "where teacher vectors are cached (default $MGDSPR_CACHE_DIR/teacher, else "
        + "~/.cache/mgdspr/teacher)";

    private final OnnxSentenceEncoder encoder;
    private final CachedTeacher teacher;

    private TeacherOptions(OnnxSentenceEncoder encoder, CachedTeacher teacher) {
        this.encoder = encoder;
        this.teacher = teacher;
    }

    /**
     * @param spec  the command, for usage errors
     * @param name  the {@code --teacher} value
     * @param cache the {@code --teacher-cache} value, or null for the default directory
     */
    static TeacherOptions open(CommandSpec spec, String name, Path cache) throws IOException {
        TeacherSource source;
        try {
            source = TeacherSource.resolve(name);
        } catch (IllegalArgumentException e) {
            throw Usage.error(spec, "option --teacher: " + e.getMessage());
        }
        OnnxSentenceEncoder encoder = new OnnxSentenceEncoder(source, Runtime.getRuntime().availableProcessors());
        try {
            return new TeacherOptions(encoder, new CachedTeacher(encoder, cache == null ? defaultCache() : cache));
        } catch (IOException | RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    private static Path defaultCache() {
        String root = System.getenv("MGDSPR_CACHE_DIR");
        return root != null && !root.isBlank() ? Path.of(root, "teacher")
            : Path.of(System.getProperty("user.home"), ".cache", "mgdspr", "teacher");
    }

    CachedTeacher teacher() {
        return teacher;
    }

    @Override
    public void close() {
        encoder.close();
    }
}

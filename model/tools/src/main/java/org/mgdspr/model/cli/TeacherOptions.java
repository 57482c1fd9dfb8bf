package org.mgdspr.model.cli;

import org.mgdspr.model.teacher.CachedTeacher;
import org.mgdspr.model.teacher.OnnxSentenceEncoder;
import org.mgdspr.model.teacher.TeacherSource;
import org.mgdspr.model.train.TeacherGuidance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The options that choose a pretrained teacher, and the opened teacher with its disk cache. */
final class TeacherOptions implements AutoCloseable {

    static final String MODE_INIT = "init";
    static final String MODE_DISTILL = "distill";
    static final String MODE_BOTH = "both";
    static final int DEFAULT_DISTILL_EPOCHS = 10;

    private final OnnxSentenceEncoder encoder;
    private final CachedTeacher teacher;

    private TeacherOptions(OnnxSentenceEncoder encoder, CachedTeacher teacher) {
        this.encoder = encoder;
        this.teacher = teacher;
    }

    static List<Option> trainOptions() {
        return List.of(
            Option.value("teacher", "name|dir", TeacherSource.ALL_MINILM_L6_V2 + " (bundled) or a directory with an "
                + "ONNX sentence encoder and its tokenizer.json (default " + TeacherSource.ALL_MINILM_L6_V2
                + " for --dataset homedepot, none otherwise)"),
            Option.flag("no-teacher", "train without a teacher: the paper's recipe alone"),
            Option.value("teacher-mode", "mode", "init | distill | both (default both): start the text tables from "
                + "the teacher, distil towards its vectors of titles and train queries, or both"),
            Option.value("distill-epochs", "n", "distillation passes over titles and train queries (default "
                + DEFAULT_DISTILL_EPOCHS + ")"),
            Option.flag("joint-distillation", "also take a distillation step after every step of the paper's loss"),
            cacheOption());
    }

    static Option evalOption() {
        return Option.value("teacher", "name|dir", "also evaluate this teacher zero-shot (" + TeacherSource.ALL_MINILM_L6_V2
            + " or a directory with an ONNX sentence encoder and its tokenizer.json)");
    }

    static Option cacheOption() {
        return Option.value("teacher-cache", "dir", "where teacher vectors are cached (default $MGDSPR_CACHE_DIR/teacher, "
            + "else ~/.cache/mgdspr/teacher)");
    }

    /** The teacher a train run asks for, or null; {@code dataset} decides the default. */
    static TeacherOptions forTraining(Arguments arguments, String dataset) throws IOException {
        if (arguments.flag("no-teacher")) {
            for (String excluded : List.of("teacher", "teacher-mode", "distill-epochs", "joint-distillation")) {
                if (arguments.has(excluded)) {
                    throw new UsageException("option --" + excluded + " contradicts --no-teacher");
                }
            }
            return null;
        }
        String spec = arguments.string("teacher",
            DatasetOptions.HOMEDEPOT.equals(dataset) ? TeacherSource.ALL_MINILM_L6_V2 : null);
        if (spec == null) {
            for (String dependent : List.of("teacher-mode", "distill-epochs", "joint-distillation")) {
                if (arguments.has(dependent)) {
                    throw new UsageException("option --" + dependent + " needs a teacher (--teacher)");
                }
            }
            return null;
        }
        return open(arguments, spec);
    }

    /** The teacher {@code mgdspr eval --teacher} evaluates zero-shot, or null. */
    static TeacherOptions forEvaluation(Arguments arguments) throws IOException {
        return arguments.has("teacher") ? open(arguments, arguments.required("teacher")) : null;
    }

    private static TeacherOptions open(Arguments arguments, String spec) throws IOException {
        TeacherSource source;
        try {
            source = TeacherSource.resolve(spec);
        } catch (IllegalArgumentException e) {
            throw new UsageException("option --teacher: " + e.getMessage());
        }
        OnnxSentenceEncoder encoder = new OnnxSentenceEncoder(source, Runtime.getRuntime().availableProcessors());
        try {
            return new TeacherOptions(encoder, new CachedTeacher(encoder, cacheDirectory(arguments)));
        } catch (IOException | RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    private static Path cacheDirectory(Arguments arguments) {
        if (arguments.has("teacher-cache")) {
            return arguments.path("teacher-cache");
        }
        String root = System.getenv("MGDSPR_CACHE_DIR");
        return root != null && !root.isBlank() ? Path.of(root, "teacher")
            : Path.of(System.getProperty("user.home"), ".cache", "mgdspr", "teacher");
    }

    CachedTeacher teacher() {
        return teacher;
    }

    TeacherGuidance guidance(Arguments arguments) {
        String mode = arguments.choice("teacher-mode", MODE_BOTH, List.of(MODE_INIT, MODE_DISTILL, MODE_BOTH));
        int epochs = MODE_INIT.equals(mode) ? 0 : arguments.integer("distill-epochs", DEFAULT_DISTILL_EPOCHS, 1);
        if (MODE_INIT.equals(mode) && arguments.has("distill-epochs")) {
            throw new UsageException("option --distill-epochs needs --teacher-mode distill or both");
        }
        return new TeacherGuidance(teacher, !MODE_DISTILL.equals(mode), epochs, arguments.flag("joint-distillation"));
    }

    @Override
    public void close() {
        encoder.close();
    }
}

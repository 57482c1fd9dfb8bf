package org.mgdspr.model.cli;

import org.mgdspr.model.teacher.TeacherSource;
import org.mgdspr.model.train.TeacherGuidance;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code train} options that choose a pretrained teacher and how it guides training. */
final class TrainingTeacherOptions {

    static final String MODE_INIT = "init";
    static final String MODE_DISTILL = "distill";
    static final String MODE_BOTH = "both";
    static final List<String> MODES = List.of(MODE_INIT, MODE_DISTILL, MODE_BOTH);
    static final int DEFAULT_DISTILL_EPOCHS = 10;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--teacher", paramLabel = "<name|dir>", description = TeacherOptions.TEACHER_HELP + " (default "
        + TeacherSource.ALL_MINILM_L6_V2 + " for --dataset homedepot, none otherwise)")
    private String teacher;

    @Option(names = "--no-teacher", description = "train without a teacher: the paper's recipe alone")
    private boolean noTeacher;

    @Option(names = "--teacher-mode", paramLabel = "<mode>", completionCandidates = Modes.class,
        description = "init | distill | both (default both): start the text tables from the teacher, distil towards "
            + "its vectors of titles and train queries, or both")
    private String mode;

    @Option(names = "--distill-epochs", paramLabel = "<n>",
        description = "distillation passes over titles and train queries (default " + DEFAULT_DISTILL_EPOCHS + ")")
    private Integer distillEpochs;

    @Option(names = "--joint-distillation", description = "also take a distillation step after every step of the "
        + "paper's loss")
    private boolean joint;

    @Option(names = "--teacher-cache", paramLabel = "<dir>", description = TeacherOptions.CACHE_HELP)
    private Path cache;

    /** The teacher the run asks for, or null; {@code dataset} decides the default. */
    TeacherOptions open(String dataset) throws IOException {
        if (noTeacher) {
            String contradicting = teacher != null ? "--teacher" : firstTeacherSetting();
            if (contradicting != null) {
                throw Usage.error(spec, "option " + contradicting + " contradicts --no-teacher");
            }
            return null;
        }
        String name = teacher != null ? teacher
            : DatasetOptions.HOMEDEPOT.equals(dataset) ? TeacherSource.ALL_MINILM_L6_V2 : null;
        if (name == null) {
            String dependent = firstTeacherSetting();
            if (dependent != null) {
                throw Usage.error(spec, "option " + dependent + " needs a teacher (--teacher)");
            }
            return null;
        }
        return TeacherOptions.open(spec, name, cache);
    }

    TeacherGuidance guidance(TeacherOptions opened) {
        String chosen = Usage.choice(spec, "--teacher-mode", mode, MODE_BOTH, MODES);
        if (MODE_INIT.equals(chosen) && distillEpochs != null) {
            throw Usage.error(spec, "option --distill-epochs needs --teacher-mode distill or both");
        }
        int epochs = MODE_INIT.equals(chosen) ? 0
            : Usage.atLeast(spec, "--distill-epochs", distillEpochs == null ? DEFAULT_DISTILL_EPOCHS : distillEpochs, 1);
        return new TeacherGuidance(opened.teacher(), !MODE_DISTILL.equals(chosen), epochs, joint);
    }

    /** The first given option that only means something with a teacher, or null. */
    private String firstTeacherSetting() {
        return mode != null ? "--teacher-mode" : distillEpochs != null ? "--distill-epochs"
            : joint ? "--joint-distillation" : null;
    }

    /** Completion candidates of {@code --teacher-mode}. */
    static final class Modes extends ArrayList<String> {
        Modes() {
            super(MODES);
        }
    }
}

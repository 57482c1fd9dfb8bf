package org.mgdspr.model.train;

import org.mgdspr.model.teacher.TextTeacher;

import java.util.Objects;

/**
 * How a pretrained teacher shapes training: its vectors can initialise the text tables and serve as distillation
 * targets for every catalog title and every train query, in epochs before the paper's loss and, jointly, one
 * distillation step after each step of the paper's loss.
 *
 * @param teacher         the sentence encoder (normally cached on disk)
 * @param initialise      start the text tables from the teacher's vectors of their units
 * @param distillEpochs   passes over the titles and train queries with the cosine distillation loss (0: none)
 * @param joint           also take a distillation step on a random batch of titles and queries after every step
 *                        of the paper's loss, so the text paths keep what they learnt from the teacher
 */
public record TeacherGuidance(TextTeacher teacher, boolean initialise, int distillEpochs, boolean joint) {

    public TeacherGuidance {
        Objects.requireNonNull(teacher, "teacher");
        if (distillEpochs < 0) {
            throw new IllegalArgumentException("distillation epochs must be >= 0 but was " + distillEpochs);
        }
        if (!initialise && distillEpochs == 0 && !joint) {
            throw new IllegalArgumentException("a teacher must initialise the tables, distil, or both");
        }
    }
}

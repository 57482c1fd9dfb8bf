package org.mgdspr.model.teacher;

import java.util.List;

/** Sentence vectors of a pretrained encoder: one unit-length vector of {@link #dim()} floats per text. */
public interface TextTeacher {

    /** Identifies the teacher's weights, so cached vectors of one teacher are never served for another. */
    String fingerprint();

    int dim();

    /** The vectors of {@code texts}, in order; equal texts get equal vectors. */
    float[][] embed(List<String> texts);
}

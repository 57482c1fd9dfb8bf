package org.mgdspr.model.serving;

import java.util.List;

/** Turns the user tower's parts ({@code Q} and each behaviour part, all {@code R x d}) into the user vector. */
interface PartFusion {

    float[] fuse(List<float[]> parts, int rowsPerPart);
}

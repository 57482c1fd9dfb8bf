package org.mgdspr.model.serving;

import org.mgdspr.model.features.EncodedUser;

/** A user tower's forward for one user, before the optional L2 normalisation. */
interface UserForward {

    float[] apply(EncodedUser user);
}

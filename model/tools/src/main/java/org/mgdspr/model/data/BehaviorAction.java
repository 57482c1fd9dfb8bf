package org.mgdspr.model.data;

/** The three user actions the long-term lists distinguish (paper §3.2.2). */
public enum BehaviorAction {
    CLICK,
    BUY,
    /** Add to favourites, cart or follow list. */
    COLLECT
}

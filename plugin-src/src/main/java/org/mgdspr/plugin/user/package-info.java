/**
 * A user context as it reaches a node: read from XContent tokens wherever it arrives (a query's {@code user}, a
 * user-profile document, {@code _embed}) and carried between nodes in its transport form.
 */
package org.mgdspr.plugin.user;

package org.mgdspr.plugin.rest;

/** Every REST endpoint of the plugin lives under this prefix. */
public final class MgdsprRestPaths {

    public static final String BASE = "/_plugins/mgdspr";

    private MgdsprRestPaths() {}
}

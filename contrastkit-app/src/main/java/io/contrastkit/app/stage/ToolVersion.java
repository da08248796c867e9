package io.contrastkit.app.stage;

/** This build's version string, recorded in stores and models and printed by {@code --version}. */
public final class ToolVersion {

    private ToolVersion() {
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    public static String current() {
        String v = ToolVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}

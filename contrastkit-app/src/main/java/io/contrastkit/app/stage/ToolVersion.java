package io.contrastkit.app.stage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This build's version string, recorded in stores and models and printed by {@code --version}. */
public final class ToolVersion {

    /** Written by Maven's resource filtering; unfiltered (an IDE build) it still holds the placeholder. */
    private static final String RESOURCE = "version.properties";
    private static final String CURRENT = find();

    private ToolVersion() {
    }

    /**
     * The version of this build: the jar manifest's {@code Implementation-Version}, or, when run from classes
     * (tests, an IDE), the version Maven wrote into {@code version.properties}; "dev" only when neither knows.
     */
    public static String current() {
        return CURRENT;
    }

    /** The running Java, as a model's provenance records it: vendor and version. */
    public static String javaRuntime() {
        return System.getProperty("java.vendor") + " " + System.getProperty("java.version");
    }

    /** The operating system, as a model's provenance records it: name, version and architecture. */
    public static String operatingSystem() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }

    private static String find() {
        String v = ToolVersion.class.getPackage().getImplementationVersion();
        if (v != null && !v.isBlank()) {
            return v;
        }
        v = fromResource();
        return v == null ? "dev" : v;
    }

    static String fromResource() {
        try (InputStream in = ToolVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").strip();
            return v.isEmpty() || v.contains("${") ? null : v;
        } catch (IOException e) {
            return null;
        }
    }
}

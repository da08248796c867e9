package io.contrastkit.learn.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a model came from: tool version, input store, row count, options, seed, Java and OS, and the
 * time it was made (supplied by the caller, so that a fixed time gives byte-identical model files).
 */
public record Provenance(String toolVersion, String store, int rows, Map<String, Object> options, long seed,
                         String java, String os, String createdAt) {
    public Provenance {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * What the caller knows about the run: the tool version, the input's name, the creation time (ISO-8601), and
     * the Java runtime and operating system it runs on (learn reads no system properties: the caller says).
     */
    public record Source(String toolVersion, String store, String createdAt, String java, String os) {
        public Source {
            if (toolVersion == null || store == null || createdAt == null || java == null || os == null) {
                throw new IllegalArgumentException("toolVersion, store, createdAt, java and os must not be null");
            }
        }

        /** A source whose runtime is not recorded ("unknown"): tests and callers that do not care. */
        public Source(String toolVersion, String store, String createdAt) {
            this(toolVersion, store, createdAt, "unknown", "unknown");
        }
    }

    static Provenance of(Source source, int rows, ContrastModelOptions options, long seed) {
        return new Provenance(source.toolVersion(), source.store(), rows, options.asMap(), seed, source.java(),
                source.os(), source.createdAt());
    }
}

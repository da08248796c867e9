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

    /** What the caller knows about the run: the tool version, the input's name and the creation time (ISO-8601). */
    public record Source(String toolVersion, String store, String createdAt) {
        public Source {
            if (toolVersion == null || store == null || createdAt == null) {
                throw new IllegalArgumentException("toolVersion, store and createdAt must not be null");
            }
        }
    }

    static Provenance of(Source source, int rows, ContrastModelOptions options, long seed) {
        return new Provenance(source.toolVersion(), source.store(), rows, options.asMap(), seed,
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                source.createdAt());
    }
}

package io.contrastkit.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A store that an older contrastkit wrote, migrated in place when a session opened it for writing.
 *
 * @param fromVersion the schema version the file had
 * @param toVersion   the schema version it has now ({@link FeatureStore#SCHEMA_VERSION})
 * @param backup      the untouched copy of the file made before anything changed
 */
public record SchemaMigration(int fromVersion, int toVersion, Path backup) {

    public SchemaMigration {
        Objects.requireNonNull(backup, "backup");
        if (fromVersion < 1 || toVersion <= fromVersion) {
            throw new IllegalArgumentException("a migration goes up from version 1 or later, got " + fromVersion
                    + " to " + toVersion);
        }
    }

    /** One line for a person: what happened to which file, and where the old one is. */
    public String describe(Path store) {
        return "store " + store + " was written by an older contrastkit (schema version " + fromVersion
                + "); migrated in place to version " + toVersion + ", the original is kept at " + backup;
    }
}

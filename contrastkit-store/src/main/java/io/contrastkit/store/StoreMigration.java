package io.contrastkit.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.duckdb.DuckDBConnection;

/**
 * Brings a store written by an older contrastkit up to {@link FeatureStore#SCHEMA_VERSION}, in place,
 * after copying the file aside: the record of what was done is the {@link SchemaMigration} a session keeps.
 * Each step is one transaction, so a crash leaves either the old layout or the new one, and the backup.
 *
 * <p>Versions: 1 (release 0.1.0) had no {@code images.decoder}; 2 records each row's decoder.
 */
final class StoreMigration {

    private StoreMigration() {
    }

    /** The schema version in the file's store_meta, or 0 when it has none (an empty or foreign database). */
    static int storedVersion(DuckDBConnection conn, Path shown) {
        try {
            if (!StoreFiles.tableExists(conn, "store_meta")) {
                return 0;
            }
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT value FROM store_meta WHERE key = 'schema_version'")) {
                String v = rs.next() ? rs.getString(1) : null;
                try {
                    return v == null ? 0 : Integer.parseInt(v.trim());
                } catch (NumberFormatException e) {
                    throw new StoreException("store " + shown + " has schema version '" + v + "', which is not a number;"
                            + " the file is damaged or was not written by contrastkit", e);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read store " + shown + ": " + StoreFiles.firstLine(e.getMessage()), e);
        }
    }

    /**
     * Copies a closed store file (and its write-ahead log, if any) to a backup beside it that does not
     * exist yet: {@code store.duckdb.schema1.bak}, or {@code ...schema1.2.bak} if that is taken.
     */
    static Path backup(Path file, Path shown, int fromVersion) {
        Path dir = file.toAbsolutePath().getParent();
        String base = file.getFileName() + ".schema" + fromVersion;
        Path target = dir.resolve(base + ".bak");
        for (int i = 2; Files.exists(target); i++) {
            target = dir.resolve(base + "." + i + ".bak");
        }
        try {
            Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
            Path wal = file.resolveSibling(file.getFileName() + ".wal");
            if (Files.exists(wal)) {
                Files.copy(wal, target.resolveSibling(target.getFileName() + ".wal"), StandardCopyOption.COPY_ATTRIBUTES);
            }
            return target;
        } catch (IOException e) {
            throw new StoreException("store " + shown + " needs migrating from schema version " + fromVersion + " to "
                    + FeatureStore.SCHEMA_VERSION + ", but its backup " + target + " cannot be written (" + e.getMessage()
                    + "); nothing was changed", e);
        }
    }

    /** Runs every step from {@code fromVersion} up, each in its own transaction. */
    static void migrate(DuckDBConnection conn, Path shown, int fromVersion) {
        int v = fromVersion;
        try {
            if (v == 1) {
                step(conn, 2, "ALTER TABLE images ADD COLUMN decoder VARCHAR");
                v = 2;
            }
            if (v != FeatureStore.SCHEMA_VERSION) {
                throw new IllegalStateException("no migration from schema version " + v);
            }
            try (Statement st = conn.createStatement()) {
                // The new layout on disk now, not at some later close.
                st.execute("CHECKPOINT");
            }
        } catch (SQLException e) {
            throw new StoreException("cannot migrate store " + shown + " from schema version " + v + ": "
                    + StoreFiles.firstLine(e.getMessage()) + " (its backup is untouched)", e);
        }
    }

    private static void step(DuckDBConnection conn, int to, String... statements) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("BEGIN TRANSACTION");
            try {
                for (String s : statements) {
                    st.execute(s);
                }
                st.execute("UPDATE store_meta SET value = '" + to + "' WHERE key = 'schema_version'");
                st.execute("INSERT INTO store_meta VALUES ('migrated_to_" + to + "_at', '" + Instant.now() + "')");
                st.execute("COMMIT");
            } catch (SQLException e) {
                st.execute("ROLLBACK");
                throw e;
            }
        }
    }
}

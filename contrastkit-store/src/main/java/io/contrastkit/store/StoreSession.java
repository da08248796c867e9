package io.contrastkit.store;

import io.contrastkit.core.FeatureSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.duckdb.DuckDBConnection;

/**
 * One process's access to one store file: the only way to open a store. It opens the DuckDB database
 * once (so the file lock, the "in use" message and the schema and feature-version check live here and
 * nowhere else) and hands out views of its tables: {@link #features()} (images and features),
 * {@link #predictions()}, {@link #labels()} (labels and judgements), {@link #embeddings()}.
 *
 * <p>Each view works on its own connection to the same database instance ({@code duplicate()}): DuckDB
 * connections are not meant to be shared between threads, and an explorer request that writes a label
 * must not wait for a long feature scan. Views are created on first use and closed with the session.
 */
public final class StoreSession implements AutoCloseable {

    /** How a session opens its file. */
    public enum Access {
        /** Read and write; the file and its tables are created when absent (extract, import). */
        CREATE,
        /** Read and write a store that must already exist (cluster, label, pseudolabel). */
        WRITE,
        /** Read only; other read-only openers may share the file (report, export, validate). */
        READ
    }

    private final Path file;
    private final FeatureSchema schema;
    private final Access access;
    private final DuckDBConnection primary;
    private final FeatureStore features;
    private final List<DuckDBConnection> extra = new ArrayList<>();
    private PredictionTable predictions;
    private LabelTable labels;
    private EmbeddingTable embeddings;
    private final SchemaMigration migration;

    private StoreSession(Path file, FeatureSchema schema, Access access, DuckDBConnection primary,
                         SchemaMigration migration) {
        this.file = file;
        this.migration = migration;
        this.schema = schema;
        this.access = access;
        this.primary = primary;
        this.features = FeatureStore.attach(file, schema, readOnly(), access == Access.CREATE, primary);
    }

    /**
     * Opens the store at {@code file}.
     *
     * @param file   the store file, as the user named it (messages quote it so)
     * @param schema the feature schema this process computes; a store of another version is refused
     * @throws StoreException naming the file when it is missing, in use, not a store, or of another version
     */
    public static StoreSession open(Path file, FeatureSchema schema, Access access) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(access, "access");
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new StoreException("store " + file + " is a directory, not a store file");
        }
        if (access != Access.CREATE && !Files.isRegularFile(abs)) {
            throw new StoreException("no store at " + file + " (run contrastkit extract first)");
        }
        if (access == Access.CREATE && abs.getParent() != null) {
            try {
                Files.createDirectories(abs.getParent());
            } catch (IOException e) {
                throw new StoreException("cannot create the folder of store " + file + ": " + e.getMessage(), e);
            }
        }
        // Streamed results: a million-row feature scan is read chunk by chunk, not materialised whole.
        DuckDBConnection conn = StoreFiles.connect(abs, file, access == Access.READ, true);
        SchemaMigration migration = null;
        try {
            int version = StoreMigration.storedVersion(conn, file);
            if (version > FeatureStore.SCHEMA_VERSION) {
                throw new StoreException("store " + file + " has schema version " + version + ", newer than the "
                        + FeatureStore.SCHEMA_VERSION + " this contrastkit reads; use the contrastkit that wrote it"
                        + " (or a newer one)");
            }
            if (version >= 1 && version < FeatureStore.SCHEMA_VERSION && access != Access.READ) {
                // Copy the file while no connection holds it (the copy must see every committed page),
                // then change it in place. Readers never migrate: they read the older layout as it is.
                StoreFiles.close(conn, file);
                conn = null;
                Path backup = StoreMigration.backup(abs, file, version);
                conn = StoreFiles.connect(abs, file, false, true);
                if (StoreMigration.storedVersion(conn, file) == version) {
                    StoreMigration.migrate(conn, file, version);
                    migration = new SchemaMigration(version, FeatureStore.SCHEMA_VERSION, backup);
                } else {
                    // Another process migrated it between our close and reopen: our backup is redundant.
                    removeRedundant(backup, file);
                }
            }
            return new StoreSession(file, schema, access, conn, migration);
        } catch (RuntimeException e) {
            if (conn != null) {
                StoreFiles.close(conn, file);
            }
            throw e;
        }
    }

    private static void removeRedundant(Path backup, Path file) {
        try {
            Files.deleteIfExists(backup);
        } catch (IOException e) {
            throw new StoreException("cannot remove a redundant backup of store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens the store read-only (see {@link Access#READ}). */
    public static StoreSession read(Path file, FeatureSchema schema) {
        return open(file, schema, Access.READ);
    }

    /**
     * The migration this opening did, if the file had an older schema and the session may write; a person
     * should be told (see {@link SchemaMigration#describe}).
     */
    public Optional<SchemaMigration> migration() {
        return Optional.ofNullable(migration);
    }

    /** The store file as the user named it. */
    public Path file() {
        return file;
    }

    /** The feature schema the store holds. */
    public FeatureSchema schema() {
        return schema;
    }

    /** Whether the session was opened read-only. */
    public boolean readOnly() {
        return access == Access.READ;
    }

    /** The images and features tables. */
    public FeatureStore features() {
        return features;
    }

    /** The predictions of fitted models, created on first use when the session may write. */
    public synchronized PredictionTable predictions() {
        if (predictions == null) {
            predictions = PredictionTable.attach(file, schema, readOnly(), connection());
        }
        return predictions;
    }

    /** Labels and pairwise judgements, created on first use when the session may write. */
    public synchronized LabelTable labels() {
        if (labels == null) {
            labels = LabelTable.attach(file, schema, readOnly(), connection());
        }
        return labels;
    }

    /** Learned embeddings by deep models, created on first use when the session may write. */
    public synchronized EmbeddingTable embeddings() {
        if (embeddings == null) {
            embeddings = EmbeddingTable.attach(file, readOnly(), connection());
        }
        return embeddings;
    }

    private DuckDBConnection connection() {
        try {
            DuckDBConnection c = primary.duplicate();
            extra.add(c);
            return c;
        } catch (SQLException e) {
            throw new StoreException("cannot open another connection to store " + file + ": "
                    + StoreFiles.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public synchronized void close() {
        StoreException first = null;
        for (DuckDBConnection c : extra) {
            try {
                StoreFiles.close(c, file);
            } catch (StoreException e) {
                first = first == null ? e : first;
            }
        }
        extra.clear();
        try {
            features.close();
        } catch (StoreException e) {
            first = first == null ? e : first;
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "StoreSession[" + file + ", " + access + "]";
    }
}

package io.contrastkit.store;

import io.contrastkit.core.FeatureSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;

/** Opening a store's DuckDB file, with DuckDB's lock and IO errors turned into messages a person can act on. */
final class StoreFiles {

    private static final Pattern LOCK_PID = Pattern.compile("\\(PID (\\d+)\\)");

    private StoreFiles() {
    }

    /**
     * A connection to the store file; read-only openers can share a file, a writer has it alone.
     *
     * @param shown the store's name as the user gave it, for messages
     */
    static DuckDBConnection connect(Path absolute, Path shown, boolean readOnly, boolean streamResults) {
        Properties props = new Properties();
        if (readOnly) {
            // Read-only is a connection property: DuckDB ignores it in the URL.
            props.setProperty("duckdb.read_only", "true");
        }
        if (streamResults) {
            // Results stream chunk by chunk instead of being materialised whole (large stores).
            props.setProperty("jdbc_stream_results", "true");
        }
        try {
            return DriverManager.getConnection("jdbc:duckdb:" + absolute, props).unwrap(DuckDBConnection.class);
        } catch (SQLException e) {
            throw translateOpenError(shown, e);
        }
    }

    /** A connection to a store that must already exist (tables beside the features: predictions, labels). */
    static DuckDBConnection connectExisting(Path store, boolean readOnly) {
        Objects.requireNonNull(store, "store");
        Path abs = store.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new StoreException("no store at " + store + " (run contrastkit extract first)");
        }
        return connect(abs, store, readOnly, false);
    }

    /** Fails unless the connection holds a contrastkit store of the schema's feature version. */
    static void requireStoreOf(Connection conn, Path file, FeatureSchema schema) throws SQLException {
        if (!tableExists(conn, "store_meta")) {
            throw new StoreException(file + " is not a contrastkit store (no store_meta table)");
        }
        String version = null;
        try (PreparedStatement ps = conn.prepareStatement("SELECT value FROM store_meta WHERE key = 'feature_version'");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                version = rs.getString(1);
            }
        }
        if (!schema.version().equals(version)) {
            throw new StoreException("store " + file + " holds feature version '" + version
                    + "' but this contrastkit computes '" + schema.version() + "'; re-extract into a new store");
        }
    }

    static boolean tableExists(Connection conn, String table) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    static StoreException translateOpenError(Path file, SQLException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("Could not set lock") || msg.contains("Conflicting lock")) {
            Matcher m = LOCK_PID.matcher(msg);
            String pid = m.find() ? " (pid " + m.group(1) + ")" : "";
            return new StoreInUseException("store " + file + " is in use by another contrastkit process" + pid
                    + " (an extract, or an explorer?); wait for it to finish or choose another --store", e);
        }
        return new StoreException("cannot open store " + file + ": " + firstLine(msg), e);
    }

    /** The first line of a message: DuckDB appends multi-line context that buries the point. */
    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}

package io.contrastkit.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;

/** Opening a store's DuckDB file, with DuckDB's lock and IO errors turned into messages a person can act on. */
final class StoreFiles {

    /** How long an open waits for another process's lock on the file before it reports the store in use. */
    static final long LOCK_WAIT_MS = 2000;

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
        // A writer that holds the file for milliseconds (the explorer writing a label) is waited for, briefly.
        long deadline = System.nanoTime() + LOCK_WAIT_MS * 1_000_000L;
        while (true) {
            try {
                return DriverManager.getConnection("jdbc:duckdb:" + absolute, props).unwrap(DuckDBConnection.class);
            } catch (SQLException e) {
                StoreException failure = translateOpenError(shown, e);
                if (!(failure instanceof StoreInUseException) || System.nanoTime() > deadline) {
                    throw failure;
                }
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreInUseException("interrupted while waiting for store " + shown
                        + ", which another process is using", e);
            }
        }
    }

    /** Closes a connection, naming the store when that fails. */
    static void close(Connection conn, Path shown) {
        try {
            conn.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close store " + shown + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** Work run inside {@link #inTransaction}. */
    interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    static void inTransaction(Connection conn, SqlWork work) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("BEGIN TRANSACTION");
            try {
                work.run();
                st.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    st.execute("ROLLBACK");
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
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
        if (msg.contains("not a valid DuckDB database file")) {
            return new StoreException("store " + file + " is not a DuckDB database (another kind of file, or one"
                    + " damaged at its start); choose another --store", e);
        }
        if (msg.contains("different configuration than existing connections")
                || msg.contains("Unique file handle conflict")) {
            // This process has the file open already with the other access (read-only against read-write);
            // DuckDB says the second when the open races the other's open or close (StoreOpenRaceTest).
            return new StoreInUseException("store " + file + " is in use in this process with another access"
                    + " (read-only against read-write); wait for it to finish", e);
        }
        return new StoreException("cannot open store " + file + ": " + firstLine(msg), e);
    }

    /** What a damaged store file says, after the store's name and what could not be done. */
    static final String DAMAGED = "the file looks damaged or truncated (DuckDB cannot read its data);"
            + " restore it from a backup, or re-extract into a new store";

    /**
     * The first line of a message: DuckDB appends multi-line context that buries the point. A damaged
     * file's errors become {@link #DAMAGED}: with streamed results DuckDB's driver reports a block it
     * cannot read only as "Invalid result set", and a checksum error names DuckDB's internals.
     */
    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).trim();
        if (line.endsWith("Invalid result set") || line.contains("Corrupt database file")
                || line.startsWith("Data Corruption Error")) {
            return DAMAGED;
        }
        return line;
    }
}

package io.contrastkit.store;

import io.contrastkit.core.FeatureSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * People's input in a feature store: a {@code labels} table (image id, label, source human or propagated,
 * confidence, time) and a {@code judgements} table (two images shown side by side and the one a person said
 * has more contrast).
 *
 * <p>Opens its own connection, like {@link PredictionTable}; every method is synchronised because a web
 * server calls it from several request threads. Rows of images that were re-extracted since (new ids) drop
 * out of every read, which joins on the current images.
 */
public final class LabelTable {

    /** Who gave a label. */
    public enum Source {
        /** Typed by a person. */
        HUMAN,
        /** Predicted from the human labels by propagation. */
        PROPAGATED;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Source ofCode(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** One image's label, with its path and when it was given (ISO-8601). */
    public record Label(long imageId, String path, String label, Source source, double confidence, String labeledAt) {
    }

    /** A propagated label to write. */
    public record Prediction(long imageId, String label, double confidence) {
    }

    /** One pairwise judgement: {@code winner} is {@code left} or {@code right}. */
    public record Judgement(long left, long right, long winner, String judgedAt) {
    }

    private final Path file;
    private final boolean readOnly;
    private final DuckDBConnection conn;

    private LabelTable(Path file, boolean readOnly, DuckDBConnection conn) {
        this.file = file;
        this.readOnly = readOnly;
        this.conn = conn;
    }

    /** The labels and judgements view of a session's database; creates its tables when the session may write. */
    static LabelTable attach(Path store, FeatureSchema schema, boolean readOnly, DuckDBConnection conn) {
        Objects.requireNonNull(schema, "schema");
        LabelTable t = new LabelTable(store, readOnly, conn);
        t.initialise(schema);
        return t;
    }

    private void initialise(FeatureSchema schema) {
        try {
            if (!readOnly) {
                try (Statement st = conn.createStatement()) {
                    st.execute("CREATE TABLE IF NOT EXISTS labels (image_id BIGINT NOT NULL, label VARCHAR NOT NULL,"
                            + " source VARCHAR NOT NULL, confidence DOUBLE NOT NULL, labeled_at TIMESTAMP NOT NULL)");
                    st.execute("CREATE TABLE IF NOT EXISTS judgements (left_id BIGINT NOT NULL, right_id BIGINT NOT NULL,"
                            + " winner_id BIGINT NOT NULL, judged_at TIMESTAMP NOT NULL)");
                }
            }
        } catch (SQLException e) {
            throw failure("prepare the label tables of", e);
        }
    }


    /** The id of the ok image stored at {@code path} (exactly as extracted), if any. */
    public synchronized Optional<Long> imageId(String path) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM images WHERE path = ? AND status = 'ok'")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("look up an image in", e);
        }
    }

    /** Sets a person's label of one image, replacing any earlier label of that image (human or propagated). */
    public synchronized void putHuman(long imageId, String label) {
        requireWritable();
        Objects.requireNonNull(label, "label");
        inTransaction(() -> {
            try (PreparedStatement del = conn.prepareStatement("DELETE FROM labels WHERE image_id = ?");
                 PreparedStatement ins = conn.prepareStatement(
                         "INSERT INTO labels VALUES (?, ?, 'human', 1.0, now()::TIMESTAMP)")) {
                del.setLong(1, imageId);
                del.execute();
                ins.setLong(1, imageId);
                ins.setString(2, label);
                ins.execute();
            }
        }, "write a label to");
    }

    /** Removes a person's label of one image; returns whether there was one. */
    public synchronized boolean removeHuman(long imageId) {
        requireWritable();
        try (PreparedStatement del = conn.prepareStatement("DELETE FROM labels WHERE image_id = ? AND source = 'human'")) {
            del.setLong(1, imageId);
            return del.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("remove a label from", e);
        }
    }

    /**
     * Replaces every propagated label with {@code predictions} in one transaction; images a person labelled
     * keep their label (rows for them are skipped).
     */
    public synchronized void replacePropagated(List<Prediction> predictions) {
        requireWritable();
        inTransaction(() -> {
            try (Statement st = conn.createStatement()) {
                st.execute("DELETE FROM labels WHERE source = 'propagated'");
            }
            java.util.Set<Long> human = new java.util.HashSet<>();
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT image_id FROM labels WHERE source = 'human'")) {
                while (rs.next()) {
                    human.add(rs.getLong(1));
                }
            }
            // The database's clock, as for human labels (now()::TIMESTAMP), so times compare.
            java.time.LocalDateTime now;
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT now()::TIMESTAMP")) {
                rs.next();
                now = rs.getObject(1, java.time.LocalDateTime.class);
            }
            try (DuckDBAppender a = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "labels")) {
                for (Prediction p : predictions) {
                    if (human.contains(p.imageId())) {
                        continue;
                    }
                    a.beginRow().append(p.imageId()).append(p.label()).append(Source.PROPAGATED.code())
                            .append(p.confidence()).append(now);
                    a.endRow();
                }
                a.flush();
            }
        }, "write propagated labels to");
    }

    /**
     * The current label of one image, if it has one: what the explorer's detail view shows, read alone
     * because after propagation every image has a label and reading them all per view would scale with
     * the collection.
     */
    public synchronized Optional<Label> label(long imageId) {
        if (!hasTable("labels")) {
            return Optional.empty();
        }
        String sql = "SELECT l.image_id, i.path, l.label, l.source, l.confidence,"
                + " strftime(l.labeled_at, '%Y-%m-%dT%H:%M:%S.%fZ') FROM labels l JOIN images i ON i.id = l.image_id"
                + " WHERE l.image_id = ?";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, imageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Label(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Source.ofCode(rs.getString(4)), rs.getDouble(5), rs.getString(6))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read a label of", e);
        }
    }

    /** Every current label, in path order. */
    public synchronized List<Label> labels() {
        List<Label> out = new ArrayList<>();
        if (!hasTable("labels")) {
            return out;
        }
        String sql = "SELECT l.image_id, i.path, l.label, l.source, l.confidence,"
                + " strftime(l.labeled_at, '%Y-%m-%dT%H:%M:%S.%fZ') FROM labels l JOIN images i ON i.id = l.image_id"
                + " ORDER BY i.path";
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new Label(rs.getLong(1), rs.getString(2), rs.getString(3), Source.ofCode(rs.getString(4)),
                        rs.getDouble(5), rs.getString(6)));
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the labels of", e);
        }
    }

    /** Records that a person found {@code winner} (one of the two) to have more contrast. */
    public synchronized void addJudgement(long left, long right, long winner) {
        requireWritable();
        if (left == right || (winner != left && winner != right)) {
            throw new IllegalArgumentException("judgement of " + left + " vs " + right + ": winner " + winner
                    + " must be one of two different images");
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO judgements VALUES (?, ?, ?, now()::TIMESTAMP)")) {
            ps.setLong(1, left);
            ps.setLong(2, right);
            ps.setLong(3, winner);
            ps.execute();
        } catch (SQLException e) {
            throw failure("write a judgement to", e);
        }
    }

    /** How many judgements of images still in the store there are ({@code judgements().size()} without reading them). */
    public synchronized long judgementCount() {
        if (!hasTable("judgements")) {
            return 0;
        }
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM judgements j"
                + " JOIN images a ON a.id = j.left_id JOIN images b ON b.id = j.right_id")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("count the judgements of", e);
        }
    }

    /** Every judgement of images still in the store, oldest first. */
    public synchronized List<Judgement> judgements() {
        List<Judgement> out = new ArrayList<>();
        if (!hasTable("judgements")) {
            return out;
        }
        String sql = "SELECT j.left_id, j.right_id, j.winner_id, strftime(j.judged_at, '%Y-%m-%dT%H:%M:%S.%fZ')"
                + " FROM judgements j JOIN images a ON a.id = j.left_id JOIN images b ON b.id = j.right_id"
                + " ORDER BY j.judged_at";
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new Judgement(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)));
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the judgements of", e);
        }
    }

    /**
     * Writes the labels, one row per labelled image in path order: {@code path,label,source,confidence,labeled_at}.
     *
     * @param parquet Parquet instead of CSV
     */
    public synchronized void export(Path out, boolean parquet) {
        if (!hasTable("labels")) {
            throw new StoreException("store " + file + " has no labels (label images with contrastkit label or the explorer)");
        }
        String select = "SELECT i.path, l.label, l.source, l.confidence, l.labeled_at FROM labels l"
                + " JOIN images i ON i.id = l.image_id ORDER BY i.path";
        try (Statement st = conn.createStatement()) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            st.execute("COPY (" + select + ") TO '" + out.toAbsolutePath().toString().replace("'", "''") + "'"
                    + (parquet ? " (FORMAT parquet)" : " (FORMAT csv, HEADER true)"));
        } catch (SQLException e) {
            throw new StoreException("cannot export the labels of store " + file + " to " + out + ": "
                    + StoreFiles.firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of " + out + ": " + e.getMessage(), e);
        }
    }

    private boolean hasTable(String name) {
        try {
            return StoreFiles.tableExists(conn, name);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private void inTransaction(StoreFiles.SqlWork work, String what) {
        try {
            StoreFiles.inTransaction(conn, work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private void requireWritable() {
        if (readOnly) {
            throw new StoreException("store " + file + " was opened read-only");
        }
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + " store " + file + ": " + StoreFiles.firstLine(e.getMessage()), e);
    }


    /** Closes this view's connection; only its session calls it. */
    synchronized void close() {
        StoreFiles.close(conn, file);
    }

    @Override
    public String toString() {
        return "LabelTable[" + file + (readOnly ? ", read-only" : "") + "]";
    }
}

package io.contrastkit.store;

import io.contrastkit.core.FeatureSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Per-image model predictions in a feature store: a {@code predictions} table keyed by image id and model
 * id, and a {@code prediction_models} table saying which models wrote predictions and when (the latest is
 * the default for reading).
 *
 * <p>A view of a {@link StoreSession}. An image measured again keeps its id, so its predictions stay,
 * but stale until the next fit writes the model's predictions again ({@link #staleCount}).
 */
public final class PredictionTable {

    /** One image's prediction by one model. */
    public record Row(long imageId, int group, String groupName, double distance, double contrastScore,
                      double anomalyScore, boolean anomaly, double mapX, double mapY) {
    }

    /** A prediction with the image's path. */
    public record PathRow(String path, Row row) {
    }

    /** A model that wrote predictions: its id, model file, row count and when (ISO-8601). */
    public record ModelEntry(String modelId, String modelPath, long rows, String writtenAt) {
    }

    private static final String COLUMNS = "\"group\", group_name, distance, contrast_score, anomaly_score, is_anomaly,"
            + " map_x, map_y";

    private final Path file;
    private final FeatureSchema schema;
    private final boolean readOnly;
    private final DuckDBConnection conn;

    private PredictionTable(Path file, FeatureSchema schema, boolean readOnly, DuckDBConnection conn) {
        this.file = file;
        this.schema = schema;
        this.readOnly = readOnly;
        this.conn = conn;
    }

    /** The predictions view of a session's database; creates its tables when the session may write. */
    static PredictionTable attach(Path store, FeatureSchema schema, boolean readOnly, DuckDBConnection conn) {
        Objects.requireNonNull(schema, "schema");
        PredictionTable t = new PredictionTable(store, schema, readOnly, conn);
        t.initialise();
        return t;
    }

    private void initialise() {
        try {
            if (!readOnly && !StoreFiles.tableExists(conn, "predictions")) {
                try (Statement st = conn.createStatement()) {
                    st.execute("BEGIN TRANSACTION");
                    st.execute("CREATE TABLE predictions (image_id BIGINT NOT NULL, model_id VARCHAR NOT NULL,"
                            + " \"group\" INTEGER NOT NULL, group_name VARCHAR NOT NULL, distance DOUBLE NOT NULL,"
                            + " contrast_score DOUBLE NOT NULL, anomaly_score DOUBLE NOT NULL,"
                            + " is_anomaly BOOLEAN NOT NULL, map_x DOUBLE NOT NULL, map_y DOUBLE NOT NULL)");
                    st.execute("CREATE TABLE prediction_models (model_id VARCHAR NOT NULL, model_path VARCHAR,"
                            + " rows BIGINT NOT NULL, written_at TIMESTAMP NOT NULL)");
                    st.execute("COMMIT");
                }
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }


    /**
     * Replaces every prediction of {@code modelId} with {@code rows} in one transaction and records the
     * model as the latest.
     */
    public void replace(String modelId, String modelPath, List<Row> rows) {
        if (readOnly) {
            throw new StoreException("store " + file + " was opened read-only");
        }
        Objects.requireNonNull(modelId, "modelId");
        try {
            StoreFiles.inTransaction(conn, () -> {
                try (PreparedStatement ps = conn.prepareStatement("DELETE FROM predictions WHERE model_id = ?")) {
                    ps.setString(1, modelId);
                    ps.execute();
                }
                try (PreparedStatement ps = conn.prepareStatement("DELETE FROM prediction_models WHERE model_id = ?")) {
                    ps.setString(1, modelId);
                    ps.execute();
                }
                try (DuckDBAppender a = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "predictions")) {
                    for (Row r : rows) {
                        a.beginRow().append(r.imageId()).append(modelId).append(r.group()).append(r.groupName())
                                .append(r.distance()).append(r.contrastScore()).append(r.anomalyScore())
                                .append(r.anomaly()).append(r.mapX()).append(r.mapY());
                        a.endRow();
                    }
                    a.flush();
                }
                try (PreparedStatement ps = conn.prepareStatement(
                        "INSERT INTO prediction_models VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, modelId);
                    ps.setString(2, modelPath);
                    ps.setLong(3, rows.size());
                    // UTC, like images.extracted_at: staleness compares the two (now() would be local time).
                    ps.setObject(4, LocalDateTime.now(ZoneOffset.UTC));
                    ps.execute();
                }
            });
        } catch (SQLException e) {
            throw failure("write predictions to", e);
        }
    }

    /** Models that wrote predictions, latest first. */
    public List<ModelEntry> models() {
        List<ModelEntry> out = new ArrayList<>();
        if (!hasTables()) {
            return out;
        }
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT model_id, model_path, rows, strftime(written_at, '%Y-%m-%dT%H:%M:%S.%fZ') FROM prediction_models"
                        + " ORDER BY written_at DESC, model_id")) {
            while (rs.next()) {
                out.add(new ModelEntry(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the prediction models of", e);
        }
    }

    /** The latest model's id, if any model wrote predictions. */
    public Optional<String> latestModel() {
        List<ModelEntry> m = models();
        return m.isEmpty() ? Optional.empty() : Optional.of(m.get(0).modelId());
    }

    private boolean hasTables() {
        try {
            return StoreFiles.tableExists(conn, "predictions") && StoreFiles.tableExists(conn, "prediction_models");
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * How many of a model's predictions are stale: their image was measured again (or failed) after the
     * model wrote them, so they describe features the store no longer holds. The next {@code cluster}
     * refreshes them; until then commands say how many there are.
     */
    public long staleCount(String modelId) {
        if (!hasTables()) {
            return 0;
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM predictions p"
                + " JOIN images i ON i.id = p.image_id JOIN prediction_models m ON m.model_id = p.model_id"
                + " WHERE p.model_id = ? AND (i.extracted_at > m.written_at OR i.status <> 'ok')")) {
            ps.setString(1, modelId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("read the predictions of", e);
        }
    }

    /** The {@code limit} highest anomaly scores of a model's predictions (ties: path order). */
    public List<PathRow> topAnomalies(String modelId, int limit) {
        return query("ORDER BY p.anomaly_score DESC, i.path LIMIT " + Math.max(0, limit), modelId);
    }

    /** Every prediction of a model, in path order. */
    public List<PathRow> all(String modelId) {
        return query("ORDER BY i.path", modelId);
    }

    private List<PathRow> query(String tail, String modelId) {
        List<PathRow> out = new ArrayList<>();
        if (!hasTables()) {
            return out;
        }
        String sql = "SELECT i.path, p.image_id, " + prefixed() + " FROM predictions p JOIN images i ON i.id = p.image_id"
                + " WHERE p.model_id = ? " + tail;
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, modelId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PathRow(rs.getString(1), new Row(rs.getLong(2), rs.getInt(3), rs.getString(4),
                            rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getBoolean(8), rs.getDouble(9),
                            rs.getDouble(10))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the predictions of", e);
        }
    }

    private static String prefixed() {
        return List.of(COLUMNS.split(", ")).stream().map(c -> "p." + c.trim()).collect(Collectors.joining(", "));
    }

    /**
     * Writes one row per image in path order: {@code path,status,<features>,group,group_name,contrast_score,
     * anomaly_score,map_x,map_y}, the model's columns empty for images it did not predict.
     *
     * @param parquet Parquet instead of CSV
     */
    public void export(String modelId, Path out, boolean parquet) {
        String features = schema.names().stream().map(n -> "f.\"" + n + "\"").collect(Collectors.joining(", "));
        if (!hasTables()) {
            throw new StoreException("store " + file + " has no predictions (run contrastkit cluster first)");
        }
        String predictions = " LEFT JOIN predictions p ON p.image_id = i.id AND p.model_id = " + literal(modelId);
        String select = "SELECT i.path, i.status, " + features + ", p.\"group\", p.group_name, p.contrast_score,"
                + " p.anomaly_score, p.map_x, p.map_y FROM images i LEFT JOIN features f ON f.image_id = i.id"
                + predictions + " ORDER BY i.path";
        try (Statement st = conn.createStatement()) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            st.execute("COPY (" + select + ") TO " + literal(out.toAbsolutePath().toString())
                    + (parquet ? " (FORMAT parquet)" : " (FORMAT csv, HEADER true)"));
        } catch (SQLException e) {
            throw new StoreException("cannot export the predictions of store " + file + " to " + out + ": "
                    + StoreFiles.firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of " + out + ": " + e.getMessage(), e);
        }
    }

    private static String literal(String s) {
        return '\'' + s.replace("'", "''") + '\'';
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + " store " + file + ": " + StoreFiles.firstLine(e.getMessage()), e);
    }


    /** Closes this view's connection; only its session calls it. */
    void close() {
        StoreFiles.close(conn, file);
    }

    @Override
    public String toString() {
        return "PredictionTable[" + file + (readOnly ? ", read-only" : "") + "]";
    }
}

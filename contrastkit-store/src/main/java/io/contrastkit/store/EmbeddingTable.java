package io.contrastkit.store;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Learned embeddings in a feature store: an {@code embeddings} table keyed by image id and model id (one float
 * vector per image), and {@code embedding_models} saying which deep model wrote them, from where, their size
 * and when. A view of a {@link StoreSession}; its tables are made on first use by a session that may write.
 */
public final class EmbeddingTable {

    /** One image's embedding by one model. */
    public record Row(long imageId, float[] vector) {

        public Row {
            Objects.requireNonNull(vector, "vector");
        }
    }

    /** A model that wrote embeddings: its id, directory, vector size, row count and when (ISO-8601, UTC). */
    public record ModelEntry(String modelId, String modelDir, int size, long rows, String writtenAt) {
    }

    private final Path file;
    private final boolean readOnly;
    private final DuckDBConnection conn;

    private EmbeddingTable(Path file, boolean readOnly, DuckDBConnection conn) {
        this.file = file;
        this.readOnly = readOnly;
        this.conn = conn;
    }

    static EmbeddingTable attach(Path store, boolean readOnly, DuckDBConnection conn) {
        EmbeddingTable t = new EmbeddingTable(store, readOnly, conn);
        if (!readOnly && !t.hasTables()) {
            try (Statement st = conn.createStatement()) {
                st.execute("BEGIN TRANSACTION");
                st.execute("CREATE TABLE embeddings (image_id BIGINT NOT NULL, model_id VARCHAR NOT NULL,"
                        + " vector FLOAT[] NOT NULL)");
                st.execute("CREATE TABLE embedding_models (model_id VARCHAR NOT NULL, model_dir VARCHAR,"
                        + " size INTEGER NOT NULL, rows BIGINT NOT NULL, written_at TIMESTAMP NOT NULL)");
                st.execute("COMMIT");
            } catch (SQLException e) {
                throw t.failure("create the embedding tables of", e);
            }
        }
        return t;
    }

    /**
     * Replaces every embedding of {@code modelId} with {@code rows} in one transaction.
     *
     * @throws IllegalArgumentException naming the image when a vector is not {@code size} long or not finite
     */
    public void replace(String modelId, String modelDir, int size, List<Row> rows) {
        if (readOnly) {
            throw new StoreException("store " + file + " was opened read-only");
        }
        Objects.requireNonNull(modelId, "modelId");
        for (Row r : rows) {
            if (r.vector().length != size) {
                throw new IllegalArgumentException("the embedding of image " + r.imageId() + " has "
                        + r.vector().length + " values, model " + modelId + " makes " + size);
            }
            for (float v : r.vector()) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("the embedding of image " + r.imageId() + " by model "
                            + modelId + " holds " + v);
                }
            }
        }
        try {
            StoreFiles.inTransaction(conn, () -> {
                for (String table : new String[] {"embeddings", "embedding_models"}) {
                    try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + table + " WHERE model_id = ?")) {
                        ps.setString(1, modelId);
                        ps.execute();
                    }
                }
                try (DuckDBAppender a = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "embeddings")) {
                    for (Row r : rows) {
                        a.beginRow().append(r.imageId()).append(modelId).append(r.vector());
                        a.endRow();
                    }
                    a.flush();
                }
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO embedding_models VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, modelId);
                    ps.setString(2, modelDir);
                    ps.setInt(3, size);
                    ps.setLong(4, rows.size());
                    ps.setObject(5, LocalDateTime.now(ZoneOffset.UTC));
                    ps.execute();
                }
            });
        } catch (SQLException e) {
            throw failure("write embeddings to", e);
        }
    }

    /** Models that wrote embeddings, latest first. */
    public List<ModelEntry> models() {
        List<ModelEntry> out = new ArrayList<>();
        if (!hasTables()) {
            return out;
        }
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT model_id, model_dir, size, rows, strftime(written_at, '%Y-%m-%dT%H:%M:%S.%fZ')"
                        + " FROM embedding_models ORDER BY written_at DESC, model_id")) {
            while (rs.next()) {
                out.add(new ModelEntry(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5)));
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the embedding models of", e);
        }
    }

    /** Every embedding of {@code modelId}, by image id; empty when it wrote none. */
    public List<Row> read(String modelId) {
        List<Row> out = new ArrayList<>();
        if (!hasTables()) {
            return out;
        }
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT image_id, vector FROM embeddings WHERE model_id = ? ORDER BY image_id")) {
            ps.setString(1, modelId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array a = rs.getArray(2);
                    Object[] values = (Object[]) a.getArray();
                    float[] v = new float[values.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = ((Number) values[i]).floatValue();
                    }
                    out.add(new Row(rs.getLong(1), v));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the embeddings of", e);
        }
    }

    private boolean hasTables() {
        try {
            return StoreFiles.tableExists(conn, "embeddings");
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + " store " + file + ": " + StoreFiles.firstLine(e.getMessage()), e);
    }
}

package io.contrastkit.store;

import io.contrastkit.core.FeatureSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The feature store: one DuckDB file with an {@code images} table (one row per file, ok or failed),
 * a {@code features} table (one DOUBLE column per feature of the schema, keyed by image id) and a
 * {@code store_meta} table holding the store's schema version and feature version.
 *
 * <p>A view of a {@link StoreSession}, on a connection of its own that is not thread-safe: a single
 * writer thread owns it. Every {@link #write} is one transaction, so a killed process leaves whole
 * batches or nothing. DuckDB lets one process at a time open a file for writing; a second gets a
 * {@link StoreInUseException}.
 */
public final class FeatureStore {

    /** Version of this table layout; bumped when tables or columns change incompatibly. */
    public static final int SCHEMA_VERSION = 2;

    /** Columns of {@code images} after the id, in table order; exports carry them after the features. */
    private static final List<String> IMAGE_COLUMNS = List.of("path", "size", "mtime_ns", "content_hash", "width",
            "height", "format", "status", "error_kind", "error_text", "feature_version", "extracted_at", "decoder");
    private static final Map<String, String> IMAGE_COLUMN_TYPES = Map.ofEntries(
            Map.entry("path", "VARCHAR"), Map.entry("size", "BIGINT"), Map.entry("mtime_ns", "BIGINT"),
            Map.entry("content_hash", "VARCHAR"), Map.entry("width", "INTEGER"), Map.entry("height", "INTEGER"),
            Map.entry("format", "VARCHAR"), Map.entry("status", "VARCHAR"), Map.entry("error_kind", "VARCHAR"),
            Map.entry("error_text", "VARCHAR"), Map.entry("feature_version", "VARCHAR"),
            Map.entry("extracted_at", "TIMESTAMP"), Map.entry("decoder", "VARCHAR"));
    /** Most parameters in one ... IN (...) statement. */
    private static final int IN_CHUNK = 1000;

    private final Path file;
    private final FeatureSchema schema;
    private final boolean readOnly;
    private final DuckDBConnection conn;
    private long nextId;
    /** The file's schema version: older ones are only read (a writing session migrates first). */
    private int storedVersion = SCHEMA_VERSION;

    private FeatureStore(Path file, FeatureSchema schema, boolean readOnly, DuckDBConnection conn) {
        this.file = file;
        this.schema = schema;
        this.readOnly = readOnly;
        this.conn = conn;
    }

    /**
     * The images/features view of a session's database: creates the tables when the session may write and
     * the file has none, then checks the schema and feature versions.
     */
    static FeatureStore attach(Path file, FeatureSchema schema, boolean readOnly, boolean create, DuckDBConnection conn) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(schema, "schema");
        FeatureStore store = new FeatureStore(file, schema, readOnly, conn);
        store.initialise(create);
        return store;
    }

    private void initialise(boolean mayCreate) {
        try {
            boolean hasMeta = StoreFiles.tableExists(conn, "store_meta");
            if (!hasMeta) {
                String foreign = firstTable();
                if (foreign != null) {
                    // Never add contrastkit's tables to someone else's database.
                    throw new StoreException(file + " is a DuckDB file but not a contrastkit store (it has table '"
                            + foreign + "' and no store_meta table); choose another --store");
                }
                if (!readOnly && !mayCreate) {
                    throw new StoreException(file + " is not a contrastkit store (no store_meta table)");
                }
                if (readOnly) {
                    throw new StoreException("store " + file + " is empty (run contrastkit extract first)");
                }
                create();
            }
            Map<String, String> meta = readMeta();
            String version = meta.get("schema_version");
            storedVersion = parseVersion(version);
            // A reader takes any older layout as it is; a writer has had its file migrated by the session.
            if (readOnly ? storedVersion < 1 || storedVersion > SCHEMA_VERSION : storedVersion != SCHEMA_VERSION) {
                throw new StoreException("store " + file + " has schema version " + version + " but this contrastkit"
                        + " reads schema version " + SCHEMA_VERSION + (readOnly ? " or older" : "")
                        + "; re-extract into a new store");
            }
            String featureVersion = meta.get("feature_version");
            if (!schema.version().equals(featureVersion)) {
                throw new StoreException("store " + file + " holds feature version '" + featureVersion
                        + "' but this contrastkit computes '" + schema.version() + "'; re-extract into a new store");
            }
            nextId = queryLong("SELECT coalesce(max(id), 0) + 1 FROM images");
        } catch (SQLException e) {
            throw new StoreException("cannot read store " + file + ": " + StoreFiles.firstLine(e.getMessage()), e);
        }
    }

    private static int parseVersion(String version) {
        try {
            return version == null ? -1 : Integer.parseInt(version.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The file's schema version ({@link #SCHEMA_VERSION} unless a read-only session opened an older store). */
    public int storedVersion() {
        return storedVersion;
    }

    /**
     * An images column for a SELECT: columns that the file's older layout lacks read as typed nulls, so
     * a reader of a 0.1.0 store sees the same columns as everybody else.
     */
    private String imageColumn(String alias, String column) {
        if (column.equals("decoder") && storedVersion < 2) {
            return "NULL::VARCHAR AS decoder";
        }
        return alias + "." + column;
    }

    /** A table or view of any schema, or null when the database is empty. */
    private String firstTable() throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_catalog = current_database() ORDER BY table_schema, table_name LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void create() throws SQLException {
        StringBuilder features = new StringBuilder("CREATE TABLE features (image_id BIGINT NOT NULL");
        for (String name : schema.names()) {
            features.append(", ").append(quote(name)).append(" DOUBLE NOT NULL");
        }
        features.append(')');
        StringBuilder images = new StringBuilder("CREATE TABLE images (id BIGINT NOT NULL");
        for (String c : IMAGE_COLUMNS) {
            images.append(", ").append(c).append(' ').append(IMAGE_COLUMN_TYPES.get(c));
            if (c.equals("path") || c.equals("status") || c.equals("feature_version")) {
                images.append(" NOT NULL");
            }
        }
        images.append(')');
        // No primary keys: DuckDB's ART indexes slow bulk appends and complicate replace-in-one-
        // transaction; the single writer keeps ids and paths unique (see write()).
        try (Statement st = conn.createStatement()) {
            st.execute("BEGIN TRANSACTION");
            st.execute("CREATE TABLE store_meta (key VARCHAR NOT NULL, value VARCHAR)");
            st.execute(images.toString());
            st.execute(features.toString());
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO store_meta VALUES (?, ?)")) {
                String[][] rows = {
                        {"schema_version", String.valueOf(SCHEMA_VERSION)},
                        {"feature_version", schema.version()},
                        {"created_at", Instant.now().toString()}};
                for (String[] r : rows) {
                    ps.setString(1, r[0]);
                    ps.setString(2, r[1]);
                    ps.execute();
                }
            }
            st.execute("COMMIT");
        }
    }

    public Path file() {
        return file;
    }

    public FeatureSchema schema() {
        return schema;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** The store's metadata rows (schema_version, feature_version, created_at, ...). */
    public Map<String, String> readMeta() {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT key, value FROM store_meta")) {
            Map<String, String> meta = new HashMap<>();
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
            return meta;
        } catch (SQLException e) {
            throw failure("read the metadata of", e);
        }
    }

    /** Path to size, modification time and outcome of every stored image, for skipping unchanged files. */
    public Map<String, KnownImage> knownImages() {
        Map<String, KnownImage> known = new HashMap<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, path, size, mtime_ns, status FROM images")) {
            while (rs.next()) {
                long size = rs.getLong(3);
                size = rs.wasNull() ? -1 : size;
                long mtime = rs.getLong(4);
                mtime = rs.wasNull() ? Long.MIN_VALUE : mtime;
                known.put(rs.getString(2), new KnownImage(rs.getLong(1), size, mtime, ImageStatus.ofCode(rs.getString(5))));
            }
            return known;
        } catch (SQLException e) {
            throw failure("read the images of", e);
        }
    }

    /**
     * Writes a batch in one transaction: rows for paths already stored replace them (no duplicates),
     * and a crash before the commit leaves the store as it was.
     */
    public WriteSummary write(List<ImageRecord> batch) {
        requireWritable();
        if (batch.isEmpty()) {
            return new WriteSummary(0, 0);
        }
        for (ImageRecord r : batch) {
            if (!schema.version().equals(r.featureVersion())) {
                throw new StoreException("image " + r.path() + " has feature version '" + r.featureVersion()
                        + "' but store " + file + " holds '" + schema.version() + "'");
            }
            if (r.features() != null && r.features().length != schema.size()) {
                throw new IllegalArgumentException("image " + r.path() + " has " + r.features().length
                        + " features, store " + file + " expects " + schema.size());
            }
        }
        try (Statement st = conn.createStatement()) {
            Identities identities = identities(batch);
            st.execute("BEGIN TRANSACTION");
            try {
                deleteIds(identities.replaced());
                try (DuckDBAppender images = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "images");
                     DuckDBAppender features = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "features")) {
                    for (int k = 0; k < batch.size(); k++) {
                        ImageRecord r = batch.get(k);
                        long id = identities.ids()[k];
                        appendImage(images, id, r);
                        if (r.features() != null) {
                            features.beginRow().append(id);
                            for (double v : r.features()) {
                                features.append(v);
                            }
                            features.endRow();
                        }
                    }
                    images.flush();
                    features.flush();
                }
                st.execute("COMMIT");
                nextId = identities.nextId();
                return new WriteSummary(batch.size(), identities.relinked());
            } catch (SQLException | RuntimeException e) {
                try {
                    st.execute("ROLLBACK");
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure("write " + batch.size() + " images to", e);
        }
    }

    /**
     * What one {@link #write} did.
     *
     * @param written  rows written (new images and images measured again)
     * @param relinked of them, images found under a new path by their content hash: they kept the id (and so
     *                 the labels, judgements and predictions) of the old path, whose file is gone
     */
    public record WriteSummary(int written, int relinked) {
    }

    /** The ids a batch is written under, the stored rows it replaces, and how many were re-linked. */
    private record Identities(long[] ids, List<Long> replaced, int relinked, long nextId) {
    }

    /**
     * An image keeps its id when it is measured again, so that human work keyed by it is never orphaned:
     * the id of its path when the path is stored, else the id of a stored image with the same content hash
     * whose file no longer exists (a file moved or renamed), else a new id.
     */
    private Identities identities(List<ImageRecord> batch) throws SQLException {
        Map<String, Long> byPath = new HashMap<>();
        List<String> paths = batch.stream().map(ImageRecord::path).toList();
        inChunks(paths, marks -> "SELECT path, id FROM images WHERE path IN (" + marks + ")", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byPath.put(rs.getString(1), rs.getLong(2));
                }
            }
        });
        Set<String> batchPaths = new HashSet<>(paths);
        Set<Long> claimed = new HashSet<>(byPath.values());
        Map<String, List<StoredImage>> sameContent = storedWithContent(batch, byPath);
        long[] ids = new long[batch.size()];
        List<Long> replaced = new ArrayList<>(byPath.values());
        long next = nextId;
        int relinked = 0;
        for (int k = 0; k < batch.size(); k++) {
            ImageRecord r = batch.get(k);
            Long id = byPath.get(r.path());
            if (id == null && r.contentHash() != null) {
                id = movedFrom(sameContent.get(r.contentHash()), batchPaths, claimed);
                if (id != null) {
                    claimed.add(id);
                    replaced.add(id);
                    relinked++;
                }
            }
            ids[k] = id != null ? id : next++;
        }
        return new Identities(ids, replaced, relinked, next);
    }

    /** A stored image's id and path. */
    private record StoredImage(long id, String path) {
    }

    /**
     * Stored images with the content hash of a batch row whose path is not stored, by hash, in id order:
     * one query per chunk of hashes, not one per row (a query per new image made a fresh extract's store
     * writes grow with the store: 3.4 ms a row at 2000 rows).
     */
    private Map<String, List<StoredImage>> storedWithContent(List<ImageRecord> batch, Map<String, Long> byPath)
            throws SQLException {
        List<String> hashes = batch.stream().filter(r -> !byPath.containsKey(r.path()) && r.contentHash() != null)
                .map(ImageRecord::contentHash).distinct().toList();
        Map<String, List<StoredImage>> out = new HashMap<>();
        inChunks(hashes, marks -> "SELECT content_hash, id, path FROM images WHERE content_hash IN (" + marks
                + ") ORDER BY id", ps -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.computeIfAbsent(rs.getString(1), h -> new ArrayList<>())
                                    .add(new StoredImage(rs.getLong(2), rs.getString(3)));
                        }
                    }
                });
        return out;
    }

    /** A stored image with this content whose file is gone and that nothing in the batch claims. */
    private static Long movedFrom(List<StoredImage> candidates, Set<String> batchPaths, Set<Long> claimed) {
        if (candidates == null) {
            return null;
        }
        for (StoredImage c : candidates) {
            if (!claimed.contains(c.id()) && !batchPaths.contains(c.path()) && isGone(c.path())) {
                return c.id();
            }
        }
        return null;
    }

    private static boolean isGone(String path) {
        try {
            return Files.notExists(Path.of(path));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static void appendImage(DuckDBAppender a, long id, ImageRecord r) throws SQLException {
        a.beginRow().append(id).append(r.path()).append(r.size()).append(r.mtimeNs());
        appendNullable(a, r.contentHash());
        appendNullable(a, r.width());
        appendNullable(a, r.height());
        appendNullable(a, r.format());
        a.append(r.status().code());
        appendNullable(a, r.errorKind());
        appendNullable(a, r.errorText());
        a.append(r.featureVersion());
        a.append(LocalDateTime.ofInstant(r.extractedAt(), ZoneOffset.UTC));
        appendNullable(a, r.decoder());
        a.endRow();
    }

    private static void appendNullable(DuckDBAppender a, String s) throws SQLException {
        if (s == null) {
            a.appendNull();
        } else {
            a.append(s);
        }
    }

    private static void appendNullable(DuckDBAppender a, Integer i) throws SQLException {
        if (i == null) {
            a.appendNull();
        } else {
            a.append(i.intValue());
        }
    }

    private void deleteIds(List<Long> ids) throws SQLException {
        inChunks(ids, marks -> "DELETE FROM features WHERE image_id IN (" + marks + ")", PreparedStatement::execute);
        inChunks(ids, marks -> "DELETE FROM images WHERE id IN (" + marks + ")", PreparedStatement::execute);
    }

    /** What is done with one chunk's bound statement. */
    @FunctionalInterface
    private interface ChunkWork {
        void run(PreparedStatement ps) throws SQLException;
    }

    /**
     * Runs the statement {@code sql} makes of an IN list's placeholders once per chunk of at most
     * {@value #IN_CHUNK} values, the chunk's values bound in order: one statement per chunk, not per value,
     * and never more parameters than one statement takes well.
     */
    private <T> void inChunks(List<T> values, java.util.function.Function<String, String> sql, ChunkWork work)
            throws SQLException {
        for (int from = 0; from < values.size(); from += IN_CHUNK) {
            List<T> chunk = values.subList(from, Math.min(values.size(), from + IN_CHUNK));
            try (PreparedStatement ps = conn.prepareStatement(sql.apply(
                    String.join(",", Collections.nCopies(chunk.size(), "?"))))) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setObject(i + 1, chunk.get(i));
                }
                work.run(ps);
            }
        }
    }

    /** Number of ok and failed images. */
    public StoreCounts counts() {
        try {
            return new StoreCounts(queryLong("SELECT count(*) FROM images WHERE status = 'ok'"),
                    queryLong("SELECT count(*) FROM images WHERE status = 'failed'"));
        } catch (SQLException e) {
            throw failure("count the images of", e);
        }
    }

    /** All ok images' features as one dense matrix, rows ordered by path (deterministic across runs). */
    public FeatureMatrix readFeatures() {
        int n = Math.toIntExact(counts().ok());
        List<FeatureMatrix> all = new ArrayList<>();
        forEachBatch(Math.max(1, n), all::add);
        if (all.isEmpty()) {
            return new FeatureMatrix(schema, new long[0], new String[0], new double[0][]);
        }
        return all.get(0);
    }

    /** Streams ok images' features in path order, at most {@code batchSize} rows per matrix. */
    public void forEachBatch(int batchSize, Consumer<FeatureMatrix> consumer) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        int d = schema.size();
        String sql = "SELECT i.id, i.path, " + featureColumns("f") + " FROM images i JOIN features f ON f.image_id = i.id"
                + " WHERE i.status = 'ok' ORDER BY i.path";
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<Long> ids = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
                paths.add(rs.getString(2));
                double[] row = new double[d];
                for (int j = 0; j < d; j++) {
                    row[j] = rs.getDouble(3 + j);
                }
                values.add(row);
                if (ids.size() == batchSize) {
                    consumer.accept(matrix(ids, paths, values));
                    ids.clear();
                    paths.clear();
                    values.clear();
                }
            }
            if (!ids.isEmpty()) {
                consumer.accept(matrix(ids, paths, values));
            }
        } catch (SQLException e) {
            throw failure("read the features of", e);
        }
    }

    private FeatureMatrix matrix(List<Long> ids, List<String> paths, List<double[]> values) {
        return new FeatureMatrix(schema, ids.stream().mapToLong(Long::longValue).toArray(),
                paths.toArray(new String[0]), values.toArray(new double[0][]));
    }

    /** Every stored image, ok or failed, in path order (features null for failed ones). */
    public void forEachImage(Consumer<ImageRecord> consumer) {
        String sql = "SELECT " + IMAGE_COLUMNS.stream().map(c -> c.equals("extracted_at") ? "epoch_us(i.extracted_at)" : imageColumn("i", c))
                .collect(Collectors.joining(", ")) + ", " + featureColumns("f")
                + " FROM images i LEFT JOIN features f ON f.image_id = i.id ORDER BY i.path";
        int d = schema.size();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ImageStatus status = ImageStatus.ofCode(rs.getString(8));
                double[] features = null;
                if (status == ImageStatus.OK) {
                    features = new double[d];
                    for (int j = 0; j < d; j++) {
                        features[j] = rs.getDouble(14 + j);
                    }
                }
                consumer.accept(new ImageRecord(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        (Integer) rs.getObject(5), (Integer) rs.getObject(6), rs.getString(7), rs.getString(13),
                        status, rs.getString(9), rs.getString(10), rs.getString(11),
                        Instant.EPOCH.plusNanos(rs.getLong(12) * 1000L), features));
            }
        } catch (SQLException e) {
            throw failure("read the images of", e);
        }
    }

    /**
     * How many ok rows each decoder measured, per format: format, then decoder ({@code "name version"},
     * or null for rows that did not record it), then rows; both levels sorted.
     */
    public Map<String, Map<String, Long>> decodersByFormat() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT format, " + imageColumn("images", "decoder") + ", count(*) FROM images WHERE status = 'ok'"
                        + " GROUP BY ALL ORDER BY ALL")) {
            while (rs.next()) {
                String format = rs.getString(1) == null ? "unknown" : rs.getString(1);
                out.computeIfAbsent(format, f -> new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder())))
                        .put(rs.getString(2), rs.getLong(3));
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the decoders of", e);
        }
    }

    /** Failed images in path order. */
    public List<StoredFailure> failures() {
        List<StoredFailure> out = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT path, error_kind, error_text FROM images WHERE status = 'failed' ORDER BY path")) {
            while (rs.next()) {
                out.add(new StoredFailure(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the failures of", e);
        }
    }

    /** One row per image, header {@code path,status,<feature names>}; failed images have empty features. */
    public void exportCsv(Path out) {
        copy("SELECT i.path, i.status, " + featureColumns("f")
                + " FROM images i LEFT JOIN features f ON f.image_id = i.id ORDER BY i.path", out, "FORMAT csv, HEADER true");
    }

    /**
     * One row per image: path, status, the features, then the other image columns (size, mtime_ns, ...,
     * feature_version), so that {@link #importParquet} restores an equal store.
     */
    public void exportParquet(Path out) {
        String rest = IMAGE_COLUMNS.stream().filter(c -> !c.equals("path") && !c.equals("status"))
                .map(c -> imageColumn("i", c)).collect(Collectors.joining(", "));
        copy("SELECT i.path, i.status, " + featureColumns("f") + ", " + rest
                + " FROM images i LEFT JOIN features f ON f.image_id = i.id ORDER BY i.path", out, "FORMAT parquet");
    }

    private void copy(String select, Path out, String options) {
        try (Statement st = conn.createStatement()) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            st.execute("COPY (" + select + ") TO " + literal(out.toAbsolutePath().toString()) + " (" + options + ")");
        } catch (SQLException e) {
            throw new StoreException("cannot export store " + file + " to " + out + ": " + StoreFiles.firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Largest magnitude an imported feature may have. No contrast-features/v1 value comes anywhere near
     * it; it keeps squares and sums over millions of rows finite, which 1e308 would not (Ward, k-means).
     */
    static final double IMPORT_LIMIT = 1e100;

    /**
     * Reads a Parquet file written by {@link #exportParquet} (or any file with columns path, status and
     * the schema's features; other image columns are optional) into the store in one transaction.
     * Rows replace stored images with the same path. The file is read as named: glob characters in its
     * name ({@code data?.parquet}) match only themselves. A folder is read as the one table of its
     * {@code *.parquet} files (the part files Spark writes, e.g. contrastkit-spark's). A value that does not fit its column's type,
     * and a feature of an ok row that is not finite or beyond {@link #IMPORT_LIMIT}, is refused naming
     * the row, its path and the column; nothing is then imported.
     *
     * @return the number of rows imported
     */
    public long importParquet(Path in) {
        requireWritable();
        boolean folder = Files.isDirectory(in);
        if (!folder && !Files.isRegularFile(in)) {
            throw new StoreException("cannot import " + in + ": no such file");
        }
        String source = literalPath(in.toAbsolutePath().toString()) + (folder ? "/*.parquet" : "");
        try {
            execute("CREATE OR REPLACE TEMP TABLE import_rows AS SELECT * FROM read_parquet("
                    + literal(source) + ", file_row_number = true)");
        } catch (SQLException e) {
            throw new StoreException("cannot read " + in + " as Parquet: " + StoreFiles.firstLine(e.getMessage()), e);
        }
        try {
            return importRows(in);
        } catch (SQLException e) {
            throw new StoreException("cannot import " + in + " into store " + file + ": " + StoreFiles.firstLine(e.getMessage()), e);
        } finally {
            try {
                execute("DROP TABLE IF EXISTS import_rows");
                execute("DROP TABLE IF EXISTS import_ids");
            } catch (SQLException ignored) {
                // A temporary table: it goes with the connection anyway.
            }
        }
    }

    /**
     * The path with DuckDB's glob characters ({@code *}, {@code ?}, {@code [}) each in a bracket of its
     * own, so that the name matches only itself.
     */
    static String literalPath(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 8);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                sb.append('[').append(c).append(']');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** One statement of its own: DuckDB's JDBC driver closes a statement whose execution failed. */
    private void execute(String sql) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute(sql);
        }
    }

    private long importRows(Path in) throws SQLException {
        Map<String, String> columns = new HashMap<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT column_name, column_type FROM (DESCRIBE import_rows)")) {
            while (rs.next()) {
                columns.put(rs.getString(1), rs.getString(2));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String c : concat(List.of("path", "status"), schema.names())) {
            if (!columns.containsKey(c)) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new StoreException(in + " lacks column(s) " + String.join(", ", missing) + " of " + schema.version());
        }
        // Types first: a value that cannot be cast would otherwise fail the INSERT halfway, in DuckDB's words.
        for (String c : concat(IMAGE_COLUMNS, schema.names())) {
            if (columns.containsKey(c)) {
                requireCastable(in, c, columns.get(c), IMAGE_COLUMN_TYPES.getOrDefault(c, "DOUBLE"));
            }
        }
        if (columns.containsKey("feature_version")) {
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT DISTINCT feature_version FROM import_rows"
                    + " WHERE feature_version IS DISTINCT FROM " + literal(schema.version()) + " LIMIT 1")) {
                if (rs.next()) {
                    throw new StoreException(in + " holds feature version '" + rs.getString(1) + "' but store "
                            + file + " holds '" + schema.version() + "'");
                }
            }
        }
        check("SELECT path FROM import_rows WHERE path IS NULL OR status IS NULL OR status NOT IN ('ok', 'failed') LIMIT 1",
                in + ": a row has no path or a status other than ok/failed, e.g. path ");
        check("SELECT path FROM import_rows WHERE status = 'ok' AND ("
                        + schema.names().stream().map(n -> quote(n) + " IS NULL").collect(Collectors.joining(" OR ")) + ") LIMIT 1",
                in + ": an ok row lacks feature values, e.g. path ");
        check("SELECT path FROM import_rows GROUP BY path HAVING count(*) > 1 LIMIT 1",
                in + ": a path occurs more than once, e.g. ");
        for (String n : schema.names()) {
            String v = "CAST(" + quote(n) + " AS DOUBLE)";
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT file_row_number, path, " + v + " FROM import_rows"
                         + " WHERE status = 'ok' AND (NOT isfinite(" + v + ") OR abs(" + v + ") > " + IMPORT_LIMIT + ")"
                         + " ORDER BY file_row_number LIMIT 1")) {
                if (rs.next()) {
                    throw new StoreException(in + ": row " + (rs.getLong(1) + 1) + " (path " + rs.getString(2)
                            + "), feature " + n + " is " + rs.getDouble(3) + "; an ok row's features must be finite"
                            + " and within +-" + IMPORT_LIMIT + " (nothing imported)");
                }
            }
        }

        List<String> select = new ArrayList<>();
        for (String c : IMAGE_COLUMNS) {
            String type = IMAGE_COLUMN_TYPES.get(c);
            String value = columns.containsKey(c) ? "CAST(r." + c + " AS " + type + ")" : "NULL::" + type;
            if (c.equals("feature_version")) {
                value = columns.containsKey(c) ? "coalesce(r.feature_version, " + literal(schema.version()) + ")"
                        : literal(schema.version());
            } else if (c.equals("extracted_at") && !columns.containsKey(c)) {
                value = "now()::TIMESTAMP";
            } else if (c.equals("error_kind") && !columns.containsKey(c)) {
                value = "CASE WHEN r.status = 'failed' THEN 'CORRUPT' END";
            }
            select.add(value);
        }
        String features = schema.names().stream().map(n -> "CAST(r." + quote(n) + " AS DOUBLE)")
                .collect(Collectors.joining(", "));
        long rows;
        execute("BEGIN TRANSACTION");
        try (Statement st = conn.createStatement()) {
            // A path already stored keeps its id (labels and judgements are keyed by it); new paths get new ids.
            st.execute("CREATE OR REPLACE TEMP TABLE import_ids AS SELECT r.path, coalesce(old.id, " + (nextId - 1)
                    + " + row_number() OVER (PARTITION BY old.id IS NULL ORDER BY r.path)) AS id"
                    + " FROM import_rows r LEFT JOIN images old ON old.path = r.path");
            st.execute("DELETE FROM features WHERE image_id IN (SELECT id FROM images WHERE path IN (SELECT path FROM import_rows))");
            st.execute("DELETE FROM images WHERE path IN (SELECT path FROM import_rows)");
            rows = st.executeUpdate("INSERT INTO images SELECT ids.id, " + String.join(", ", select)
                    + " FROM import_rows r JOIN import_ids ids ON ids.path = r.path");
            st.execute("INSERT INTO features SELECT i.id, " + features + " FROM import_rows r"
                    + " JOIN images i ON i.path = r.path WHERE r.status = 'ok'");
            st.execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
            try {
                // On a statement of its own: the failed one is closed, and its error is the one to report.
                execute("ROLLBACK");
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        nextId = queryLong("SELECT coalesce(max(id), 0) + 1 FROM images");
        return rows;
    }

    /** Refuses a column whose values do not all cast to {@code type}, naming the first row that does not. */
    private void requireCastable(Path in, String column, String actualType, String type) throws SQLException {
        String c = quote(column);
        String sql = "SELECT file_row_number, CAST(path AS VARCHAR), CAST(" + c + " AS VARCHAR) FROM import_rows WHERE "
                + c + " IS NOT NULL AND TRY_CAST(" + c + " AS " + type + ") IS NULL ORDER BY file_row_number LIMIT 1";
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (rs.next()) {
                throw new StoreException(in + ": row " + (rs.getLong(1) + 1) + " (path " + rs.getString(2) + "), column "
                        + column + " is '" + rs.getString(3) + "', not a " + type + " (nothing imported)");
            }
        } catch (SQLException e) {
            throw new StoreException(in + ": column " + column + " has type " + actualType + ", which cannot be read as "
                    + type + " (nothing imported)", e);
        }
    }

    private void check(String sql, String message) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (rs.next()) {
                throw new StoreException(message + rs.getString(1));
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private String featureColumns(String alias) {
        return schema.names().stream().map(n -> alias + "." + quote(n)).collect(Collectors.joining(", "));
    }


    private long queryLong(String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
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

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String literal(String s) {
        return '\'' + s.replace("'", "''") + '\'';
    }


    /** Closes this view's connection; only its session calls it. */
    void close() {
        StoreFiles.close(conn, file);
    }

    @Override
    public String toString() {
        return "FeatureStore[" + file + (readOnly ? ", read-only" : "") + "]";
    }
}

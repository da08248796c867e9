package io.contrastkit.bench;

import io.contrastkit.core.FeatureSchema;
import io.contrastkit.learn.compute.Gaussian;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes a seeded synthetic feature table in the store's Parquet export layout, as a folder of part files,
 * for benchmarks of {@code contrastkit-spark fit} and {@code contrastkit import} at sizes no fixture has.
 *
 * <p>Features come from a mixture of Gaussian clusters centred on eight real photographs' v1 vectors
 * (contrastkit-core's golden {@code features-v1-maxside512.csv}), clamped to each feature's domain, with
 * {@code freq_ratio} derived from the two energies as the extractor derives it. Row {@code i} is a function
 * of the seed and {@code i} alone, so the table is the same whatever the part size, and only one part
 * ever sits in memory.
 *
 * <p>Usage: {@code SyntheticFeatureTable --output DIR --rows N [--seed N] [--part-rows N] [--failed-fraction F]}
 */
public final class SyntheticFeatureTable {

    /** Rows per part file by default: a part in DuckDB's memory is about 100 MB. */
    public static final int DEFAULT_PART_ROWS = 250_000;

    /** The centres: v1 vectors of contrastkit-core's fixtures at max side 512 (golden CSV), in schema order. */
    private static final String[] CENTRE_NAMES = {"astronaut.png", "camera.png", "chelsea.png", "coffee.png",
        "grass.png", "hubble_deep_field.jpg", "moon.png", "rocket.jpg"};
    private static final double[][] CENTRES = {
        {0.90303298262011, 0.9396951766924917, 0.9999999893582513, 6.968466768251444, 0.269804004544695,
            0.24364192397717546, 0.64852745687972, -0.45604190438116987, 0.8939835601904027, 0.017615168409450026,
            0.01970412991560718, -2.7990999952277664, 0.4316487435380201, 0.5626362491102392, 2.520576728509368,
            0.6298657395978363, 1.084892267175563, 20.617975122814563, 0.1799547544336073, 0.10750579833984375},
        {0.7879294510205559, 0.7900839114068181, 0.9969360392147216, 6.424105770264605, 0.31328882750751674,
            0.2468495017481658, 0.1510012035315152, -1.2100074139948505, 0.8554650412123006, 0.021335080470475287,
            0.024939745276841896, -2.6894242531440837, 0.2742798720796949, 0.3973995245267196, 2.0124190473791495,
            0.575690892793745, 4.891734140004813e-06, 1.0434303399345708e-05, 0.0, 0.00103759765625},
        {0.4984496701212237, 0.44252487869184715, 0.9507979697504647, 6.674464433488749, 0.20234359214138334,
            0.10085810173851266, 0.42188974457206346, -0.2123503491150358, 0.8475140667259037, 0.04381038890914648,
            0.05169281562660733, -2.4887976429370866, 0.24121268170657306, 0.1928130983517537, 0.9865465604713826,
            0.25720121863827106, 0.38400380029274855, 22.89736476237237, 0.02239224419545993, 0.0},
        {0.9531556345938762, 0.8651142101261857, 0.9948346284197529, 6.948262169112053, 0.2032124916022039,
            0.19369314092205772, 1.635445374278623, 2.8841670297119926, 0.922576421357564, 0.006314093458857321,
            0.0068439787146591, -3.3204312522669097, 0.32957742360238834, 0.3847555849284798, 1.7920737705372818,
            0.5157795727743407, 0.4320497573530332, 42.781284092536374, 0.02512680542424328, 1.6666666666666667e-05},
        {0.6091314576059461, 0.5297583246676963, 0.9645986538941268, 6.8181315771655004, 0.20747241841337624,
            0.12637798273248518, 0.6362857274326403, 0.1304733144302439, 0.3150989285369294, 0.19366549571529074,
            0.6146180517602514, -1.7731264712436847, 0.5511171814072391, 0.16297114567666732, 1.0066542617231766,
            0.3180411881554844, 2.4463604698117062e-06, 1.008773285993891e-05, 0.0, 7.62939453125e-06},
        {4.036675035274922, 0.376303048084916, 0.9872380197911869, 2.1565816801591855, 0.016458462889681072,
            0.0664375066325247, 8.12137747218196, 75.90415432421031, 0.4357491302405858, 0.07554323878565877,
            0.17336405699836802, -2.2616915663641257, 1.415530241360788, 0.9989736702131975, 3.636281212661025,
            1.5825271054620464, 1.2446407807313968, 2.9897960198411604, 0.5574569794125908, 5.275229357798165e-05},
        {0.24603962928062495, 0.22404421658647217, 0.7258442779060496, 4.467820208305069, 0.16549842753629385,
            0.0407191742179524, 5.938107097632694, 95.8381975993011, 0.8993161851041995, 0.02245227988718876,
            0.024965946359486294, -2.645042663882932, 0.07525390033088428, 0.12114527920261231, 0.6730062293713375,
            0.11628924231707351, 9.071079087393884e-07, 9.781316598744723e-06, 0.0, 0.0009307861328125},
        {1.3607425625360556, 0.5058434845375978, 0.9734162868708774, 5.156924888133727, 0.0624365845794946,
            0.0849601317041263, 5.503710557165552, 40.056759994984006, 0.8525472924968525, 0.0510489521090124,
            0.05987814630285674, -2.4749014370069378, 0.18761309760188283, 0.2606966517641037, 1.1533143821857716,
            0.4917480610449255, 0.383419158254264, 18.060914466514497, 0.18103477572011517, 4.757025761124122e-05},
    };
    /** Each feature's domain (spec contrast-features/v1); values are clamped into it. */
    private static final double[] LOWER = {0, 0, 0, 0, 0, 0, Double.NEGATIVE_INFINITY, -2, 0, 0, 0,
        Double.NEGATIVE_INFINITY, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final double[] UPPER = {Double.POSITIVE_INFINITY, 1.0000001, 1, 8, 1.0000001,
        Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1, 1,
        Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
        Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1, 1};
    private static final int FREQ_RATIO = 10;
    private static final int LOW_FREQ = 8;
    private static final int HIGH_FREQ = 9;
    private static final double EPS = 1e-8;
    /** Golden-ratio increment of SplitMix64: row i's stream starts at seed + i * GAMMA. */
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final LocalDateTime EXTRACTED_AT = LocalDateTime.of(2026, 1, 1, 0, 0);
    private static final String[] ERRORS = {"TRUNCATED", "truncated JPEG: premature end of data"};

    /**
     * What to write.
     *
     * @param output         the folder for the part files ({@code part-00000.parquet}, ...); must not exist or be empty
     * @param rows           rows in all
     * @param seed           the mixture (weights, spreads) and every row
     * @param partRows       rows per part file
     * @param failedFraction share of rows written as failed images (status failed, no features)
     */
    public record Options(Path output, long rows, long seed, int partRows, double failedFraction) {
        public Options {
            if (output == null) {
                throw new IllegalArgumentException("--output must name a folder");
            }
            if (rows < 1) {
                throw new IllegalArgumentException("--rows must be >= 1, got " + rows);
            }
            if (partRows < 1) {
                throw new IllegalArgumentException("--part-rows must be >= 1, got " + partRows);
            }
            if (!(failedFraction >= 0 && failedFraction < 1)) {
                throw new IllegalArgumentException("--failed-fraction must be in [0, 1), got " + failedFraction);
            }
        }
    }

    /**
     * What was written.
     *
     * @param rows  rows in all
     * @param ok    of them, ok rows
     * @param parts part files
     */
    public record Summary(long rows, long ok, int parts, double seconds) {
    }

    private final long seed;
    private final double failedFraction;
    /** Cumulative mixture weights, one per centre. */
    private final double[] cumulative;
    /** Per centre and feature: the standard deviation. */
    private final double[][] spread;

    private SyntheticFeatureTable(long seed, double failedFraction) {
        this.seed = seed;
        this.failedFraction = failedFraction;
        SplittableRandom mixture = new SplittableRandom(seed);
        int k = CENTRES.length;
        int d = FeatureSchema.V1.size();
        double[] weights = new double[k];
        double total = 0;
        for (int c = 0; c < k; c++) {
            // Uneven groups, as a real collection has: the largest at most 4x the smallest.
            weights[c] = 0.5 + 1.5 * mixture.nextDouble();
            total += weights[c];
        }
        cumulative = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            sum += weights[c] / total;
            cumulative[c] = sum;
        }
        cumulative[k - 1] = 1;
        double[] range = new double[d];
        for (int j = 0; j < d; j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] centre : CENTRES) {
                lo = Math.min(lo, centre[j]);
                hi = Math.max(hi, centre[j]);
            }
            range[j] = hi - lo;
        }
        spread = new double[k][d];
        for (int c = 0; c < k; c++) {
            // Clusters of different tightness (3% to 10% of the feature's range over the centres), so
            // k-means' groups are neither trivially apart nor one blob.
            double f = 0.03 + 0.07 * mixture.nextDouble();
            for (int j = 0; j < d; j++) {
                spread[c][j] = f * range[j];
            }
        }
    }

    /** Writes the table. */
    public static Summary write(Options options) throws IOException {
        long start = System.nanoTime();
        Path dir = options.output();
        Files.createDirectories(dir);
        try (var listing = Files.list(dir)) {
            if (listing.findAny().isPresent()) {
                throw new IllegalArgumentException("--output " + dir + " is not empty; choose a new folder");
            }
        }
        SyntheticFeatureTable table = new SyntheticFeatureTable(options.seed(), options.failedFraction());
        FeatureSchema schema = FeatureSchema.V1;
        long ok = 0;
        int parts = 0;
        try (DuckDBConnection conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
             Statement st = conn.createStatement()) {
            st.execute(createTable(schema));
            double[] v = new double[schema.size()];
            for (long first = 0; first < options.rows(); first += options.partRows()) {
                long end = Math.min(options.rows(), first + options.partRows());
                try (DuckDBAppender a = conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "part")) {
                    for (long i = first; i < end; i++) {
                        if (table.row(i, v, a)) {
                            ok++;
                        }
                    }
                    a.flush();
                }
                Path part = dir.resolve(String.format(Locale.ROOT, "part-%05d.parquet", parts++));
                st.execute("COPY part TO '" + part.toAbsolutePath().toString().replace("'", "''")
                        + "' (FORMAT parquet)");
                st.execute("DELETE FROM part");
            }
        } catch (SQLException e) {
            throw new IOException("cannot write synthetic part " + parts + " to " + dir + ": " + e.getMessage(), e);
        }
        return new Summary(options.rows(), ok, parts, (System.nanoTime() - start) / 1e9);
    }

    /** The export's columns and the store's DuckDB types, in the export's order. */
    private static String createTable(FeatureSchema schema) {
        String features = schema.names().stream().map(n -> "\"" + n + "\" DOUBLE").collect(Collectors.joining(", "));
        return "CREATE TABLE part (path VARCHAR NOT NULL, status VARCHAR NOT NULL, " + features
                + ", size BIGINT, mtime_ns BIGINT, content_hash VARCHAR, width INTEGER, height INTEGER,"
                + " format VARCHAR, error_kind VARCHAR, error_text VARCHAR, feature_version VARCHAR,"
                + " extracted_at TIMESTAMP, decoder VARCHAR)";
    }

    /** Appends row {@code i}; true when it is an ok row. {@code v} is scratch space. */
    private boolean row(long i, double[] v, DuckDBAppender a) throws SQLException {
        SplittableRandom r = new SplittableRandom(seed + i * GAMMA);
        boolean failed = r.nextDouble() < failedFraction;
        int width = 640 + 64 * r.nextInt(60);
        int height = 480 + 48 * r.nextInt(60);
        long size = failed ? 1024 + r.nextInt(200_000) : (long) (width * (long) height * (0.15 + 0.35 * r.nextDouble()));
        // Folders of 1000, zero-padded: path order is row order, as in the store's export (ORDER BY path).
        a.beginRow().append(String.format(Locale.ROOT, "synthetic/%04d/img-%010d.jpg", i / 1000, i));
        a.append(failed ? "failed" : "ok");
        if (failed) {
            for (int j = 0; j < v.length; j++) {
                a.appendNull();
            }
        } else {
            features(r, v);
            for (double x : v) {
                a.append(x);
            }
        }
        a.append(size).append(1_767_225_600_000_000_000L + i * 1_000_000L);
        a.append(hash(i));
        if (failed) {
            a.appendNull().appendNull().appendNull();
            a.append(ERRORS[0]).append(ERRORS[1]);
        } else {
            a.append(width).append(height).append("jpeg");
            a.appendNull().appendNull();
        }
        a.append(FeatureSchema.V1.version()).append(EXTRACTED_AT.plusNanos(i * 1_000_000L));
        if (failed) {
            a.appendNull();
        } else {
            a.append("libjpeg-turbo 2.1.5");
        }
        a.endRow();
        return !failed;
    }

    private void features(SplittableRandom r, double[] v) {
        double u = r.nextDouble();
        int c = 0;
        while (u > cumulative[c]) {
            c++;
        }
        for (int j = 0; j < v.length; j++) {
            double x = CENTRES[c][j] + spread[c][j] * Gaussian.next(r);
            v[j] = Math.min(UPPER[j], Math.max(LOWER[j], x));
        }
        v[FREQ_RATIO] = v[HIGH_FREQ] / (v[LOW_FREQ] + EPS);
    }

    /** A SHA-256-shaped hex digest, unique per row: its first 16 digits are a bijection of {@code i}. */
    private String hash(long i) {
        StringBuilder sb = new StringBuilder(64);
        long x = i ^ seed;
        for (int w = 0; w < 4; w++) {
            x = mix(x + w * GAMMA);
            String h = Long.toHexString(x);
            sb.append("0".repeat(16 - h.length())).append(h);
        }
        return sb.toString();
    }

    /** SplitMix64's finaliser: a bijection on longs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Names of the mixture's centres, in centre order (for the summary line). */
    static List<String> centreNames() {
        return List.of(CENTRE_NAMES);
    }

    /** Parses the command line, writes the table and prints one summary line; exit 2 on a usage error. */
    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SyntheticFeatureTable: " + e.getMessage());
            System.err.println("usage: SyntheticFeatureTable --output DIR --rows N [--seed N] [--part-rows N]"
                    + " [--failed-fraction F]");
            System.exit(2);
            return;
        }
        Summary s = write(options);
        System.out.printf(Locale.ROOT, "wrote %d rows (%d ok) in %d parts to %s in %.1f s (seed %d; centres %s)%n",
                s.rows(), s.ok(), s.parts(), options.output(), s.seconds(), options.seed(),
                String.join(", ", centreNames()));
    }

    static Options parse(String[] args) {
        Path output = null;
        long rows = -1;
        long seed = 42;
        int partRows = DEFAULT_PART_ROWS;
        double failed = 0;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String name = rest.remove(0);
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(name.startsWith("--") ? name + " needs a value"
                        : "unexpected argument '" + name + "'");
            }
            String value = rest.remove(0);
            try {
                switch (name) {
                    case "--output" -> output = Path.of(value);
                    case "--rows" -> rows = Long.parseLong(value.replace("_", ""));
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--part-rows" -> partRows = Integer.parseInt(value.replace("_", ""));
                    case "--failed-fraction" -> failed = Double.parseDouble(value);
                    default -> throw new IllegalArgumentException("unknown option '" + name + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, got '" + value + "'", e);
            }
        }
        if (rows < 0) {
            throw new IllegalArgumentException("--rows is required");
        }
        return new Options(output, rows, seed, partRows, failed);
    }
}

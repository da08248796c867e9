package io.contrastkit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.contrastkit.app.Main;
import io.contrastkit.app.batch.NativeSetting;
import io.contrastkit.core.ExtractionOptions;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.core.Fixtures;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.ContrastModelOptions;
import io.contrastkit.learn.model.Prediction;
import io.contrastkit.learn.validate.ClusterAgreement;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FitModel and Predict on local[2] against the local commands: a synthetic table in the export layout is
 * fitted on Spark (sample of 600 of 2,000 rows, MLlib k-means|| over all) and by {@code contrastkit
 * import} + {@code contrastkit cluster}; the groups agree, the Spark model loads in {@code contrastkit
 * predict}, and Spark's Predict writes what {@code export --what predictions} writes.
 */
@Tag("spark")
class FitModelTest {

    static final FeatureSchema SCHEMA = FeatureSchema.V1;
    static final int ROWS = 2000;

    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path table;
    static double[][] features;

    @BeforeAll
    static void syntheticTable() {
        spark = LocalSpark.session();
        // Four groups apart in the grouping features (u_dr, michelson), noise in the other eighteen.
        double[][] centres = {{0.2, 0.15}, {0.45, 0.5}, {0.7, 0.3}, {0.85, 0.8}};
        SplittableRandom random = new SplittableRandom(7);
        int uDr = SCHEMA.names().indexOf("u_dr");
        int michelson = SCHEMA.names().indexOf("michelson");
        features = new double[ROWS][SCHEMA.size()];
        List<Row> rows = new ArrayList<>();
        LocalDateTime at = LocalDateTime.of(2026, 1, 1, 0, 0);
        for (int i = 0; i < ROWS; i++) {
            double[] c = centres[i % centres.length];
            for (int j = 0; j < SCHEMA.size(); j++) {
                features[i][j] = 0.5 + 0.1 * random.nextDouble();
            }
            features[i][uDr] = c[0] + 0.03 * gaussian(random);
            features[i][michelson] = c[1] + 0.03 * gaussian(random);
            Object[] r = new Object[ExportSchema.afterFeatures(SCHEMA) + 11];
            r[0] = String.format("/synthetic/img-%05d.png", i);
            r[1] = "ok";
            for (int j = 0; j < SCHEMA.size(); j++) {
                r[2 + j] = features[i][j];
            }
            int k = ExportSchema.afterFeatures(SCHEMA);
            r[k] = 1000L + i;
            r[k + 1] = 0L;
            r[k + 3] = 64;
            r[k + 4] = 64;
            r[k + 5] = "png";
            r[k + 8] = SCHEMA.version();
            r[k + 9] = at;
            rows.add(RowFactory.create(r));
        }
        table = dir.resolve("table");
        spark.createDataFrame(rows, ExportSchema.of(SCHEMA)).repartition(3).write().parquet(table.toString());
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(code).as(String.join(" ", args) + "\n" + err).isZero();
        return out.toString();
    }

    @Test
    void aModelFittedOnSparkGroupsAsTheLocalClusterAndLoadsInPredict() throws Exception {
        Path sparkModel = dir.resolve("spark-model.json");
        FitModel.Result fit = FitModel.run(spark, new FitModel.Options(table.toString(), sparkModel.toString(),
                ContrastModelOptions.defaults(), 600, 42));
        assertThat(fit.rows()).isEqualTo(ROWS);
        assertThat(fit.sampled()).isEqualTo(600);
        assertThat(fit.model().clustering().reason()).contains("refined on the whole table");
        FitModel.Phases phases = fit.phases();
        assertThat(phases.scan()).isPositive();
        assertThat(phases.sample()).isPositive();
        assertThat(phases.driverFit()).isPositive();
        assertThat(phases.refine()).as("MLlib's k-means ran over the 2000 rows").isPositive();
        assertThat(phases.scan() + phases.sample() + phases.driverFit() + phases.refine())
                .isLessThanOrEqualTo(fit.seconds());

        // The local way: import the Spark folder, cluster it.
        Path store = dir.resolve("local.duckdb");
        Path localModel = dir.resolve("local-model.json");
        cli("import", "--store", store.toString(), table.toString());
        cli("cluster", "--store", store.toString(), "--model", localModel.toString());

        ContrastModel spark = ContrastModel.fromJson(Files.readString(sparkModel), "spark");
        ContrastModel local = ContrastModel.fromJson(Files.readString(localModel), "local");
        assertThat(spark.clustering().k()).isEqualTo(local.clustering().k());
        int[] a = groups(spark.predictAll(features, 1));
        int[] b = groups(local.predictAll(features, 1));
        assertThat(ClusterAgreement.adjustedRandIndex(a, b)).isGreaterThanOrEqualTo(0.95);

        String predicted = cli("predict", "--model", sparkModel.toString(),
                Fixtures.image("camera.png").toString());
        assertThat(predicted).contains("\"group\"");
    }

    @Test
    void aSampleAsLargeAsTheTableIsFittedWithoutRefinement() throws Exception {
        FitModel.Result fit = FitModel.run(spark, new FitModel.Options(table.toString(),
                dir.resolve("whole-model.json").toString(), ContrastModelOptions.defaults(), ROWS, 42));
        assertThat(fit.sampled()).isEqualTo(ROWS);
        assertThat(fit.phases().refine()).isZero();
        assertThat(fit.phases().driverFit()).isPositive();
    }

    @Test
    void predictWritesWhatExportOfPredictionsWrites() throws Exception {
        Path store = dir.resolve("predict.duckdb");
        Path model = dir.resolve("predict-model.json");
        cli("import", "--store", store.toString(), table.toString());
        cli("cluster", "--store", store.toString(), "--model", model.toString());
        Path exported = dir.resolve("local-predictions.parquet");
        cli("export", "--store", store.toString(), "--what", "predictions", "--format", "parquet", "--out",
                exported.toString());

        Path out = dir.resolve("spark-predictions");
        Predict.Result result = Predict.run(spark, new Predict.Options(model.toString(), table.toString(), List.of(),
                out.toString(), ExtractionOptions.defaults(), NativeSetting.current()));
        assertThat(result.rows()).isEqualTo(ROWS);
        assertThat(result.predicted()).isEqualTo(ROWS);

        assertThat(spark.read().parquet(out.toString()).columns())
                .containsExactly(spark.read().parquet(exported.toString()).columns());
        Map<String, Row> local = byPath(exported);
        Map<String, Row> distributed = byPath(out);
        assertThat(distributed.keySet()).isEqualTo(local.keySet());
        // Values as the model predicts new images (what contrastkit predict prints); the store's rows from
        // cluster are the fit's own, whose anomaly scores leave each row out of its neighbours and whose map
        // positions are the fitted ones, so only their groups are the same by construction.
        ContrastModel m = ContrastModel.fromJson(Files.readString(model), "model");
        List<Prediction> expected = m.predictAll(features, 1);
        for (int i = 0; i < ROWS; i++) {
            String path = String.format("/synthetic/img-%05d.png", i);
            Row d = distributed.get(path);
            Prediction p = expected.get(i);
            assertThat((int) d.getAs("group")).as(path).isEqualTo(p.group()).isEqualTo((int) local.get(path).getAs("group"));
            assertThat((String) d.getAs("group_name")).as(path).isEqualTo(p.groupName());
            assertThat((double) d.getAs("contrast_score")).as(path).isCloseTo(p.contrastScore(), within(1e-12));
            assertThat((double) d.getAs("anomaly_score")).as(path).isCloseTo(p.anomalyScore(), within(1e-12));
            assertThat((double) d.getAs("map_x")).as(path).isCloseTo(p.mapX(), within(1e-12));
            assertThat((double) d.getAs("map_y")).as(path).isCloseTo(p.mapY(), within(1e-12));
        }
    }

    private static Map<String, Row> byPath(Path parquet) {
        Map<String, Row> rows = new TreeMap<>();
        for (Row r : spark.read().parquet(parquet.toString()).collectAsList()) {
            rows.put(r.getAs("path"), r);
        }
        return rows;
    }

    private static int[] groups(List<Prediction> predictions) {
        return predictions.stream().mapToInt(Prediction::group).toArray();
    }
}

package io.contrastkit.app.explore;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.app.HeadlessChromium;
import io.contrastkit.core.FeatureSchema;
import io.contrastkit.learn.model.ContrastModel;
import io.contrastkit.learn.model.ContrastModelOptions;
import io.contrastkit.learn.model.ContrastModelTrainer;
import io.contrastkit.learn.model.Provenance;
import io.contrastkit.store.ImageRecord;
import io.contrastkit.store.ImageStatus;
import io.contrastkit.store.PredictionTable;
import io.contrastkit.store.StoreSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 13 item 5: the explorer over a store of a million images (synthetic rows written through the store
 * API: twelve blobs on the map, one per group) loads and answers a click within 10 s in headless Chromium;
 * the frame times of a pan and zoom are printed. Screenshot: target/screenshots/explorer-million.png.
 */
@Tag("browser")
class ExplorerMillionBrowserTest {

    static final int IMAGES = 1_000_000;
    static final int GROUPS = 12;

    @TempDir
    static Path dir;

    static ExplorerServer server;
    static ChromeDriver driver;

    @BeforeAll
    static void start() throws IOException {
        HeadlessChromium.assumeDriver();
        long t0 = System.nanoTime();
        Path store = dir.resolve("million.duckdb");
        Path modelFile = dir.resolve("model.json");
        write(store, modelFile);
        long t1 = System.nanoTime();
        server = ExplorerServer.start(new ExplorerOptions(store, modelFile, ExplorerOptions.LOOPBACK, 0));
        System.err.printf(java.util.Locale.ROOT, "ExplorerMillionBrowserTest: store of %d rows written in %.1f s,"
                + " explorer loaded it in %.1f s%n", IMAGES, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        driver = HeadlessChromium.driver(dir.resolve("chromium-profile"), 1400, 900);
    }

    /** A million rows in twelve feature blobs; a model fitted on a sample; predictions that place each blob. */
    static void write(Path store, Path modelFile) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        int d = FeatureSchema.V1.size();
        double[][] centre = new double[GROUPS][d];
        for (double[] c : centre) {
            for (int j = 0; j < d; j++) {
                c[j] = 1 + 4 * random.nextDouble();
            }
        }
        int sample = 3000;
        double[][] fitRows = new double[sample][];
        List<String> fitPaths = new ArrayList<>(sample);
        int[] group = new int[IMAGES];
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        try (StoreSession s = StoreSession.open(store, FeatureSchema.V1, StoreSession.Access.CREATE)) {
            List<ImageRecord> batch = new ArrayList<>();
            for (int i = 0; i < IMAGES; i++) {
                int g = random.nextInt(GROUPS);
                group[i] = g;
                double[] f = new double[d];
                for (int j = 0; j < d; j++) {
                    f[j] = centre[g][j] + 0.3 * random.nextGaussian();
                }
                String path = "/synthetic/" + (i / 1000) + "/img" + i + ".png";
                batch.add(new ImageRecord(path, 1000, 1L, null, 64, 64, "png", "synthetic 1", ImageStatus.OK, null, null,
                        FeatureSchema.V1.version(), now, f));
                if (i < sample) {
                    fitRows[i] = f;
                    fitPaths.add(path);
                }
                if (batch.size() == 100_000) {
                    s.features().write(batch);
                    batch.clear();
                }
            }
            s.features().write(batch);
            ContrastModel model = ContrastModelTrainer.fit(fitRows, fitPaths, FeatureSchema.V1,
                    ContrastModelOptions.defaults().withKRange(GROUPS, GROUPS), 7L,
                    new Provenance.Source("test", store.toString(), "2024-01-01T00:00:00Z")).model();
            Files.writeString(modelFile, model.toJson(), StandardCharsets.UTF_8);
            long[] ids = s.features().readFeatures().ids();
            List<PredictionTable.Row> rows = new ArrayList<>(IMAGES);
            for (int i = 0; i < IMAGES; i++) {
                int g = group[i];
                double angle = 2 * Math.PI * g / GROUPS;
                double spread = 1 + 0.5 * (g % 3);
                rows.add(new PredictionTable.Row(ids[i], g, model.groups().get(g).name(), random.nextDouble(),
                        100 * random.nextDouble(), random.nextDouble(), random.nextDouble() > 0.99,
                        30 * Math.cos(angle) + spread * random.nextGaussian(),
                        30 * Math.sin(angle) + spread * random.nextGaussian()));
            }
            s.predictions().replace(model.id(), modelFile.toString(), rows);
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMillionPointMapIsInteractiveWithinTenSeconds() throws IOException {
        JavascriptExecutor js = driver;
        long t0 = System.nanoTime();
        driver.get(server.url().toString());
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d ->
                "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        double wall = (System.nanoTime() - t0) / 1e9;
        double ready = ((Number) js.executeScript("return window.contrastkit.readyMs")).doubleValue() / 1000;
        assertThat(((Number) js.executeScript("return window.contrastkit.points.n")).intValue()).isEqualTo(IMAGES);
        // Interactive: a click on a point selects that image and rings it on the map.
        List<Object> target = (List<Object>) js.executeScript(
                "const s = window.contrastkit, P = s.points, i = 123457; return [P.id[i], ...s.pixelOf(P.id[i])];");
        WebElement map = driver.findElement(By.id("map"));
        int dx = (int) Math.round(((Number) target.get(1)).doubleValue() - map.getSize().getWidth() / 2.0);
        int dy = (int) Math.round(((Number) target.get(2)).doubleValue() - map.getSize().getHeight() / 2.0);
        new Actions(driver).moveToElement(map, dx, dy).click().perform();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("detail-name")).isEmpty());
        double clicked = (System.nanoTime() - t0) / 1e9;
        assertThat(js.executeScript("return window.contrastkit.selectedRow")).as("a point was hit").isNotNull();
        long selected = ((Number) js.executeScript("return window.contrastkit.selected")).longValue();
        List<Object> at = (List<Object>) js.executeScript("const s = window.contrastkit; return [s.selected, ...s.pixelOf(s.selected)];");
        assertThat(ExplorerBrowserTest.overlayInk(driver, at)).as("the selected point is ringed").isGreaterThan(30);
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(Path.of("target", "screenshots", "explorer-million.png"), driver.getScreenshotAs(OutputType.BYTES));

        Map<String, Object> frames = (Map<String, Object>) js.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.contrastkit.measurePanZoom(60).then(done);");
        double[] draw = ((List<Object>) frames.get("draw")).stream().mapToDouble(o -> ((Number) o).doubleValue()).sorted().toArray();
        double[] gaps = ((List<Object>) frames.get("gaps")).stream().mapToDouble(o -> ((Number) o).doubleValue()).sorted().toArray();
        System.err.printf(java.util.Locale.ROOT, "ExplorerMillionBrowserTest: %d points; data-ready %.2f s after navigation"
                        + " (%.2f s wall from driver.get), detail of a clicked point %.2f s wall; pan/zoom over %d frames:"
                        + " draw median %.1f ms, p95 %.1f ms, max %.1f ms (%s points per moving frame);"
                        + " frame interval median %.1f ms, p95 %.1f ms; image %d selected%n",
                IMAGES, ready, wall, clicked, draw.length, draw[draw.length / 2], draw[(int) (draw.length * 0.95)],
                draw[draw.length - 1], frames.get("drawnWhileMoving"), gaps[gaps.length / 2],
                gaps[(int) (gaps.length * 0.95)], selected);
        assertThat(ready).as("seconds from navigation to an interactive map of a million points").isLessThan(10);
        assertThat(clicked).as("seconds from navigation to the detail of a clicked point").isLessThan(10 + 5);
        // Level of detail: a moving frame draws a sample (100k, rounded up per grid cell), not all million points.
        assertThat(((Number) frames.get("drawnWhileMoving")).intValue()).isBetween(1, 200_000);
    }
}

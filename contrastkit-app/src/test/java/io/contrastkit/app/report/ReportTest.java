package io.contrastkit.app.report;

import io.contrastkit.app.cli.ExitCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.contrastkit.app.HeadlessChromium;
import io.contrastkit.app.Main;
import io.contrastkit.core.Fixtures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of the fixture collection: every section, every referenced file, and a screenshot to look at. */
class ReportTest {

    @TempDir
    static Path dir;

    static Path report;
    static String html;
    static String stderr;

    @BeforeAll
    static void renderFixtureReport() throws IOException {
        Path store = dir.resolve("fixtures.duckdb");
        Path model = dir.resolve("model.json");
        report = dir.resolve("report");
        assertThat(run("extract", "--store", store.toString(), "--threads", "2",
                Fixtures.root().resolve("images").toString())).isIn(ExitCode.OK, ExitCode.SOME_FAILED);
        assertThat(run("cluster", "--store", store.toString(), "--model", model.toString())).isEqualTo(ExitCode.OK);
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "report", "--store",
                store.toString(), "--model", model.toString(), "--out", report.toString(), "--stability-refits", "10");
        stderr = err.toString();
        assertThat(code).as(stderr).isEqualTo(ExitCode.OK);
        html = Files.readString(report.resolve("index.html"), StandardCharsets.UTF_8);
    }

    private static int run(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
        assertThat(code).as(err.toString()).isNotEqualTo(ExitCode.USAGE);
        return code;
    }

    @Test
    void everySectionIsPresent() {
        for (String id : List.of("summary", "distributions", "k-selection", "groups", "dendrogram", "maps", "anomalies",
                "validation")) {
            assertThat(html).as("section " + id).contains("<section id=\"" + id + "\">");
        }
        assertThat(html).contains("feature version").contains("contrast-features/v1").contains("model made");
        // every group has its heading, profile chart and at least one representative thumbnail
        Matcher groups = Pattern.compile("<article class=\"group\" id=\"group-(\\d+)\">(.*?)</article>", Pattern.DOTALL)
                .matcher(html);
        int count = 0;
        while (groups.find()) {
            count++;
            String body = groups.group(2);
            assertThat(body).contains("img/profile-" + groups.group(1) + ".png").contains("<figure").contains("thumbs/");
        }
        assertThat(count).isGreaterThanOrEqualTo(2);
        assertThat(html).contains("img/k-selection.png").contains("img/dendrogram.png").contains("img/pca-group.png")
                .contains("img/pca-score.png").contains("img/tsne-group.png").contains("img/tsne-score.png")
                .contains("img/hist-00.png").contains("img/hist-19.png");
        String anomalies = html.substring(html.indexOf("<section id=\"anomalies\">"), html.indexOf("<section id=\"validation\">"));
        assertThat(anomalies).contains("anomaly 0.").contains("thumbs/");
        String validation = html.substring(html.indexOf("<section id=\"validation\">"));
        // The report shows the store checks of `contrastkit validate`, with its titles, labels and meanings.
        assertThat(validation).contains("Internal quality of the groups").contains("Stability of the groups")
                .contains("Consistency with the handcrafted features")
                .contains("silhouette").contains("bootstrap ARI").contains("verdict")
                .contains("score vs c_rms (Spearman)").contains("score tracks c_rms");
        assertThat(stderr).contains("report: validation");
    }

    @Test
    void everyReferencedFileExistsAndIsAPicture() throws IOException {
        Matcher src = Pattern.compile("src=\"([^\"]+)\"").matcher(html);
        List<String> refs = new ArrayList<>();
        while (src.find()) {
            refs.add(src.group(1));
        }
        assertThat(refs).hasSizeGreaterThan(30);
        for (String ref : refs) {
            assertThat(ref).as("relative, local reference").doesNotContain("://").doesNotStartWith("/");
            Path file = report.resolve(ref);
            assertThat(file).as(ref).isRegularFile();
            assertThat(Files.size(file)).as(ref).isPositive();
            BufferedImage img = ImageIO.read(file.toFile());
            assertThat(img).as(ref + " decodes").isNotNull();
            assertThat(img.getWidth()).isPositive();
        }
        // self-contained: no remote stylesheet, script or font
        assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    @Tag("browser")
    void screenshot() throws Exception {
        HeadlessChromium.assumeBrowser();
        Path shots = Path.of("target", "screenshots").toAbsolutePath();
        Files.createDirectories(shots);
        Path png = shots.resolve("report.png");
        Files.deleteIfExists(png);
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(HeadlessChromium.CHROMIUM.toString(), "--headless"));
        command.addAll(HeadlessChromium.flags(profile, 1280, 2400));
        command.addAll(List.of("--screenshot=" + png, report.resolve("index.html").toUri().toString()));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(png).isRegularFile();
        BufferedImage shot = ImageIO.read(png.toFile());
        assertThat(shot.getWidth()).isEqualTo(1280);
        System.err.println("ReportTest: screenshot written to " + png);
    }

    /**
     * Issue 13: the stability table ran off the page because its verdict cell did not wrap. In a real browser,
     * every table of the validation section ends inside its card and no cell's text is cut.
     */
    @Test
    @Tag("browser")
    void theValidationTablesFitTheirCard() throws Exception {
        org.openqa.selenium.chrome.ChromeDriver driver = HeadlessChromium.driver(
                Files.createTempDirectory(dir, "chromium-fit"), 1000, 900);
        try {
            driver.get(report.resolve("index.html").toUri().toString());
            @SuppressWarnings("unchecked")
            List<String> problems = (List<String>) driver.executeScript(
                    "const out = [], sec = document.getElementById('validation'), card = sec.getBoundingClientRect();"
                            + "const tables = sec.querySelectorAll('table');"
                            + "if (!tables.length) out.push('no tables');"
                            + "for (const t of tables) { const r = t.getBoundingClientRect();"
                            + "  if (r.right > card.right - 1 || t.scrollWidth > t.clientWidth + 1)"
                            + "    out.push('table ends at ' + r.right + ', card at ' + card.right + ': ' + t.rows[0].textContent); }"
                            + "for (const c of sec.querySelectorAll('td, th')) { const r = c.getBoundingClientRect();"
                            + "  if (r.right > card.right - 1 || c.scrollWidth > c.clientWidth + 1) out.push('cell ' + c.textContent); }"
                            + "return out;");
            assertThat(html).contains("verdict");
            Path shots = Files.createDirectories(Path.of("target", "screenshots"));
            for (String section : List.of("maps", "validation")) {
                Files.write(shots.resolve("report-" + section + ".png"), driver.findElement(
                        org.openqa.selenium.By.id(section)).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            }
            assertThat(problems).isEmpty();
        } finally {
            driver.quit();
        }
    }

    @Test
    void thumbnailsHonourExifOrientation() throws IOException {
        // a 40 x 20 landscape JPEG whose EXIF says "rotate 90 degrees clockwise to view": upright it is 20 x 40
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 20; x++) {
            for (int y = 0; y < 20; y++) {
                img.setRGB(x, y, 0xff0000); // left half red
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", jpeg);
        byte[] plain = jpeg.toByteArray();
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0};
        byte[] exifId = {'E', 'x', 'i', 'f', 0, 0};
        int len = 2 + exifId.length + tiff.length;
        ByteArrayOutputStream withExif = new ByteArrayOutputStream();
        withExif.write(plain, 0, 2); // SOI
        withExif.write(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) (len >> 8), (byte) len});
        withExif.write(exifId);
        withExif.write(tiff);
        withExif.write(plain, 2, plain.length - 2);
        Path source = dir.resolve("rotated.jpg");
        Files.write(source, withExif.toByteArray());

        assertThat(io.contrastkit.app.batch.Thumbnailer.orientation(withExif.toByteArray())).isEqualTo(6);
        assertThat(io.contrastkit.app.batch.Thumbnailer.orientation(plain)).isEqualTo(1);
        Path thumb = dir.resolve("thumb.jpg");
        Thumbnails.write(source, thumb, 160);
        BufferedImage t = ImageIO.read(thumb.toFile());
        assertThat(t.getWidth()).isEqualTo(20);
        assertThat(t.getHeight()).isEqualTo(40);
        // clockwise: the stored left (red) half becomes the top
        int top = t.getRGB(10, 5);
        int bottom = t.getRGB(10, 35);
        assertThat((top >> 16) & 0xff).isGreaterThan(200);
        assertThat((bottom >> 16) & 0xff).isLessThan(60);
    }
}

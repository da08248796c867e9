package io.contrastkit.app.explore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrastkit.app.HeadlessChromium;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer in a real browser (headless Debian chromium through chromedriver, both given by path so
 * Selenium Manager never downloads anything). Skips when no browser is installed, except with CI=true.
 * Screenshots go to target/screenshots/.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplorerBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    static ExplorerFixture fixture;
    static ExplorerServer server;
    static ChromeDriver driver;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        HeadlessChromium.assumeDriver();
        fixture = ExplorerFixture.create(dir);
        server = ExplorerServer.start(fixture.options());
        driver = HeadlessChromium.driver(dir.resolve("chromium-profile"), 1400, 900);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
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

    static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve("explorer-" + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    static void open() {
        driver.get(server.url().toString());
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    static void tab(String view) {
        driver.findElement(By.cssSelector("#tabs button[data-view='" + view + "']")).click();
    }

    @Test
    @Order(1)
    void theMapLoadsAndAClickOnAPointShowsThatImageAndItsFeatures() throws IOException, InterruptedException {
        open();
        JavascriptExecutor js = driver;
        Number count = (Number) js.executeScript("return window.contrastkit.points.id.length");
        assertThat(count.intValue()).isEqualTo(3 * ExplorerFixture.PHOTOS.size());
        screenshot("map");
        // The image farthest from the others on screen, so the click cannot land on a neighbour.
        @SuppressWarnings("unchecked")
        List<Object> target = (List<Object>) js.executeScript(
                "const s = window.contrastkit, P = s.points; let best = null, bestD = -1;"
                        + "const px = Array.from(P.id, id => s.pixelOf(id));"
                        + "for (let i = 0; i < px.length; i++) { let m = Infinity;"
                        + "  for (let j = 0; j < px.length; j++) if (j !== i) m = Math.min(m, Math.hypot(px[i][0]-px[j][0], px[i][1]-px[j][1]));"
                        + "  if (m > bestD) { bestD = m; best = i; } }"
                        + "return [P.id[best], px[best][0], px[best][1]];");
        long id = ((Number) target.get(0)).longValue();
        assertThat(overlayInk(target)).as("nothing highlighted before a click").isZero();
        WebElement map = driver.findElement(By.id("map"));
        int dx = (int) Math.round(((Number) target.get(1)).doubleValue() - map.getSize().getWidth() / 2.0);
        int dy = (int) Math.round(((Number) target.get(2)).doubleValue() - map.getSize().getHeight() / 2.0);
        new Actions(driver).moveToElement(map, dx, dy).click().perform();

        wait.until(d -> !d.findElements(By.id("detail-name")).isEmpty());
        // The clicked point is ringed on the map's overlay, around that point and nowhere else.
        assertThat(((Number) js.executeScript("return window.contrastkit.selected")).longValue()).isEqualTo(id);
        assertThat(overlayInk(target)).as("highlight ring drawn around the clicked point").isGreaterThan(30);
        assertThat(((Number) js.executeScript("const c = document.getElementById('map-overlay');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;")).intValue())
                .as("ink on the overlay is all near the point").isEqualTo(overlayInk(target));
        JsonNode expected = JSON.readTree(httpGet("/api/images/" + id).body());
        assertThat(driver.findElement(By.id("detail-name")).getText()).isEqualTo(expected.get("name").asText());
        List<WebElement> rows = driver.findElements(By.cssSelector("#detail-features tr"));
        assertThat(rows).hasSize(20);
        assertThat(rows.get(0).getText()).startsWith(expected.get("features").fieldNames().next());
        WebElement img = driver.findElement(By.id("detail-image"));
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                "return arguments[0].complete ? arguments[0].naturalWidth : 0", img)).intValue() > 0);
        assertThat(img.getAttribute("src")).endsWith("/image/" + id);
        assertThat(driver.findElements(By.cssSelector("#detail-neighbours .tile"))).hasSize(8);
        screenshot("detail");

        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("colour-by"))).selectByValue("f:c_rms");
        screenshot("map-by-c_rms");
    }

    @Test
    @Order(2)
    void aLabelTypedOnARepresentativePersistsAcrossARestart() throws IOException, InterruptedException {
        open();
        tab("groups");
        WebElement input = wait.until(d -> d.findElements(By.cssSelector("#group-0 .label-input")).stream().findFirst()
                .orElse(null));
        String id = input.getAttribute("data-id");
        input.sendKeys("foggy\n");
        wait.until(d -> d.findElement(By.cssSelector(".rep[data-id='" + id + "'] .saved")).getText().equals("saved"));
        screenshot("labels");
        assertThat(driver.findElements(By.cssSelector("#groups .rep .caption")).stream()
                .anyMatch(c -> c.getAttribute("title").startsWith(ExplorerFixture.LONG_NAME)))
                .as("the long camera-roll name is among the representatives").isTrue();
        assertThat(overlaps("#groups")).as("captions in Groups & labels").isEmpty();
        ((JavascriptExecutor) driver).executeScript("document.querySelectorAll('#groups details').forEach(d => d.open = true)");
        assertThat(overlaps("#groups")).as("captions in Groups & labels, galleries open").isEmpty();
        // A status message belongs to its tab: another tab starts without it.
        ((JavascriptExecutor) driver).executeScript("document.getElementById('status').textContent = 'a message of this tab'");
        tab("anomalies");
        assertThat(driver.findElement(By.id("status")).getText()).isEmpty();
        tab("groups");

        server.close();
        server = ExplorerServer.start(fixture.options());
        open();
        tab("groups");
        WebElement again = wait.until(d -> d.findElements(By.cssSelector(".label-input[data-id='" + id + "']")).stream()
                .findFirst().orElse(null));
        assertThat(again.getAttribute("value")).isEqualTo("foggy");
    }

    @Test
    @Order(3)
    void propagateFillsLabelsForAllImages() throws IOException, InterruptedException {
        open();
        tab("groups");
        int groups = JSON.readTree(httpGet("/api/summary").body()).get("groups").size();
        WebElement other = wait.until(d -> d.findElements(By.cssSelector("#group-" + (groups - 1) + " .label-input"))
                .stream().findFirst().orElse(null));
        String otherId = other.getAttribute("data-id");
        other.clear();
        other.sendKeys("harsh\n");
        wait.until(d -> d.findElement(By.cssSelector(".rep[data-id='" + otherId + "'] .saved")).getText().equals("saved"));
        driver.findElement(By.id("propagate")).click();
        wait.until(d -> d.findElement(By.id("propagate-result")).getText().startsWith("Labelled "));
        assertThat(driver.findElement(By.id("propagate-result")).getText())
                .startsWith("Labelled " + 3 * ExplorerFixture.PHOTOS.size() + " images");
        JsonNode labels = JSON.readTree(httpGet("/api/labels").body());
        assertThat(labels.get("labels").size()).isEqualTo(3 * ExplorerFixture.PHOTOS.size());
        // Each label wins somewhere: its own example is its own nearest neighbour.
        assertThat(labels.get("labels").findValuesAsText("label")).contains("foggy", "harsh");
        assertThat(driver.findElement(By.id("propagate-result")).getText()).doesNotContain("harsh: 0");
        Thread.sleep(500); // the gallery re-renders with the propagated labels
        screenshot("propagated");
    }

    @Test
    @Order(4)
    void aPathTraversalRequestGets404() throws IOException, InterruptedException {
        for (String path : List.of("/image/..%2F..%2Fetc%2Fpasswd", "/image/../../etc/passwd",
                "/thumb/%2e%2e%2f%2e%2e%2fetc%2fpasswd")) {
            driver.get(server.url().resolve("/").toString().replaceAll("/$", "") + path);
            String body = driver.findElement(By.tagName("body")).getText();
            assertThat(body).as(path).contains("\"code\":\"not_found\"").doesNotContain("root:");
            assertThat(httpGet(path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    @Order(5)
    void theComparisonViewStoresJudgements() throws IOException, InterruptedException {
        open();
        tab("compare");
        for (int i = 0; i < 10; i++) {
            wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                    "const a = document.getElementById('pair-left'), b = document.getElementById('pair-right');"
                            + "return a.complete && b.complete ? Math.min(a.naturalWidth, b.naturalWidth) : 0")).intValue() > 0);
            driver.findElement(By.id(i % 3 == 0 ? "pick-right" : "pick-left")).click();
            int done = i + 1;
            wait.until(d -> d.findElement(By.id("status")).getText().startsWith(done + " judgements"));
        }
        wait.until(d -> !d.findElements(By.id("agreement-srcc")).isEmpty());
        screenshot("compare");
        // The figure says what it rests on: 10 comparisons here (the page refreshes it every fifth), connected.
        // Read in the page, in one step: the agreement box is rebuilt when a refresh arrives.
        String basisJs = "const e = document.getElementById('agreement-basis'); return e ? e.textContent : ''";
        wait.until(d -> ((String) ((JavascriptExecutor) d).executeScript(basisJs)).startsWith("10 comparisons of "));
        assertThat((String) ((JavascriptExecutor) driver).executeScript(basisJs)).doesNotContain("not yet one connected");
        assertThat((String) ((JavascriptExecutor) driver).executeScript(
                "return document.querySelector('#agreement .hint').textContent")).contains("rests on 10 comparisons");
        tab("anomalies");
        wait.until(d -> d.findElements(By.cssSelector("#anomalies .tile")).size() > 0);
        screenshot("anomalies");
        // Each anomaly's score can be read whole, and no caption runs into another.
        List<WebElement> extras = driver.findElements(By.cssSelector("#anomalies .tile .caption.extra"));
        assertThat(extras).hasSize(driver.findElements(By.cssSelector("#anomalies .tile")).size());
        for (WebElement e : extras) {
            assertThat(e.getText()).matches("anomaly \\d\\.\\d{3}( flagged)?");
            assertThat(((Number) ((JavascriptExecutor) driver).executeScript(
                    "return arguments[0].scrollWidth - arguments[0].clientWidth", e)).intValue()).as(e.getText()).isLessThanOrEqualTo(0);
        }
        assertThat(overlaps("#anomalies")).isEmpty();
    }

    @Test
    @Order(6)
    void aLabelAndAJudgementMadeWhileTheStoreIsLockedWaitAndLand() throws Exception {
        open();
        tab("compare");
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                "return window.contrastkit.pair ? 1 : 0")).intValue() == 1);
        long before = JSON.readTree(httpGet("/api/agreement").body()).get("judgements").asLong();
        tab("groups");
        WebElement input = wait.until(d -> d.findElements(By.cssSelector("#group-0 .label-input")).stream().skip(1)
                .findFirst().orElse(null));
        String id = input.getAttribute("data-id");
        // Every answer the page gets to a save, so a failure below says what the page was told.
        ((JavascriptExecutor) driver).executeScript("window.__saves = []; const f = window.fetch;"
                + "window.fetch = async (u, o) => {"
                + "  if (window.__holdLabels && u === '/api/labels' && o && o.method === 'POST') {"
                + "    window.__saves.push(u + ' held by the test'); throw new TypeError('held by the test'); }"
                + "  const r = await f(u, o);"
                + "  if (o && o.method === 'POST') window.__saves.push(u + ' ' + r.status + ' '"
                + "      + (r.ok ? '' : await r.clone().text()));"
                + "  return r; };");
        java.util.Properties p = new java.util.Properties();
        p.setProperty("duckdb.read_only", "true");
        // Another process's read-only connection: the explorer's writes answer 503 while it is open.
        try (java.sql.Connection held = java.sql.DriverManager.getConnection("jdbc:duckdb:"
                + fixture.store.toAbsolutePath(), p)) {
            assertThat(held.isReadOnly()).isTrue();
            input.clear();
            input.sendKeys("waited\n");
            wait.until(d -> d.findElement(By.cssSelector(".rep[data-id='" + id + "'] .waiting")).getText()
                    .equals("waiting for the store…"));
            tab("compare");
            driver.findElement(By.id("pick-left")).click();
            wait.until(d -> d.findElement(By.id("status")).getText().contains("waiting for the store: 2 unsaved"));
            Thread.sleep(3000); // several refused attempts: still pending, nothing lost
            assertThat(driver.findElement(By.id("status")).getText()).contains("waiting for the store: 2 unsaved");
            screenshot("waiting-for-the-store");
            // The label's next tries get no answer, as if the server were out of reach: the judgement lands first.
            // Every text the status line shows from now on is recorded (they change faster than a poll sees).
            ((JavascriptExecutor) driver).executeScript("window.__holdLabels = true; window.__statuses = [];"
                    + "const st = document.getElementById('status');"
                    + "new MutationObserver(() => window.__statuses.push(st.textContent))"
                    + "  .observe(st, {childList: true, characterData: true, subtree: true});");
            // A label try already on its way when the hold began could still land once the store is free (the
            // server waits on its lock), and then "nothing unsaved" would be right. The page sends one try at a
            // time and tries again only after a failure, so a held try means none is left in flight.
            wait.until(d -> !((List<?>) ((JavascriptExecutor) d).executeScript(
                    "return window.__saves.filter(s => s.includes('held by the test'))")).isEmpty());
        }
        String statusesJs = "return window.__statuses.filter(t => t.includes('judgements stored'))";
        wait.until(d -> !((List<?>) ((JavascriptExecutor) d).executeScript(statusesJs)).isEmpty());
        assertThat(((List<?>) ((JavascriptExecutor) driver).executeScript(statusesJs))).as("what the page said when the"
                + " judgement landed while the label was still kept").allMatch(t -> t.toString()
                .contains("waiting for the store: 1 unsaved"));
        ((JavascriptExecutor) driver).executeScript("window.__holdLabels = false");
        // Both land once the store is free, in either order; until the last has, the status still says what is
        // unsaved (a judgement landing first once read "saved after waiting" while the label was still retried).
        wait.until(d -> {
            String s = d.findElement(By.id("status")).getText();
            return s.contains("saved after waiting") && !s.contains("unsaved");
        });
        JsonNode labels = JSON.readTree(httpGet("/api/labels").body());
        boolean landed = false;
        for (JsonNode l : labels.get("labels")) {
            landed |= l.get("id").asText().equals(id) && l.get("label").asText().equals("waited");
        }
        assertThat(landed).as("the label typed while the store was locked is in the store; the page was answered %s,"
                + " and its note says '%s'; labels: %s", ((JavascriptExecutor) driver).executeScript("return window.__saves"),
                driver.findElement(By.cssSelector(".rep[data-id='" + id + "'] .saved, .rep[data-id='" + id + "'] .error,"
                        + " .rep[data-id='" + id + "'] .waiting")).getText(), labels).isTrue();
        assertThat(JSON.readTree(httpGet("/api/agreement").body()).get("judgements").asLong()).isEqualTo(before + 1);
        tab("groups");
        wait.until(d -> d.findElement(By.cssSelector(".label-input[data-id='" + id + "']")).getAttribute("value")
                .equals("waited"));
    }

    /** Opaque pixels of the map's highlight overlay within 14 px of a point given as [id, x, y]. */
    static int overlayInk(List<Object> target) {
        return overlayInk(driver, target);
    }

    static int overlayInk(JavascriptExecutor driver, List<Object> target) {
        return ((Number) driver.executeScript(
                "const c = document.getElementById('map-overlay'), x = Math.round(arguments[0]), y = Math.round(arguments[1]);"
                        + "const d = c.getContext('2d').getImageData(x - 14, y - 14, 29, 29).data; let n = 0;"
                        + "for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;",
                target.get(1), target.get(2))).intValue();
    }

    /**
     * Pairs of visible captions (and label fields) whose boxes overlap, and captions whose text runs out of
     * their box without being clipped; both empty when nothing is drawn over anything.
     */
    @SuppressWarnings("unchecked")
    static List<String> overlaps(String container) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "const els = Array.from(document.querySelectorAll(arguments[0] + ' .caption, ' + arguments[0] + ' .rep input, '"
                        + " + arguments[0] + ' .rep .saved')).filter(e => e.checkVisibility()"
                        + "  && e.getBoundingClientRect().width * e.getBoundingClientRect().height > 0);"
                        + "const out = [];"
                        + "for (const e of els) { const cs = getComputedStyle(e);"
                        + "  if (e.scrollWidth > e.clientWidth + 1 && cs.overflowX === 'visible') out.push('spills: ' + e.textContent); }"
                        + "const r = els.map(e => e.getBoundingClientRect());"
                        + "for (let i = 0; i < els.length; i++) for (let j = i + 1; j < els.length; j++) {"
                        + "  const a = r[i], b = r[j], w = Math.min(a.right, b.right) - Math.max(a.left, b.left),"
                        + "        h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);"
                        + "  if (w > 0.5 && h > 0.5) out.push(els[i].textContent + ' / ' + els[j].textContent); }"
                        + "return out;", container);
    }

    private static HttpResponse<String> httpGet(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(server.url().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

package io.contrastkit.app;

import io.contrastkit.testing.RequiredEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests, found and started one way: {@code CONTRASTKIT_CHROMIUM} and
 * {@code CONTRASTKIT_CHROMEDRIVER} or Debian's paths; a missing browser skips the test, or fails it
 * under {@code CI=true} ({@link RequiredEnvironment}). Selenium Manager is never consulted.
 */
public final class HeadlessChromium {

    /** The browser binary. */
    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CONTRASTKIT_CHROMIUM", "/usr/bin/chromium"));
    /** The matching driver binary. */
    public static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CONTRASTKIT_CHROMEDRIVER",
            "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    /** Skips the calling test (fails it in CI) unless both binaries are there. */
    public static void require() {
        String install = " (Debian: apt-get install chromium chromium-driver; or set CONTRASTKIT_CHROMIUM and"
                + " CONTRASTKIT_CHROMEDRIVER)";
        RequiredEnvironment.assumePresent(Files.isExecutable(CHROMIUM), "no chromium at " + CHROMIUM + install);
        RequiredEnvironment.assumePresent(Files.isExecutable(CHROMEDRIVER), "no chromedriver at " + CHROMEDRIVER + install);
    }

    /**
     * A headless browser with a window of {@code width} x {@code height} and its profile in {@code profile}
     * (created); call {@link #require} first.
     */
    public static ChromeDriver start(Path profile, int width, int height) throws IOException {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createDirectories(profile), "--window-size=" + width + "," + height);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return driver;
    }
}

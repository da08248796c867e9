package io.contrastkit.app;

import io.contrastkit.testing.RequiredEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The one set-up of Debian's chromium for the browser tests (explorer, report): both binaries by path (never
 * Selenium Manager, which would download), headless, no network of its own, a fresh profile per test.
 */
public final class HeadlessChromium {

    /** The browser, {@code CONTRASTKIT_CHROMIUM} or Debian's. */
    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CONTRASTKIT_CHROMIUM", "/usr/bin/chromium"));
    /** Its driver, {@code CONTRASTKIT_CHROMEDRIVER} or Debian's. */
    public static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CONTRASTKIT_CHROMEDRIVER",
            "/usr/bin/chromedriver"));
    private static final String INSTALL = " (Debian: apt-get install chromium chromium-driver; or set"
            + " CONTRASTKIT_CHROMIUM and CONTRASTKIT_CHROMEDRIVER)";

    private HeadlessChromium() {
    }

    /** Skips the test without chromium (fails it under {@code CI=true}). */
    public static void assumeBrowser() {
        RequiredEnvironment.assumePresent(Files.isExecutable(CHROMIUM), "no chromium at " + CHROMIUM + INSTALL);
    }

    /** Skips the test without chromium and chromedriver (fails it under {@code CI=true}). */
    public static void assumeDriver() {
        assumeBrowser();
        RequiredEnvironment.assumePresent(Files.isExecutable(CHROMEDRIVER), "no chromedriver at " + CHROMEDRIVER + INSTALL);
    }

    /** The flags every run gets (headless mode not included), with its own profile and window size. */
    public static List<String> flags(Path profile, int width, int height) {
        return List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
    }

    /** A driven headless browser with a fresh profile in {@code profile}; quit it when done. */
    public static ChromeDriver driver(Path profile, int width, int height) throws java.io.IOException {
        assumeDriver();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        List<String> args = new ArrayList<>(List.of("--headless=new"));
        args.addAll(flags(Files.createDirectories(profile), width, height));
        options.addArguments(args);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return driver;
    }
}

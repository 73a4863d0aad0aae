package io.visiongrade.web.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven by Debian's chromedriver through Selenium WebDriver (no
 * download, no Selenium Manager). Screenshots go to {@code target/screenshots}. The browser's
 * console is collected so tests can assert that a page raised no errors (a script blocked by the
 * Content-Security-Policy shows up there).
 */
final class Chromium implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;

  Chromium() {
    this(1280, 900);
  }

  Chromium(int width, int height) {
    String binary = System.getProperty("visiongrade.it.chromium", "/usr/bin/chromium");
    String chromedriver =
        System.getProperty("visiongrade.it.chromedriver", "/usr/bin/chromedriver");
    assertTrue(
        new File(binary).canExecute() && new File(chromedriver).canExecute(),
        "The browser tests need Debian's chromium and chromium-driver (apt-get install chromium"
            + " chromium-driver); looked for "
            + binary
            + " and "
            + chromedriver);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--window-size=" + width + "," + height);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(chromedriver))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  WebDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Waits until an element matching {@code css} is visible, up to {@code seconds}. */
  WebElement waitFor(String css, int seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds))
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Waits until the element's text contains {@code text}, up to {@code seconds}. */
  void waitForText(String css, String text, int seconds) {
    new WebDriverWait(driver, Duration.ofSeconds(seconds))
        .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  String url() {
    return driver.getCurrentUrl();
  }

  /** Saves a screenshot of the window as {@code target/screenshots/<name>.png}; its path. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Console messages at SEVERE (errors, CSP violations) since the last call. */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .collect(Collectors.toList());
  }

  /**
   * Launches the course page's last placed activity as {@code user} (dev-lms link "Launch as ..."),
   * following the LTI login and launch form posts in the browser; ends on the app's page.
   */
  void launchAs(String base, String user) {
    open(base + "dev-lms/");
    List<WebElement> links = findAll("a.launch[href*='user=" + user + "&']");
    assertTrue(!links.isEmpty(), "no launch link for " + user + " on the dev-lms course page");
    links.get(links.size() - 1).click();
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(d -> d.getCurrentUrl().contains("/app/"));
  }

  @Override
  public void close() {
    driver.quit();
  }
}

package org.pathlab.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pathlab.daemon.Daemon;
import org.pathlab.scenario.SearchBlockTest;
import org.pathlab.testing.TestDaemons;

/**
 * A search in the dashboard (headless Chromium, a real daemon): submitted from the page, its
 * leaderboard grows while it runs (no reload), and the confirmation's verdicts and the rungs'
 * figure appear when it ends. A screenshot goes to target/dashboard/search.png.
 */
@Tag("slow")
class WebSearchTest {

  @TempDir Path dir;
  private ChromeDriver browser;

  @BeforeEach
  void openBrowser() throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=1360,1500", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")));
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
        .usingAnyFreePort().build(), options);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) browser.quit();
  }

  private String text(String css) {
    Object t = ((JavascriptExecutor) browser).executeScript(
        "const e = document.querySelector(arguments[0]); return e ? e.innerText : ''", css);
    return t == null ? "" : t.toString().strip();
  }

  @Test
  @Timeout(300)
  void aSearchsLeaderboardGrowsLiveAndItsConfirmationAppears() throws Exception {
    try (Daemon daemon = TestDaemons.start(dir.resolve("var"))) {
      String url = "http://127.0.0.1:" + daemon.port() + "/";
      browser.get(url + "#/submit");
      WebElement text = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("scenario-text")));
      ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", text, SearchBlockTest.SEARCH);
      browser.findElement(By.id("submit-button")).click();
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("#/searches/search-"));
      String id = browser.getCurrentUrl().replaceAll(".*#/searches/", "");

      Set<String> boards = new LinkedHashSet<>();
      await("the page shows the search finished").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(100))
          .pollInSameThread().until(() -> {
            boards.add(text("#search-rungs"));
            return text("#search-summary").startsWith("finished") && !text("#confirmation-table").isEmpty();
          });
      assertTrue(boards.size() >= 3, "the leaderboard changed while the search ran, without a reload: " + boards.size());
      assertTrue(text("#search-summary").contains("Selected '"), text("#search-summary"));
      String confirmation = text("#confirmation-table tbody");
      assertTrue(confirmation.contains("winner 1") && confirmation.contains("shift → sharp") && confirmation.contains("baseline"), confirmation);
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#search-figure svg circle")).isEmpty());
      assertEquals(3, browser.findElements(By.cssSelector("#search-rungs table.leaderboard")).size(), "one leaderboard per rung");
      assertTrue(browser.getCurrentUrl().endsWith(id), "no navigation happened");
      Files.createDirectories(Path.of("target/dashboard"));
      Files.write(Path.of("target/dashboard/search.png"), browser.getScreenshotAs(OutputType.BYTES));

      browser.get(url + "#/searches");
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> text("#searches-table tbody").contains(id));
      assertTrue(text("#searches-table tbody").contains("finished"), text("#searches-table tbody"));
    }
  }
}

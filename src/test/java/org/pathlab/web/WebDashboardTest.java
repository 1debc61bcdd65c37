package org.pathlab.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pathlab.daemon.Daemon;
import org.pathlab.testing.TestDaemons;

/**
 * The web dashboard in Debian's headless Chromium against a real daemon: a tiny scenario is
 * submitted from the page, its progress updates while it runs (no reload), and the finished report
 * and figures appear; with a token required, the page asks for it. Screenshots of every page go to
 * target/dashboard/ (the ones in docs/img/ were taken by this test).
 */
@Tag("slow")
class WebDashboardTest {

  private static final String TINY = """
      name = dashboard-tiny
      dataset { name = fashion-mnist, train-size = 600, validation-size = 100, test-size = 200 }
      model = small-cnn
      training { learning-rate = 0.01, batch-size = 50, max-epochs = 3, patience = 3 }
      arms = [
        { name = baseline, path = baseline }
        { name = "blur→sharp", path = jump, transform = blur }
      ]
      seeds = [1, 2]
      """;

  @TempDir Path dir;
  private ChromeDriver browser;
  private final Path shots = Path.of("target/dashboard");

  @BeforeEach
  void openBrowser() throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=1360,1500", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
        .usingAnyFreePort()
        .build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(shots);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) browser.quit();
  }

  private WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(50));
  }

  /** The element's visible text, read in one step in the page (the page replaces elements as it updates). */
  private String text(String css) {
    Object t = ((JavascriptExecutor) browser).executeScript(
        "const e = document.querySelector(arguments[0]); return e ? e.innerText : ''", css);
    return t == null ? "" : t.toString().strip();
  }

  private void screenshot(String name) throws Exception {
    Files.write(shots.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  @Timeout(300)
  void submitWatchAndReadTheReportInTheBrowser() throws Exception {
    try (Daemon daemon = TestDaemons.start(dir.resolve("var"))) {
      String url = "http://127.0.0.1:" + daemon.port() + "/";

      // A scenario with a mistake: the page shows the problem with its line, nothing is submitted.
      browser.get(url + "#/submit");
      WebElement text = waitUpTo(20).until(d -> d.findElement(By.id("scenario-text")));
      ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", text, TINY.replace("max-epochs = 3", "max-epochs = 0"));
      browser.findElement(By.id("submit-button")).click();
      waitUpTo(20).until(d -> !text("#submit-errors").isEmpty());
      assertTrue(text("#submit-errors").contains("scenario.conf:4: training.max-epochs"), text("#submit-errors"));

      ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", text, TINY);
      browser.findElement(By.id("scenario-name")).clear();
      browser.findElement(By.id("scenario-name")).sendKeys("dashboard-tiny.conf");
      screenshot("submit");
      browser.findElement(By.id("submit-button")).click();
      waitUpTo(20).until(d -> d.getCurrentUrl().contains("#/experiments/"));
      String id = browser.getCurrentUrl().replaceAll(".*#/experiments/", "");

      // Progress updates in place while it runs: collect what the runs table shows.
      Set<String> seen = new LinkedHashSet<>();
      boolean[] shotWhileTraining = {false};
      await("the page shows the experiment finished").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(50))
          .pollInSameThread().until(() -> {
            if (text("#summary-status").equals("finished")) return true;
            String runs = text("#runs-table tbody");
            seen.add(runs);
            if (!shotWhileTraining[0] && runs.contains("epoch")) {
              screenshot("experiment-running");
              shotWhileTraining[0] = true;
            }
            return false;
          });
      assertEquals("finished", text("#summary-status"));
      assertTrue(seen.size() >= 3, "the runs table changed while the experiment ran, without a reload: " + seen);
      assertTrue(seen.stream().anyMatch(s -> s.contains("training") && s.contains("epoch")), "live epochs were shown: " + seen);
      assertTrue(browser.getCurrentUrl().endsWith(id), "no navigation happened");

      // The finished report and its figures.
      waitUpTo(30).until(d -> text("#report-table tbody").contains("blur→sharp") && text("#report-table tbody").contains("2/2"));
      assertTrue(text("#report-table tbody").contains("baseline"), text("#report-table tbody"));
      waitUpTo(30).until(d -> !d.findElements(By.cssSelector("#figure svg")).isEmpty()
          && !d.findElements(By.cssSelector("#curves svg")).isEmpty());
      assertTrue(browser.findElements(By.cssSelector("#figure svg circle")).size() >= 4, "a dot per seed in the figure");
      assertTrue(text("#plan-table tbody").contains("blur 1.00"), "the plan shows each arm's path: " + text("#plan-table tbody"));
      Object statuses = ((JavascriptExecutor) browser).executeScript(
          "return [...document.querySelectorAll('#runs-table tbody tr td:nth-child(4)')].map(td => td.innerText.trim())");
      assertEquals(java.util.List.of("finished", "finished", "finished", "finished"), statuses);
      screenshot("experiment-finished");
      // every interval the page labels carries report.json's method for it (issue Q: labels match the numbers)
      com.fasterxml.jackson.databind.JsonNode json = new org.pathlab.testing.DaemonHttp(daemon.port())
          .getOk("/api/experiments/" + id + "/report?format=json");
      java.util.List<String> expected = new java.util.ArrayList<>();
      for (com.fasterxml.jackson.databind.JsonNode a : json.path("arms")) {
        if (!a.path("lossCi").isNull()) expected.add("(" + a.path("lossCi").path("method").asText() + ")");
        com.fasterxml.jackson.databind.JsonNode vs = a.path("vsBaseline");
        if (!vs.isMissingNode() && !vs.isNull()) {
          if (!vs.path("loss").path("ci").isNull()) expected.add("(" + vs.path("loss").path("ci").path("method").asText() + ")");
          if (!vs.path("accuracy").path("ci").isNull()) expected.add("(" + vs.path("accuracy").path("ci").path("method").asText() + ")");
        }
      }
      Object labels = ((JavascriptExecutor) browser).executeScript(
          "return [...document.querySelectorAll('#report-table .ci-method')].map(s => s.innerText.trim())");
      assertEquals(expected, labels, "the page's interval labels, in order, against report.json");
      assertTrue(expected.contains("(paired t)"), "both runs of a seed start alike, so the gap is paired: " + expected);

      browser.get(url + "#/");
      waitUpTo(20).until(d -> text("#experiments-table tbody").contains(id));
      assertTrue(text("#experiments-table tbody").contains("finished"), text("#experiments-table tbody"));
      screenshot("experiments");

      // compare: the same scenario again (every prefix reused), then the two experiments arm by arm
      org.pathlab.testing.DaemonHttp api = new org.pathlab.testing.DaemonHttp(daemon.port());
      String again = api.submit(TINY);
      assertEquals("finished", api.awaitEnded(again, Duration.ofMinutes(2)));
      browser.get(url + "#/compare?a=" + id + "&b=" + again);
      waitUpTo(30).until(d -> text("#compare-table tbody").contains("blur→sharp"));
      assertTrue(text("#compare-title").contains("against experiment " + id), text("#compare-title"));
      assertTrue(text("#compare-table tbody").contains("+0.0000"), "reused tasks, the same numbers: " + text("#compare-table tbody"));
      screenshot("compare");
      browser.get(url + "#/compare?id=" + id + "&against=baseline");
      waitUpTo(30).until(d -> text("#compare-title").contains("every arm against arm baseline"));
      assertTrue(text("#compare-table tbody").contains("blur→sharp"), text("#compare-table tbody"));
      screenshot("compare-arms");

      // tags and notes: the list filters by tag; an experiment's page shows its tags and notes, and archives it
      assertEquals(200, api.postJson("/api/experiments/" + again + "/tags", "{\"add\": [\"second-look\", \"reused\"]}").statusCode());
      assertEquals(200, api.postJson("/api/experiments/" + again + "/notes", "{\"text\": \"every prefix reused\"}").statusCode());
      browser.get(url + "#/");
      waitUpTo(20).until(d -> text("#experiments-table tbody").contains("second-look"));
      new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("tag-filter"))).selectByValue("second-look");
      waitUpTo(20).until(d -> d.getCurrentUrl().endsWith("#/?tag=second-look") && text("#experiments-table tbody").contains(again));
      assertTrue(!text("#experiments-table tbody").contains(id), text("#experiments-table tbody"));
      screenshot("experiments-tag-filter");
      browser.get(url + "#/experiments/" + id);
      waitUpTo(20).until(d -> d.findElement(By.id("archive-button")).isDisplayed());
      browser.findElement(By.id("archive-button")).click();
      waitUpTo(20).until(d -> text("#archive-button").startsWith("Restore"));
      browser.get(url + "#/experiments/" + again);
      waitUpTo(20).until(d -> text("#notes").contains("every prefix reused") && text("#tags").contains("second-look"));
      browser.get(url + "#/");
      waitUpTo(20).until(d -> text("#experiments-table tbody").contains(again) && !text("#experiments-table tbody").contains(id));
      browser.findElement(By.id("archived-filter")).click();
      waitUpTo(20).until(d -> text("#experiments-table tbody").contains(id) && !text("#experiments-table tbody").contains(again));

      browser.get(url + "#/devices");
      waitUpTo(20).until(d -> text("#devices-table tbody").contains("cpu"));
      assertTrue(text("#devices-table tbody").contains("idle"), text("#devices-table tbody"));
      screenshot("devices");
    }
  }

  @Test
  @Timeout(120)
  void withATokenRequiredThePageAsksForItAndKeepsItForTheSession() throws Exception {
    try (Daemon daemon = TestDaemons.start(dir.resolve("secure"), Map.of("pathlab.http.require-token", "on"))) {
      String token = Files.readString(dir.resolve("secure/api-token")).strip();
      browser.get("http://127.0.0.1:" + daemon.port() + "/#/devices");
      waitUpTo(20).until(d -> d.findElement(By.id("token-dialog")).isDisplayed());
      screenshot("token");
      browser.findElement(By.id("token-input")).sendKeys("0".repeat(64));
      browser.findElement(By.id("token-submit")).click();
      waitUpTo(20).until(d -> text("#token-error").contains("wrong API token"));
      browser.findElement(By.id("token-input")).sendKeys(token);
      browser.findElement(By.id("token-submit")).click();
      waitUpTo(20).until(d -> text("#devices-table tbody").contains("cpu"));
      assertEquals(token, ((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('pathlab-token')"),
          "kept in session storage, for this tab only");
      assertEquals(null, ((JavascriptExecutor) browser).executeScript("return localStorage.getItem('pathlab-token')"));
      // a reload keeps the session: no second prompt
      browser.navigate().refresh();
      waitUpTo(20).until(d -> text("#devices-table tbody").contains("cpu"));
      assertTrue(!browser.findElement(By.id("token-dialog")).isDisplayed());
    }
  }
}

package se.caseflow.web.pages;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One real headless Chromium session (its own cookies, so its own sign-in) driven through chromedriver,
 * with the waits the page tests need. Generous timeouts: the machine may be busy; nothing here measures.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    final ChromeDriver driver;
    private final String baseUrl;

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run");
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 860));
        driver.manage().timeouts().pageLoadTimeout(PATIENCE);
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    /** Signs in through the form and waits until the browser has left the sign-in page. */
    void signIn(String user, String password) {
        open("/login");
        type(By.id("username"), user);
        type(By.id("password"), password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        until(d -> !d.getCurrentUrl().contains("/login"));
    }

    void type(By field, String text) {
        WebElement element = driver.findElement(field);
        element.clear();
        element.sendKeys(text);
    }

    void choose(By select, String value) {
        new Select(driver.findElement(select)).selectByValue(value);
    }

    String value(By field) {
        return driver.findElement(field).getDomProperty("value");
    }

    String text(By element) {
        return driver.findElement(element).getText();
    }

    List<WebElement> all(By elements) {
        return driver.findElements(elements);
    }

    /** Waits until the doc-store socket is open and subscribed. */
    void live() {
        until(ExpectedConditions.attributeToBe(By.cssSelector("[data-connection]"), "data-state", "live"));
    }

    /** Marks the loaded page; {@link #sameDocument()} is true until the browser loads another page. */
    void mark() {
        ((JavascriptExecutor) driver).executeScript("window.caseflowTestMark = true;");
    }

    boolean sameDocument() {
        return Boolean.TRUE.equals(
                ((JavascriptExecutor) driver).executeScript("return window.caseflowTestMark === true;"));
    }

    Object script(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** The texts of the timeline's entries, read in one go (no element can go stale between reads). */
    @SuppressWarnings("unchecked")
    List<String> timeline() {
        return (List<String>) script("return Array.from(document.querySelectorAll('[data-timeline] li [data-text]'))"
                + ".map(text => text.textContent);");
    }

    <T> T until(Function<WebDriver, T> condition) {
        return until(condition, PATIENCE);
    }

    /** Like {@link #until(Function)}, for something that takes longer by design (a deadline firing). */
    <T> T until(Function<WebDriver, T> condition, Duration patience) {
        // a page that navigates or re-renders while the condition reads it: read it again
        return new WebDriverWait(driver, patience)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(JavascriptException.class)
                .until(condition);
    }

    @Override
    public void close() {
        driver.quit();
    }
}

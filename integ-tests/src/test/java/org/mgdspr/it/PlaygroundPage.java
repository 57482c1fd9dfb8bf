package org.mgdspr.it;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The playground page in a browser, as a user drives it: its form, its error panel and its four columns. */
final class PlaygroundPage {

    static final String PATH = "/_plugins/mgdspr/playground";
    static final List<String> COLUMNS = List.of("col-personalized", "col-anonymous", "col-bm25", "col-fused");

    /** The first search may start the inference engine and load the model on the coordinating node. */
    private static final Duration SEARCH_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
    private static final String READ_COLUMN = """
        const column = document.getElementById(arguments[0]);
        const took = column.querySelector('.took');
        const error = column.querySelector('.error');
        return {
          state: column.dataset.state || '',
          took: took ? took.textContent : '',
          error: error ? error.textContent : '',
          hits: [...column.querySelectorAll('li.hit')].map(hit => ({
            id: hit.dataset.id,
            title: hit.querySelector('.title').textContent,
            score: hit.querySelector('.score').textContent,
            channels: [...hit.querySelectorAll('.channel:not(.none)')].map(channel => channel.textContent)})),
          removed: [...column.querySelectorAll('li.removed-hit')].map(hit => hit.dataset.id)};
        """;

    private final WebDriver driver;

    PlaygroundPage(WebDriver driver, String nodeUrl) {
        this.driver = driver;
        driver.get(nodeUrl + PATH);
        waitFor(LOAD_TIMEOUT, "the page to list the indices and models",
            () -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    void chooseIndex(String index, String vectorField) {
        select("index").selectByValue(index);
        waitFor(LOAD_TIMEOUT, "the vector fields of [" + index + "]", () -> options("vector-field").contains(vectorField));
    }

    void chooseModel(String modelId) {
        select("model").selectByValue(modelId);
    }

    void chooseProfile(String profileIndex, String userId) {
        select("profile-index").selectByValue(profileIndex);
        waitFor(LOAD_TIMEOUT, "the profiles of [" + profileIndex + "]", () -> options("profile").contains(userId));
        select("profile").selectByValue(userId);
    }

    void typeInlineContext(String json) {
        WebElement context = driver.findElement(By.id("context"));
        context.clear();
        context.sendKeys(json);
    }

    boolean inlineContextChosen() {
        return driver.findElement(By.id("user-source-inline")).isSelected();
    }

    void typeQuery(String query, int k, int shown) {
        type("query", query);
        type("k", Integer.toString(k));
        type("size", Integer.toString(shown));
    }

    /** Ticks or clears the spelling-correction box. */
    void spellingCorrection(boolean on) {
        WebElement box = driver.findElement(By.id("spelling-correction"));
        if (box.isSelected() != on) {
            box.click();
        }
    }

    /** Chooses the brand field ("" for none) and types the brand boost's weight. */
    void brandBoost(String field, String weight) {
        select("brand-field").selectByValue(field);
        type("brand-boost", weight);
    }

    /** The label of the fusion choice {@code auto}, which names the model's fitted fusion. */
    String autoFusionLabel() {
        return driver.findElement(By.cssSelector("#fusion option[value='auto']")).getText();
    }

    /** What the page says {@code auto} means for the brand boost's weight with the chosen model. */
    String fittedBrandBoost() {
        return driver.findElement(By.id("brand-boost-fitted")).getText();
    }

    /** Clicks Search and waits until the page has answered: every column is done or failed, or the form was refused. */
    void search() {
        driver.findElement(By.id("run")).click();
        waitFor(SEARCH_TIMEOUT, "every column to finish", () -> driver.findElement(By.id("run")).isEnabled()
            && COLUMNS.stream().map(this::column).noneMatch(column -> column.state().equals("running")));
    }

    String errors() {
        return driver.findElement(By.id("errors")).getText();
    }

    /** The words the page says the user tower read the query as. */
    List<String> queryReading() {
        return driver.findElements(By.cssSelector("#reading .word")).stream().map(WebElement::getText).toList();
    }

    /** The user's brands with their shares as the page shows them, e.g. "acme 50 %". */
    List<String> brandReading() {
        return driver.findElements(By.cssSelector("#reading .brand")).stream().map(WebElement::getText).toList();
    }

    /** Every resource the browser fetched for the page (script, style sheet, REST calls). */
    @SuppressWarnings("unchecked")
    List<String> fetchedUrls() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
            "return performance.getEntriesByType('resource').map(entry => entry.name);");
    }

    @SuppressWarnings("unchecked")
    Column column(String id) {
        Map<String, Object> view = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(READ_COLUMN, id);
        List<Hit> hits = ((List<Map<String, Object>>) view.get("hits")).stream().map(hit -> new Hit(
            (String) hit.get("id"), (String) hit.get("title"), (String) hit.get("score"),
            (List<String>) hit.get("channels"))).toList();
        return new Column((String) view.get("state"), (String) view.get("took"), (String) view.get("error"), hits,
            (List<String>) view.get("removed"));
    }

    private Select select(String id) {
        return new Select(driver.findElement(By.id(id)));
    }

    private List<String> options(String id) {
        return select(id).getOptions().stream().map(option -> option.getDomProperty("value")).toList();
    }

    private void type(String id, String text) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private void waitFor(Duration timeout, String what, BooleanSupplier condition) {
        new WebDriverWait(driver, timeout).withMessage(() -> "waited for " + what + "; errors shown: " + errors())
            .until(d -> condition.getAsBoolean());
    }

    /** One column as the page shows it. */
    record Column(String state, String took, String error, List<Hit> hits, List<String> removed) {

        List<String> ids() {
            return hits.stream().map(Hit::id).toList();
        }
    }

    /** One hit of a column: its document id, title, score and the channels that retrieved it. */
    record Hit(String id, String title, String score, List<String> channels) {}
}

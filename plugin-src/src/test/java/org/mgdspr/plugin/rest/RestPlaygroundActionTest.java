package org.mgdspr.plugin.rest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.RestResponse;
import org.opensearch.test.client.NoOpNodeClient;
import org.opensearch.test.rest.FakeRestChannel;
import org.opensearch.test.rest.FakeRestRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The playground is a page with its own script and style sheet, all served by the plugin, none from elsewhere. */
class RestPlaygroundActionTest {

    /** An absolute or protocol-relative URL: anything the browser would fetch from another host. */
    private static final Pattern EXTERNAL_URL = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+[.:][a-z0-9]");
    private static final Pattern PAGE_REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    private static NoOpNodeClient client;
    private final RestPlaygroundAction handler = new RestPlaygroundAction();

    @BeforeAll
    static void startClient() {
        client = new NoOpNodeClient("playground-test");
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Test
    void thePageIsHtmlWithAPolicyThatAllowsOnlyThisNode() throws Exception {
        RestResponse page = get(RestPlaygroundAction.PATH, Map.of());
        assertEquals(RestStatus.OK, page.status());
        assertEquals("text/html; charset=UTF-8", page.contentType());
        assertEquals(List.of(RestPlaygroundAction.CONTENT_SECURITY_POLICY), page.getHeaders().get("Content-Security-Policy"));
        assertTrue(text(page).startsWith("<!DOCTYPE html>"), text(page));
    }

    @Test
    void everyFileThePageReferencesIsServedByThePlugin() throws Exception {
        List<String> references = new ArrayList<>();
        Matcher matcher = PAGE_REFERENCE.matcher(text(get(RestPlaygroundAction.PATH, Map.of())));
        while (matcher.find()) {
            references.add(matcher.group(1));
        }
        assertEquals(List.of(RestPlaygroundAction.PATH + "/" + RestPlaygroundAction.STYLE,
            RestPlaygroundAction.PATH + "/" + RestPlaygroundAction.SCRIPT), references);
        assertEquals("text/css; charset=UTF-8", asset(RestPlaygroundAction.STYLE).contentType());
        assertEquals("text/javascript; charset=UTF-8", asset(RestPlaygroundAction.SCRIPT).contentType());
    }

    @Test
    void noFileNamesAnExternalHost() throws Exception {
        for (String name : List.of(RestPlaygroundAction.PAGE, RestPlaygroundAction.SCRIPT, RestPlaygroundAction.STYLE)) {
            String content = text(asset(name));
            Matcher external = EXTERNAL_URL.matcher(content);
            assertFalse(external.find(), () -> name + " refers to an external host: " + external.group());
            assertFalse(content.contains("@import"), name + " imports a style sheet");
        }
    }

    @Test
    void theUrlPatternCatchesExternalReferences() {
        for (String reference : List.of("<script src=\"https://cdn.example.com/x.js\">", "url(//fonts.example.org/f)",
            "fetch('http://10.0.0.1:9200/_search')")) {
            assertTrue(EXTERNAL_URL.matcher(reference).find(), reference);
        }
        assertFalse(EXTERNAL_URL.matcher("fetch('/_plugins/mgdspr/models') // same origin").find());
    }

    @Test
    void anUnknownFileIsNotFound() {
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
            () -> asset("secrets.txt"));
        assertTrue(missing.getMessage().contains("[secrets.txt]"), missing.getMessage());
    }

    private RestResponse asset(String name) throws Exception {
        return get(RestPlaygroundAction.PATH + "/" + name, Map.of("asset", name));
    }

    private RestResponse get(String path, Map<String, String> pathParams) throws Exception {
        RestRequest request = new FakeRestRequest.Builder(NamedXContentRegistry.EMPTY).withMethod(RestRequest.Method.GET)
            .withPath(path).withParams(pathParams).build();
        FakeRestChannel channel = new FakeRestChannel(request, true, 1);
        handler.handleRequest(request, channel, client);
        assertEquals(1, channel.responses().get());
        return channel.capturedResponse();
    }

    private static String text(RestResponse response) {
        return response.content().utf8ToString();
    }
}

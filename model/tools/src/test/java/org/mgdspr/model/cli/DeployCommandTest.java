package org.mgdspr.model.cli;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.artifact.ModelArtifact;
import org.mgdspr.model.artifact.RegistryRules;
import org.mgdspr.model.features.KeyTermLexicon;
import org.mgdspr.model.testing.Fixtures;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeployCommandTest {

    @TempDir
    Path dir;
    private FakeRegistry registry;

    /** A real (tiny, untrained) artifact: --replace checks the file before it deletes anything. */
    private static byte[] artifact;

    @BeforeAll
    static void packArtifact(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("tiny.zip");
        try (TwoTowerModel model = TwoTowerModel.create(Fixtures.tiny())) {
            MgdsprArtifact.pack(model, KeyTermLexicon.builder("en").build(), new JsonObject()).write(zip);
        }
        artifact = Files.readAllBytes(zip);
    }

    @BeforeEach
    void startRegistry() throws IOException {
        registry = new FakeRegistry();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void uploadsAFileThatIsNoMultipleOfTheChunkSizeInOrderedChunks() throws IOException {
        byte[] bytes = randomBytes(2500);
        CliRun run = deploy(file(bytes), "shop-v1", "--chunk-size", "1kb");

        assertEquals(Mgdspr.OK, run.code(), run.err());
        assertEquals(List.of(
            "GET /_cluster/settings?include_defaults=true&filter_path=defaults.http.max_content_length,"
                + "defaults.plugins.mgdspr.registry.max_model_size",
            "GET /_plugins/mgdspr/models/shop-v1",
            "PUT /_plugins/mgdspr/models/shop-v1/_chunk/0?chunk_count=3",
            "PUT /_plugins/mgdspr/models/shop-v1/_chunk/1?chunk_count=3",
            "PUT /_plugins/mgdspr/models/shop-v1/_chunk/2?chunk_count=3",
            "POST /_plugins/mgdspr/models/shop-v1/_commit",
            "GET /_plugins/mgdspr/models/shop-v1"), registry.calls());
        assertArrayEquals(bytes, registry.artifact("shop-v1"));
        String sha256 = ModelArtifact.sha256(bytes);
        assertEquals(sha256, registry.committedSha256("shop-v1"));
        assertEquals("deployed model [shop-v1] to " + registry.url() + ": 2500 bytes, sha256 " + sha256
            + ", state ready\n", run.out());
        assertTrue(run.err().contains("chunk 3/3 sent"), run.err());
    }

    @Test
    void aFileSmallerThanTheChunkSizeGoesInOneChunk() throws IOException {
        byte[] bytes = randomBytes(100);
        CliRun run = deploy(file(bytes), "small");

        assertEquals(Mgdspr.OK, run.code(), run.err());
        assertEquals(1, registry.calls().stream().filter(call -> call.startsWith("PUT")).count());
        assertTrue(registry.calls().contains("PUT /_plugins/mgdspr/models/small/_chunk/0?chunk_count=1"));
        assertArrayEquals(bytes, registry.artifact("small"));
    }

    @Test
    void sendsBasicAuthenticationOnEveryRequest() throws IOException {
        deploy(file(randomBytes(10)), "secured", "--user", "admin:s3cret:x");

        String expected = "Basic " + Base64.getEncoder().encodeToString(
            "admin:s3cret:x".getBytes(StandardCharsets.UTF_8));
        assertFalse(registry.requests().isEmpty());
        registry.requests().forEach(request -> assertEquals(expected, request.authorization(), request.toString()));
    }

    @Test
    void anExistingIdIsAnErrorThatPointsToReplace() throws IOException {
        registry.register("shop-v1", "ready");
        CliRun run = deploy(file(randomBytes(10)), "shop-v1");

        run.assertExit(Mgdspr.FAILURE, "model [shop-v1] already exists (state ready); rerun with --replace");
        assertTrue(registry.calls().stream().noneMatch(call -> call.startsWith("PUT") || call.startsWith("DELETE")),
            registry.calls().toString());
    }

    @Test
    void replaceDeletesTheExistingModelBeforeUploading() throws IOException {
        registry.register("shop-v1", "uploading");
        byte[] bytes = artifact;
        CliRun run = deploy(file(bytes), "shop-v1", "--replace");

        assertEquals(Mgdspr.OK, run.code(), run.err());
        List<String> mutations = registry.calls().stream().filter(call -> !call.startsWith("GET")).toList();
        assertEquals("DELETE /_plugins/mgdspr/models/shop-v1", mutations.get(0), mutations.toString());
        assertTrue(mutations.get(1).startsWith("PUT"), mutations.toString());
        assertArrayEquals(bytes, registry.artifact("shop-v1"));
        assertTrue(run.err().contains("deleted the existing model [shop-v1]"), run.err());
    }

    @Test
    void replaceOfAnAbsentIdJustUploads() throws IOException {
        CliRun run = deploy(file(artifact), "fresh", "--replace");

        assertEquals(Mgdspr.OK, run.code(), run.err());
        assertTrue(registry.has("fresh"));
    }

    @Test
    void replaceWithABrokenFileKeepsTheExistingModel() throws IOException {
        registry.register("shop-v1", "ready");
        CliRun run = deploy(file(randomBytes(10)), "shop-v1", "--replace");

        run.assertExit(Mgdspr.FAILURE, "the existing model [shop-v1] was left in place");
        assertTrue(registry.calls().stream().allMatch(call -> call.startsWith("GET")), registry.calls().toString());
        assertTrue(registry.has("shop-v1"));
    }

    @Test
    void aRefusedCommitFailsWithTheServersReasonAndDeletesThePartialUpload() throws IOException {
        registry.failCommits("artifact is not a zip: bad magic");
        CliRun run = deploy(file(randomBytes(10)), "broken");

        run.assertExit(Mgdspr.FAILURE, "POST " + registry.url() + "/_plugins/mgdspr/models/broken/_commit failed "
            + "with HTTP 400: artifact is not a zip: bad magic; the partial upload of [broken] was deleted");
        assertEquals("DELETE /_plugins/mgdspr/models/broken", registry.calls().getLast());
        assertFalse(registry.has("broken"));
        assertEquals("", run.out());
    }

    @Test
    void aRefusedChunkAfterTheFirstDeletesThePartialUpload() throws IOException {
        registry.failChunk(1);
        CliRun run = deploy(file(randomBytes(2500)), "half", "--chunk-size", "1kb");

        run.assertExit(Mgdspr.FAILURE, "HTTP 400: chunk 1 was refused by the test; the partial upload of [half] "
            + "was deleted");
        assertFalse(registry.has("half"));
        assertFalse(registry.calls().stream().anyMatch(call -> call.contains("_chunk/2")), "stops at the failure");
    }

    @Test
    void aRefusedFirstChunkLeavesTheIdAlone() throws IOException {
        registry.failChunk(0);
        CliRun run = deploy(file(randomBytes(10)), "taken");

        run.assertExit(Mgdspr.FAILURE, "chunk 0 was refused by the test");
        assertTrue(registry.calls().stream().noneMatch(call -> call.startsWith("DELETE")), registry.calls().toString());
    }

    @Test
    void aChunkOverTheClustersRequestLimitIsAUsageErrorBeforeAnyUpload() throws IOException {
        // 1kb of body holds (1024 - 11) / 4 * 3 = 759 bytes of Base64-encoded chunk
        registry.limits("1kb", "256mb");
        Path model = file(randomBytes(2000));

        deploy(model, "big-chunks", "--chunk-size", "760b").assertExit(Mgdspr.USAGE, "http.max_content_length");
        assertTrue(registry.calls().stream().noneMatch(call -> call.startsWith("PUT")), registry.calls().toString());

        CliRun fits = deploy(model, "big-chunks", "--chunk-size", "759");
        assertEquals(Mgdspr.OK, fits.code(), fits.err());
        assertTrue(registry.calls().contains("PUT /_plugins/mgdspr/models/big-chunks/_chunk/2?chunk_count=3"));
    }

    @Test
    void moreChunksThanTheRegistryAcceptsIsAUsageErrorBeforeAnyUpload() throws IOException {
        Path model = file(randomBytes(RegistryRules.MAX_CHUNK_COUNT + 1));

        deploy(model, "tiny-chunks", "--chunk-size", "1b").assertExit(Mgdspr.USAGE, "into 10001 chunks");
        assertTrue(registry.calls().stream().noneMatch(call -> call.startsWith("PUT")), registry.calls().toString());
    }

    @Test
    void aModelOverTheClustersSizeLimitIsRefusedBeforeAnyUpload() throws IOException {
        registry.limits("100mb", "1kb");
        CliRun run = deploy(file(randomBytes(1025)), "huge");

        run.assertExit(Mgdspr.FAILURE, "1025 bytes but the cluster accepts at most 1024 "
            + "(plugins.mgdspr.registry.max_model_size)");
        assertTrue(registry.calls().stream().noneMatch(call -> call.startsWith("PUT")), registry.calls().toString());
    }

    @Test
    void uploadsWithoutCheckingWhenTheUserMayNotReadClusterSettings() throws IOException {
        registry.forbidSettings();
        CliRun run = deploy(file(randomBytes(10)), "restricted");

        assertEquals(Mgdspr.OK, run.code(), run.err());
        assertTrue(run.err().contains("limits are not checked"), run.err());
    }

    @Test
    void aClusterWithoutThePluginSaysSo() throws IOException {
        registry.limits("100mb", null);
        deploy(file(randomBytes(10)), "x").assertExit(Mgdspr.FAILURE, "is the mgdspr plugin installed?");
    }

    @Test
    void anUnreachableClusterNamesTheUrl() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + freePort;
        CliRun run = CliRun.of("deploy", "--url", url, "--model", file(randomBytes(10)).toString(), "--id", "x",
            "--retries", "1", "--retry-delay", "1");

        run.assertExit(Mgdspr.FAILURE, "could not reach " + url);
        assertTrue(run.err().contains("retry 1 of 1 in 0.0 s"), run.err());
    }

    @Test
    void busyAnswersAreRetriedWithGrowingWaitsAndEachRetryIsPrinted() throws IOException {
        registry.busy("PUT /_plugins/mgdspr/models/busy/_chunk/1", 429, 2);
        registry.busy("POST /_plugins/mgdspr/models/busy/_commit", 503, 1);
        byte[] bytes = randomBytes(2500);
        CliRun run = deploy(file(bytes), "busy", "--chunk-size", "1kb", "--retry-delay", "5");

        assertEquals(Mgdspr.OK, run.code(), run.err());
        assertArrayEquals(bytes, registry.artifact("busy"));
        assertEquals(3, registry.calls().stream().filter(call -> call.contains("_chunk/1")).count());
        String chunk = "PUT " + registry.url() + "/_plugins/mgdspr/models/busy/_chunk/1: HTTP 429: busy: the test says so";
        assertTrue(run.err().contains(chunk + "; retry 1 of 5 in 0.0 s"), run.err());
        assertTrue(run.err().contains(chunk + "; retry 2 of 5 in 0.0 s"), run.err());
        assertTrue(run.err().contains("_commit: HTTP 503: busy: the test says so; retry 1 of 5"), run.err());
    }

    @Test
    void aClusterBusyForLongerThanTheRetriesLeavesAnUploadThatARerunResumes() throws IOException {
        byte[] bytes = randomBytes(2500);
        Path model = file(bytes);
        registry.busy("PUT /_plugins/mgdspr/models/resumed/_chunk/2", 503, 3);
        CliRun interrupted = deploy(model, "resumed", "--chunk-size", "1kb", "--retries", "2", "--retry-delay", "1");

        interrupted.assertExit(Mgdspr.FAILURE, "HTTP 503: busy: the test says so; the chunks stored so far stay: rerun "
            + "the same command to send only the missing ones");
        assertEquals("uploading", registry.state("resumed"));
        int before = registry.calls().size();

        CliRun resumed = deploy(model, "resumed", "--chunk-size", "1kb");
        assertEquals(Mgdspr.OK, resumed.code(), resumed.err());
        List<String> uploads = registry.calls().subList(before, registry.calls().size()).stream()
            .filter(call -> call.startsWith("PUT")).toList();
        assertEquals(List.of("PUT /_plugins/mgdspr/models/resumed/_chunk/2?chunk_count=3"), uploads);
        assertTrue(resumed.err().contains("resuming the unfinished upload of [resumed]: 2 of 3 chunks are stored "
            + "already"), resumed.err());
        assertArrayEquals(bytes, registry.artifact("resumed"));
        assertEquals(ModelArtifact.sha256(bytes), registry.committedSha256("resumed"));
    }

    @Test
    void anUnfinishedUploadOfAnotherArtifactIsNotResumed() throws IOException {
        registry.busy("PUT /_plugins/mgdspr/models/other/_chunk/1", 503, 1);
        deploy(file(randomBytes(2500)), "other", "--chunk-size", "1kb", "--retries", "0")
            .assertExit(Mgdspr.FAILURE, "rerun the same command");
        int before = registry.calls().size();
        byte[] different = randomBytes(2500);
        different[0]++;

        deploy(file(different), "other", "--chunk-size", "1kb").assertExit(Mgdspr.FAILURE, "model [other] is an "
            + "unfinished upload of a different artifact: its chunk 0 is not chunk 0 of ");
        assertTrue(registry.calls().subList(before, registry.calls().size()).stream()
            .noneMatch(call -> call.startsWith("PUT") || call.startsWith("DELETE")), registry.calls().toString());
        deploy(file(different), "other", "--chunk-size", "2kb").assertExit(Mgdspr.FAILURE, "is an unfinished upload "
            + "of 3 chunks, but this file makes 2 chunks of 2048 bytes; rerun with the --chunk-size of that upload");
    }

    @Test
    void anUnfinishedUploadIsNotResumedWhenTheClusterDoesNotListItsChunks() throws IOException {
        registry.hideStoredChunks();
        registry.busy("PUT /_plugins/mgdspr/models/opaque/_chunk/1", 503, 1);
        Path model = file(randomBytes(2500));
        deploy(model, "opaque", "--chunk-size", "1kb", "--retries", "0").assertExit(Mgdspr.FAILURE, "rerun");

        deploy(model, "opaque", "--chunk-size", "1kb").assertExit(Mgdspr.FAILURE, "the cluster does not say which "
            + "chunks it holds (its record has no stored_chunks), so it cannot be resumed; rerun with --replace");
    }

    @Test
    void badArgumentsAreUsageErrorsBeforeAnyRequest() throws IOException {
        String model = file(randomBytes(10)).toString();
        String empty = Files.write(dir.resolve("empty.zip"), new byte[0]).toString();
        String url = registry.url();

        CliRun.of("deploy", "--url", url, "--id", "x")
            .assertExit(Mgdspr.USAGE, "Missing required option: '--model=<model.zip>'");
        CliRun.of("deploy", "--url", url, "--model", model)
            .assertExit(Mgdspr.USAGE, "Missing required option: '--id=<model-id>'");
        CliRun.of("deploy", "--url", url, "--model", empty, "--id", "x").assertExit(Mgdspr.USAGE, "is empty");
        CliRun.of("deploy", "--url", url, "--model", dir.resolve("absent.zip").toString(), "--id", "x")
            .assertExit(Mgdspr.USAGE, "no such file");
        CliRun.of("deploy", "--url", url, "--model", model, "--id", "Shop/v1")
            .assertExit(Mgdspr.USAGE, "option --id: [Shop/v1] is not a model id");
        CliRun.of("deploy", "--url", url, "--model", model, "--id", "x", "--chunk-size", "8xb")
            .assertExit(Mgdspr.USAGE, "Invalid value for option '--chunk-size': [8xb] is not a byte size");
        CliRun.of("deploy", "--url", url, "--model", model, "--id", "x", "--chunk-size", "0")
            .assertExit(Mgdspr.USAGE, "--chunk-size must be between 1b and 1gb");
        CliRun.of("deploy", "--url", url, "--model", model, "--id", "x", "--user", "admin")
            .assertExit(Mgdspr.USAGE, "--user needs name:password");
        CliRun.of("deploy", "--url", "localhost:9200", "--model", model, "--id", "x")
            .assertExit(Mgdspr.USAGE, "option --url needs an http(s) URL");
        CliRun.of("deploy", "--url", url, "--model", model, "--id", "x", "--timeout", "0")
            .assertExit(Mgdspr.USAGE, "--timeout must be >= 1");
        CliRun.of("deploy", "--url", url, "--model", model, "--id", "x", "--retries", "-1")
            .assertExit(Mgdspr.USAGE, "--retries must be >= 0");
        assertEquals(List.of(), registry.calls());
    }

    @Test
    void byteSizesUseBinaryUnits() {
        assertEquals(512, ByteSize.parse("512"));
        assertEquals(8L << 20, ByteSize.parse("8mb"));
        assertEquals(3L << 10, ByteSize.parse("3KB"));
        assertEquals(1L << 30, ByteSize.parse("1gb"));
    }

    private CliRun deploy(Path model, String id, String... extra) {
        List<String> args = new ArrayList<>(List.of("deploy", "--url", registry.url() + "/", "--model",
            model.toString(), "--id", id));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private Path file(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "model", ".zip"), bytes);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}

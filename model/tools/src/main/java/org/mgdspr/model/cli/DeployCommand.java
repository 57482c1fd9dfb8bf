package org.mgdspr.model.cli;

import org.mgdspr.model.artifact.RegistryRules;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code mgdspr deploy}: uploads a model artifact into the model registry of a running cluster, in chunks, retrying
 * what a busy cluster refuses and resuming an upload that an earlier run left unfinished.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true, versionProvider = Mgdspr.Version.class,
    description = "upload a model artifact (zip) into a cluster's model registry, in chunks, and commit it")
final class DeployCommand implements Callable<Integer> {

    private final Streams streams;

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "<url>", description = "cluster URL (default http://localhost:9200)")
    private String url = "http://localhost:9200";

    @Option(names = "--model", paramLabel = "<model.zip>", required = true, description = "model artifact (required)")
    private Path model;

    @Option(names = "--id", paramLabel = "<model-id>", required = true,
        description = "registry id: 1-128 of a-z 0-9 _ . -, starting with a letter or digit (required)")
    private String modelId;

    @Option(names = "--chunk-size", paramLabel = "<size>", converter = ByteSize.Converter.class,
        description = "bytes per chunk, e.g. 512kb or 8mb (default 4mb; at most what the cluster's "
            + "http.max_content_length and plugins.mgdspr.registry.max_chunk_size allow)")
    private long chunkSize = RegistryRules.DEFAULT_CHUNK_SIZE_BYTES;

    @Option(names = "--replace", description = "delete a model with this id first (default: an existing id is an "
        + "error, except an unfinished upload of this file, which is resumed)")
    private boolean replace;

    @Option(names = "--user", paramLabel = "<name:password>", description = "basic authentication")
    private String credentials;

    @Option(names = "--timeout", paramLabel = "<seconds>",
        description = "for connecting and for each request, the commit included (default 120)")
    private int timeoutSeconds = 120;

    @Option(names = "--retries", paramLabel = "<n>", description = "repetitions of a request that met HTTP 429, "
        + "5xx or no connection, waiting twice as long each time (default 5)")
    private int retries = 5;

    @Option(names = "--retry-delay", paramLabel = "<millis>",
        description = "wait before the first repetition (default 1000; the waits double up to 30 s)")
    private int retryDelayMillis = 1000;

    DeployCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws Exception {
        String clusterUrl = clusterUrl(url);
        Path modelFile = Usage.existingFile(spec, "--model", model);
        if (Files.size(modelFile) == 0) {
            throw Usage.error(spec, "option --model: " + modelFile + " is empty");
        }
        // checked here too: the id becomes a URL path segment, and a bad one should fail before any upload
        if (!RegistryRules.isValidModelId(modelId)) {
            throw Usage.error(spec, "option --id: [" + modelId + "] is not a model id: " + RegistryRules.MODEL_ID_RULE);
        }
        if (chunkSize < 1 || chunkSize > Deployment.MAX_CHUNK_SIZE) {
            throw Usage.error(spec, "option --chunk-size must be between 1b and 1gb but was " + chunkSize + " bytes");
        }
        if (credentials != null && !credentials.contains(":")) {
            throw Usage.error(spec, "option --user needs name:password");
        }
        Duration timeout = Duration.ofSeconds(Usage.atLeast(spec, "--timeout", timeoutSeconds, 1));
        RetryPolicy retry = new RetryPolicy(Usage.atLeast(spec, "--retries", retries, 0),
            Duration.ofMillis(Usage.atLeast(spec, "--retry-delay", retryDelayMillis, 0)), streams.err());
        try (RegistryClient registry = new RegistryClient(clusterUrl, credentials, timeout, retry)) {
            Deployment.Result result;
            try {
                result = new Deployment(registry, modelId, chunkSize, streams.err()).deploy(modelFile, replace);
            } catch (Deployment.ChunkSizeRejected e) {
                throw Usage.error(spec, e.getMessage());
            }
            streams.out().println("deployed model [" + modelId + "] to " + clusterUrl + ": " + result.sizeInBytes()
                + " bytes, sha256 " + result.sha256() + ", state " + Deployment.state(result.record()));
        }
        return Mgdspr.OK;
    }

    /** An http(s) URL with a host, without a trailing slash so that request paths can be appended. */
    private String clusterUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw Usage.error(spec, "option --url: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
            || uri.getQuery() != null) {
            throw Usage.error(spec, "option --url needs an http(s) URL with a host and no query but was [" + text
                + "]");
        }
        return text.replaceAll("/+$", "");
    }
}

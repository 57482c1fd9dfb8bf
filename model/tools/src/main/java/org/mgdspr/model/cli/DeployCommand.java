package org.mgdspr.model.cli;

import org.mgdspr.model.artifact.RegistryRules;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code mgdspr deploy}: uploads a model artifact into the model registry of a running cluster, in chunks. */
final class DeployCommand implements Command {

    @Override
    public String name() {
        return "deploy";
    }

    @Override
    public String summary() {
        return "upload a model artifact (zip) into a cluster's model registry, in chunks, and commit it";
    }

    @Override
    public List<Option> options() {
        return List.of(
            Option.value("url", "url", "cluster URL (default http://localhost:9200)"),
            Option.value("model", "model.zip", "model artifact (required)"),
            Option.value("id", "model-id", "registry id: 1-128 of a-z 0-9 _ . -, starting with a letter or digit "
                + "(required)"),
            Option.value("chunk-size", "size", "bytes per chunk, e.g. 512kb or 8mb (default 4mb; at most what the "
                + "cluster's http.max_content_length and plugins.mgdspr.registry.max_chunk_size allow)"),
            Option.flag("replace", "delete a model with this id first (default: an existing id is an error)"),
            Option.value("user", "name:password", "basic authentication"),
            Option.value("timeout", "seconds", "for connecting and for each request, the commit included (default "
                + "120)"));
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws Exception {
        String url = clusterUrl(arguments.string("url", "http://localhost:9200"));
        Path modelFile = arguments.existingFile("model");
        if (Files.size(modelFile) == 0) {
            throw new UsageException("option --model: " + modelFile + " is empty");
        }
        String modelId = arguments.required("id");
        // checked here too: the id becomes a URL path segment, and a bad one should fail before any upload
        if (!RegistryRules.isValidModelId(modelId)) {
            throw new UsageException("option --id: [" + modelId + "] is not a model id: " + RegistryRules.MODEL_ID_RULE);
        }
        String chunkSizeOption = arguments.string("chunk-size", null);
        long chunkSize = chunkSizeOption == null ? RegistryRules.DEFAULT_CHUNK_SIZE_BYTES : chunkSize(chunkSizeOption);
        String credentials = arguments.string("user", null);
        if (credentials != null && !credentials.contains(":")) {
            throw new UsageException("option --user needs name:password");
        }
        Duration timeout = Duration.ofSeconds(arguments.integer("timeout", 120, 1));
        try (RegistryClient registry = new RegistryClient(url, credentials, timeout)) {
            Deployment.Result result = new Deployment(registry, modelId, chunkSize, err)
                .deploy(modelFile, arguments.flag("replace"));
            out.println("deployed model [" + modelId + "] to " + url + ": " + result.sizeInBytes() + " bytes, sha256 "
                + result.sha256() + ", state " + Deployment.state(result.record()));
        }
        return 0;
    }

    /** An http(s) URL with a host, without a trailing slash so that request paths can be appended. */
    private static String clusterUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException("option --url: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
            || uri.getQuery() != null) {
            throw new UsageException("option --url needs an http(s) URL with a host and no query but was [" + text
                + "]");
        }
        return text.replaceAll("/+$", "");
    }

    private static long chunkSize(String text) {
        long size;
        try {
            size = ByteSize.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("option --chunk-size: " + e.getMessage());
        }
        if (size < 1 || size > Deployment.MAX_CHUNK_SIZE) {
            throw new UsageException("option --chunk-size must be between 1b and 1gb but was " + text);
        }
        return size;
    }
}

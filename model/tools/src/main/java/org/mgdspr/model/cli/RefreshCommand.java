package org.mgdspr.model.cli;

import com.google.gson.JsonObject;

import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.artifact.ModelArtifact;
import org.mgdspr.model.data.Catalog;
import org.mgdspr.model.data.CatalogKeyTerms;
import org.mgdspr.model.data.HomeDepotLoader;
import org.mgdspr.model.data.JsonLinesFormat;
import org.mgdspr.model.spelling.CatalogVocabulary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code mgdspr refresh}: a model's catalog-derived entries, the key-term lexicon and the spelling vocabulary,
 * rebuilt from the shop's current catalog without retraining. A model built on last month's catalog otherwise reads
 * a word that only newer titles use as a misspelling of an older word, and its relevance control does not know the
 * newer brands.
 */
@Command(name = "refresh", mixinStandardHelpOptions = true, versionProvider = Mgdspr.Version.class,
    description = "rebuild a model's key-term lexicon and spelling vocabulary from the current catalog, keeping its "
        + "towers")
final class RefreshCommand implements Callable<Integer> {

    static final String JSONL = "jsonl";
    static final String HOMEDEPOT = "homedepot";
    static final List<String> FORMATS = List.of(JSONL, HOMEDEPOT);

    private final Streams streams;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "<model.zip>", required = true, description = "model artifact (required)")
    private Path model;

    @Option(names = "--products", paramLabel = "<file>", required = true,
        description = "the current catalog: products.jsonl(.gz), or Home Depot's products.csv(.gz) (required)")
    private Path products;

    @Option(names = "--format", paramLabel = "<format>", completionCandidates = Formats.class,
        description = "format of --products: jsonl or homedepot (default: jsonl)")
    private String format;

    @Option(names = "--out", paramLabel = "<model.zip>", required = true,
        description = "where the refreshed artifact goes; not the --model file (required)")
    private Path out;

    RefreshCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws Exception {
        Path modelFile = Usage.existingFile(spec, "--model", model);
        Path productsFile = Usage.existingFile(spec, "--products", products);
        String productsFormat = Usage.choice(spec, "--format", format, JSONL, FORMATS);
        if (Files.exists(out) && Files.isSameFile(out, modelFile)) {
            throw Usage.error(spec, "--out must not be the --model file: the refreshed model is a new artifact");
        }
        MgdsprArtifact artifact = MgdsprArtifact.read(modelFile);
        Catalog catalog = HOMEDEPOT.equals(productsFormat) ? HomeDepotLoader.readCatalog(productsFile)
            : JsonLinesFormat.readProducts(productsFile);
        if (catalog.size() == 0) {
            throw new IllegalArgumentException(productsFile + " holds no products: there is no catalog to refresh from");
        }
        String language = artifact.config().features().language();
        CatalogVocabulary vocabulary = artifact.config().features().spellingCorrection()
            ? catalog.titleVocabulary(language) : null;
        JsonObject refresh = new JsonObject();
        refresh.addProperty("products", productsFile.toString());
        refresh.addProperty("format", productsFormat);
        refresh.addProperty("items", catalog.size());
        MgdsprArtifact refreshed = artifact.withCatalog(CatalogKeyTerms.lexicon(catalog, language), vocabulary,
            refresh);
        refreshed.write(out);
        streams.out().printf(Locale.ROOT, "wrote %s (sha256 %s) from %d products: %d key terms (were %d); %s%n", out,
            ModelArtifact.sha256(Files.readAllBytes(out)), catalog.size(), refreshed.keyTerms().size(),
            artifact.keyTerms().size(), vocabularyChange(artifact, vocabulary));
        return Mgdspr.OK;
    }

    private static String vocabularyChange(MgdsprArtifact before, CatalogVocabulary after) {
        if (after == null) {
            return "the model does not correct spelling";
        }
        Set<String> old = before.spellingVocabulary().orElseThrow().words();
        Set<String> added = new HashSet<>(after.words());
        added.removeAll(old);
        Set<String> removed = new HashSet<>(old);
        removed.removeAll(after.words());
        return String.format(Locale.ROOT, "spelling vocabulary %d words (%d new, %d gone)", after.size(),
            added.size(), removed.size());
    }

    /** Completion candidates of {@code --format}. */
    static final class Formats extends ArrayList<String> {
        Formats() {
            super(FORMATS);
        }
    }
}

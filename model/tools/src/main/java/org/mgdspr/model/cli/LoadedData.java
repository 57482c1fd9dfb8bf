package org.mgdspr.model.cli;

import com.google.gson.JsonObject;

import org.mgdspr.model.data.Dataset;
import org.mgdspr.model.data.SearchRequest;

import java.util.Map;
import java.util.function.Predicate;

/**
 * A dataset as the command line selected it, with what evaluation needs to know about its labels.
 *
 * @param dataset     catalog, requests and labels
 * @param description the selection as JSON (kind, files, split), recorded in artifacts and reports
 * @param gainOffset  subtracted from graded labels for nDCG gains
 * @param segments    named request subsets reported separately (the simulator's ambiguous queries)
 */
record LoadedData(Dataset dataset, JsonObject description, double gainOffset,
                  Map<String, Predicate<SearchRequest>> segments) {}

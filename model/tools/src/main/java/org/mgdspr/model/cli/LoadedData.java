package org.mgdspr.model.cli;

import com.google.gson.JsonObject;

import org.mgdspr.model.data.Dataset;
import org.mgdspr.model.eval.ReferenceRanking;
import org.mgdspr.model.eval.Segment;

import java.util.Map;

/**
 * A dataset as the command line selected it, with what evaluation needs to know about its labels.
 *
 * @param dataset     catalog, requests and labels
 * @param description the selection as JSON (kind, files, split), recorded in artifacts and reports
 * @param gainOffset  subtracted from graded labels for nDCG gains
 * @param segments    named parts reported separately (the simulator's ambiguous queries, Home Depot's targets
 *                    seen and unseen in training)
 * @param references  model-free rankings evaluated beside the model (the simulator's oracles; empty elsewhere)
 */
record LoadedData(Dataset dataset, JsonObject description, double gainOffset, Map<String, Segment> segments,
                  Map<String, ReferenceRanking> references) {}

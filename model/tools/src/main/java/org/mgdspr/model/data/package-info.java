/**
 * The dataset model (catalog, search requests with as-of user contexts, relevance labels) and its sources:
 * Home Depot judgments, the JDsearch format and the project's JSON-lines format ({@code model/docs/jsonl-format.md}).
 */
package org.mgdspr.model.data;

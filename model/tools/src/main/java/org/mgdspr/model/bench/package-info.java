/** Throughput and latency measurements of the towers on random inputs; not part of the library API. */
package org.mgdspr.model.bench;

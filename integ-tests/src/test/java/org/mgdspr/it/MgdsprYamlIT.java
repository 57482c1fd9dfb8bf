package org.mgdspr.it;

import com.carrotsearch.randomizedtesting.annotations.Name;
import com.carrotsearch.randomizedtesting.annotations.ParametersFactory;

import org.opensearch.test.rest.yaml.ClientYamlTestCandidate;
import org.opensearch.test.rest.yaml.OpenSearchClientYamlSuiteTestCase;

/**
 * Runs the YAML REST suites of {@code rest-api-spec/test} against the real cluster named by
 * {@code tests.rest.cluster}, with the API specs of core and of this plugin.
 */
public class MgdsprYamlIT extends OpenSearchClientYamlSuiteTestCase {

    public MgdsprYamlIT(@Name("yaml") ClientYamlTestCandidate testCandidate) {
        super(testCandidate);
    }

    @ParametersFactory
    public static Iterable<Object[]> parameters() throws Exception {
        return createParameters();
    }

    /** Suites clean up their own indices; wiping everything would also hit k-NN's and our system indices. */
    @Override
    protected boolean preserveClusterUponCompletion() {
        return true;
    }
}

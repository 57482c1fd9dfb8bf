package org.mgdspr.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.nn.MaskedSequence;
import org.mgdspr.model.nn.PendingInputs;
import org.mgdspr.model.nn.QueryInput;
import org.mgdspr.model.nn.SparseLookup;
import org.mgdspr.model.nn.UserTowerInput;
import org.mgdspr.model.testing.Fixtures;
import org.mgdspr.model.twotower.TwoTowerModel;
import org.mgdspr.model.twotower.UserTower;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * How a failure of a user part on its own thread reaches the training step, and how a step that fails lets the
 * parts still waiting for their gradient end, without a backward pass and without keeping the part thread.
 */
class ThreadedUserPartTest {

    private static final int USERS = 3;
    /** Where {@link QueryInput#toNDList()} puts the word rows: after the unigrams' and bigrams' rows and masks. */
    private static final int WORD_ROWS = 2 * MaskedSequence.SIZE;
    private static final Duration BOUND = Duration.ofSeconds(30);

    private final ModelConfig config = Fixtures.tiny();
    private TwoTowerModel model;
    private NDManager manager;
    private ExecutorService partThread;

    @BeforeEach
    void start() {
        model = TwoTowerModel.create(config);
        manager = NDManager.newBaseManager();
        partThread = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stop() throws InterruptedException {
        partThread.shutdownNow();
        partThread.awaitTermination(30, TimeUnit.SECONDS);
        manager.close();
        model.close();
    }

    @Test
    void aPartWhoseForwardPassFailsHandsItsFailureToTheStep() {
        ThreadedUserPart part = start(malformedInput());
        RuntimeException failure = assertThrows(RuntimeException.class, part::vectors);
        RuntimeException rethrown = assertThrows(RuntimeException.class,
            () -> ThreadedUserPart.awaitAll(List.of(part), null));
        assertSame(failure, rethrown, "the step sees the part's own failure");
        assertPartThreadIsFree();
    }

    @Test
    void aPartsFailureIsAddedToTheFailureOfAStepThatAlreadyFails() {
        ThreadedUserPart part = start(malformedInput());
        IllegalStateException stepFailure = new IllegalStateException("the loss failed");
        assertTimeoutPreemptively(BOUND, () -> ThreadedUserPart.awaitAll(List.of(part), stepFailure));
        assertEquals(1, stepFailure.getSuppressed().length, "the part's failure travels with the step's");
        assertSame(assertThrows(RuntimeException.class, part::vectors), stepFailure.getSuppressed()[0]);
    }

    @Test
    void aStepThatFailsWithThePartsOwnFailureDoesNotSuppressItInItself() {
        ThreadedUserPart part = start(malformedInput());
        RuntimeException failure = assertThrows(RuntimeException.class, part::vectors);
        assertTimeoutPreemptively(BOUND, () -> ThreadedUserPart.awaitAll(List.of(part), failure));
        assertArrayEquals(new Throwable[0], failure.getSuppressed());
    }

    @Test
    void aPartWaitingForItsGradientEndsWhenTheStepFails() {
        ThreadedUserPart part = start(wellFormedInput());
        NDArray vectors = part.vectors();
        assertEquals(new Shape(USERS, config.tower().dim()), vectors.getShape());
        IllegalStateException stepFailure = new IllegalStateException("the loss failed");
        assertTimeoutPreemptively(BOUND, () -> ThreadedUserPart.awaitAll(List.of(part), stepFailure));
        assertArrayEquals(new Throwable[0], stepFailure.getSuppressed(), "a cancelled part has not failed");
        assertPartThreadIsFree();
    }

    private ThreadedUserPart start(UserTowerInput input) {
        UserTower user = model.userTower();
        return new ThreadedUserPart(partThread, user, 1, input, new ParameterAliases(manager, user.parameters()));
    }

    private UserTowerInput wellFormedInput() {
        UserTower user = model.userTower();
        List<EncodedUser> users = Fixtures.users(config.features(), new Random(3), USERS);
        SparseLookup lookup = new SparseLookup(manager, true);
        PendingInputs<UserTowerInput> pending = user.embedder().request(lookup, user.batcher().batch(manager, users));
        lookup.materialize();
        return pending.resolve();
    }

    /** A well-formed input whose query words are one column wider than the tower's rows. */
    private UserTowerInput malformedInput() {
        NDList arrays = wellFormedInput().toNDList();
        Shape words = arrays.get(WORD_ROWS).getShape();
        arrays.set(WORD_ROWS, manager.zeros(new Shape(words.get(0), words.get(1), words.get(2) + 1)));
        return UserTowerInput.from(arrays);
    }

    private void assertPartThreadIsFree() {
        assertEquals(7, assertTimeoutPreemptively(BOUND, () -> partThread.submit(() -> 7).get()),
            "the part thread takes the next task");
    }
}

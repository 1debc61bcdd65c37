package org.pathlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pathlab.experiment.ExperimentEvent.TaskCompleted;

/** The registry of trained and in-training prefixes: one trainer per key, waiters told how it ended. */
class PrefixesTest {

  private static Prefixes.Source source(String run) {
    return new Prefixes.Source("e1", run, 0, new TaskCompleted(run, 0, null, "c", "sha", 1L, "cpu", "key", null));
  }

  @Test
  void theFirstClaimTrainsTheNextWaitsAndLaterOnesReuse() {
    Prefixes prefixes = new Prefixes();
    List<Optional<Prefixes.Source>> told = new ArrayList<>();
    assertInstanceOf(Prefixes.Train.class, prefixes.claim("k", x -> {}));
    assertInstanceOf(Prefixes.Wait.class, prefixes.claim("k", told::add));
    Prefixes.Source trained = source("r1");
    prefixes.completed("k", trained);
    assertEquals(List.of(Optional.of(trained)), told);
    Prefixes.Claim later = prefixes.claim("k", x -> {});
    assertSame(trained, ((Prefixes.Reuse) later).source());
  }

  @Test
  void anAbandonedPrefixSendsItsWaitersToClaimAgain() {
    Prefixes prefixes = new Prefixes();
    List<Optional<Prefixes.Source>> told = new ArrayList<>();
    prefixes.claim("k", x -> {});
    prefixes.claim("k", told::add);
    prefixes.abandoned("k");
    assertEquals(List.of(Optional.empty()), told);
    assertInstanceOf(Prefixes.Train.class, prefixes.claim("k", x -> {}));
  }

  @Test
  void everyWaiterGetsTheCompletionEvenWhenTheKeyIsForgottenMeanwhile() {
    // the first waiter finds the checkpoint altered and forgets the key before the second is told:
    // the second must still be told the completion that was kept, never null
    Prefixes prefixes = new Prefixes();
    List<Optional<Prefixes.Source>> second = new ArrayList<>();
    prefixes.claim("k", x -> {});
    prefixes.claim("k", x -> prefixes.forget("k"));
    prefixes.claim("k", second::add);
    Prefixes.Source trained = source("r1");
    prefixes.completed("k", trained);
    assertEquals(1, second.size());
    assertTrue(second.get(0).isPresent());
    assertSame(trained, second.get(0).get());
    assertInstanceOf(Prefixes.Train.class, prefixes.claim("k", x -> {}), "forgotten: trained again");
  }

  @Test
  void aSecondCompletionOfAKeyKeepsTheFirst() {
    Prefixes prefixes = new Prefixes();
    Prefixes.Source first = source("r1");
    prefixes.load("k", first);
    prefixes.completed("k", source("r2"));
    assertSame(first, ((Prefixes.Reuse) prefixes.claim("k", x -> {})).source());
  }
}

package org.pathlab.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Work passes the gate until it closes; closing waits (bounded) for the work in flight, and none starts after. */
class WriteGateTest {

  @Test
  void workRunsUntilTheGateClosesAndNotAfter() {
    WriteGate gate = new WriteGate();
    assertEquals(Optional.of(1), gate.ifOpen(() -> 1));
    AtomicBoolean then = new AtomicBoolean();
    assertTrue(gate.close(Duration.ofSeconds(1), () -> then.set(true)), "nothing in flight: closed at once");
    assertTrue(then.get());
    AtomicBoolean ran = new AtomicBoolean();
    assertEquals(Optional.empty(), gate.ifOpen(() -> ran.getAndSet(true)));
    assertFalse(ran.get(), "no work after close");
    assertTrue(gate.isClosed());
  }

  @Test
  @Timeout(20)
  void closeWaitsForTheWorkInFlightAndRunsItsStepAfterIt() throws Exception {
    WriteGate gate = new WriteGate();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean workEnded = new AtomicBoolean();
    CompletableFuture<Optional<Boolean>> work = CompletableFuture.supplyAsync(() -> held(gate, started, release, workEnded));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    AtomicBoolean sawWorkEnded = new AtomicBoolean();
    CompletableFuture<Boolean> closing = CompletableFuture.supplyAsync(() -> gate.close(Duration.ofSeconds(10),
        () -> sawWorkEnded.set(workEnded.get())));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(gate::isClosed);
    assertFalse(closing.isDone(), "the work is held: close has not returned");
    release.countDown();
    assertTrue(closing.get(10, TimeUnit.SECONDS), "waited for the work");
    assertTrue(sawWorkEnded.get(), "the close step ran after the work ended");
    assertEquals(Optional.of(true), work.get());
  }

  @Test
  @Timeout(20)
  void aWorkThatHangsIsWaitedForOnlyThatLong() throws Exception {
    WriteGate gate = new WriteGate();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Optional<Boolean>> work = CompletableFuture.supplyAsync(() -> held(gate, started, release, new AtomicBoolean()));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    AtomicBoolean then = new AtomicBoolean();
    assertFalse(gate.close(Duration.ofMillis(200), () -> then.set(true)), "gave up waiting");
    assertTrue(then.get(), "and still ran its close step");
    release.countDown();
    assertEquals(Optional.of(true), work.get(10, TimeUnit.SECONDS));
  }

  /** Work through the gate that says it started and waits to be released. */
  private static Optional<Boolean> held(WriteGate gate, CountDownLatch started, CountDownLatch release, AtomicBoolean ended) {
    try {
      return gate.ifOpen(() -> {
        started.countDown();
        release.await();
        ended.set(true);
        return true;
      });
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}

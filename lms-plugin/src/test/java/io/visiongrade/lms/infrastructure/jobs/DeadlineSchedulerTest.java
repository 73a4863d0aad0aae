package io.visiongrade.lms.infrastructure.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.visiongrade.lms.application.DeadlineRegrades;
import io.visiongrade.lms.domain.submission.DeadlinePassRepository.DuePass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A scheduler pass: every due student in batches, a failing one skipped and left for later. */
class DeadlineSchedulerTest {

  static final Instant DUE = Instant.parse("2026-12-08T09:00:00Z");

  /** Due passes held in memory. */
  static class FakeRegrades extends DeadlineRegrades {
    final List<DuePass> pending = new ArrayList<>();
    final List<DuePass> done = new ArrayList<>();

    @Override
    public List<DuePass> due(int n) {
      return pending.stream().limit(n).toList();
    }

    @Override
    public boolean regradeAtDeadline(DuePass pass) {
      pending.remove(pass);
      done.add(pass);
      return pass.userId().endsWith("0");
    }
  }

  @Test
  void onePassHandlesEveryDueStudentInBatches() {
    FakeRegrades regrades = new FakeRegrades();
    IntStream.range(0, DeadlineScheduler.BATCH * 2 + 5)
        .forEach(i -> regrades.pending.add(new DuePass(1, "s" + i, DUE)));
    DeadlineScheduler scheduler = new DeadlineScheduler();
    scheduler.regrades = regrades;
    int changed = scheduler.runOnce();
    assertEquals(DeadlineScheduler.BATCH * 2 + 5, regrades.done.size());
    assertEquals(regrades.done.stream().filter(p -> p.userId().endsWith("0")).count(), changed);
    assertEquals(0, scheduler.runOnce(), "nothing left: nothing done");
  }

  @Test
  void aStudentThatFailsDoesNotStopThePass() {
    FakeRegrades regrades =
        new FakeRegrades() {
          @Override
          public boolean regradeAtDeadline(DuePass pass) {
            if (pass.userId().equals("broken")) {
              throw new IllegalStateException("database hiccup");
            }
            return super.regradeAtDeadline(pass);
          }
        };
    regrades.pending.add(new DuePass(1, "broken", DUE));
    regrades.pending.add(new DuePass(1, "s10", DUE));
    DeadlineScheduler scheduler = new DeadlineScheduler();
    scheduler.regrades = regrades;
    assertEquals(1, scheduler.runOnce());
    assertEquals(List.of(new DuePass(1, "broken", DUE)), regrades.pending, "left for next pass");
  }
}

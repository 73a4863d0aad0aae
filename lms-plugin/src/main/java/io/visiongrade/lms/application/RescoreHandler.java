package io.visiongrade.lms.application;

import io.visiongrade.lms.domain.job.JobContext;
import io.visiongrade.lms.domain.job.JobHandler;
import io.visiongrade.lms.domain.job.JobOutcome;
import io.visiongrade.lms.domain.job.JobProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Re-scores every student of an exercise (job kind {@code RESCORE_EXERCISE}, payload: the exercise
 * id), one transaction per student. Stopped half-way (a cancel, a crash), the job can simply run
 * again: a student already re-scored is left unchanged, so nothing is sent twice.
 */
@ApplicationScoped
public class RescoreHandler implements JobHandler {

  private static final Logger LOG = Logger.getLogger(RescoreHandler.class);

  @Inject Rescoring rescoring;

  /** For CDI. */
  protected RescoreHandler() {}

  /** Outside a container (tests). */
  public RescoreHandler(Rescoring rescoring) {
    this.rescoring = Objects.requireNonNull(rescoring, "rescoring");
  }

  @Override
  public String kind() {
    return Rescoring.JOB_KIND;
  }

  @Override
  public JobOutcome run(JobContext ctx) {
    long exerciseId = Long.parseLong(ctx.payload().strip());
    ctx.progress().report(JobProgress.phase("loading"));
    List<String> students = rescoring.students(exerciseId);
    int repointed = 0;
    int requeued = 0;
    int changed = 0;
    for (int i = 0; i < students.size(); i++) {
      if (ctx.isCancelled()) {
        return JobOutcome.of(
            "cancelled after " + i + " of " + students.size() + " students were re-scored");
      }
      ctx.progress().report(JobProgress.phase("rescoring").withBatch(i + 1, students.size()));
      Rescoring.StudentRescored r =
          rescoring.rescoreStudent(exerciseId, students.get(i), ctx.owner());
      repointed += r.repointed();
      requeued += r.requeued();
      changed += r.gradeChanged() ? 1 : 0;
    }
    String summary =
        "re-scored "
            + students.size()
            + " students: "
            + repointed
            + " submissions given new points, "
            + requeued
            + " queued to be evaluated again, "
            + changed
            + " grades changed";
    LOG.infof("Exercise %d %s", exerciseId, summary);
    return JobOutcome.of(summary);
  }
}

package io.visiongrade.lms.domain.job;

import java.util.Objects;

/**
 * What a handler returns when its job succeeded.
 *
 * @param result a short string the job's owner understands (e.g. the id of the grade or model
 *     version it produced); at most {@link Job#MAX_TEXT} characters
 */
public record JobOutcome(String result) {

  public JobOutcome {
    Objects.requireNonNull(result, "result");
  }

  public static JobOutcome of(Object result) {
    return new JobOutcome(String.valueOf(result));
  }
}

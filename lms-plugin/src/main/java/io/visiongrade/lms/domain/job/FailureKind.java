package io.visiongrade.lms.domain.job;

/** Why a job did not succeed. */
public enum FailureKind {
  /**
   * The student's (or teacher's) own error: an invalid spec, a bad file. Not retried; counted as an
   * attempt only when the teacher's policy says so.
   */
  USER_ERROR,
  /** A failure of ours (engine, database, server stopped): retried, never counted. */
  INFRASTRUCTURE,
  /** A person cancelled it. */
  CANCELLED,
  /** It ran past its lane's time limit. Not retried, not counted. */
  TIMEOUT
}

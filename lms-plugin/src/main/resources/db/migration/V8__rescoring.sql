-- Re-scoring, the blind phase at the deadline and charging user errors (docs/submissions.md).
-- Portable SQL for H2 2.x and PostgreSQL 15.

-- What a submission's stored metric values were measured as: the rubric's metric and the public
-- share of a blind phase (null: none). With the dataset hash and split seed already stored, this
-- tells re-scoring whether the stored values still hold (only points need recomputing) or the
-- submission must be evaluated again. Null metric: graded before this migration (evaluated again).
ALTER TABLE submission ADD COLUMN graded_metric VARCHAR(20);
ALTER TABLE submission ADD COLUMN graded_public_fraction DOUBLE PRECISION;
CREATE INDEX submission_exercise ON submission (exercise_id, status);

-- The teacher's policy: whether a student's own error (invalid spec, bad file) counts as an attempt.
ALTER TABLE exercise ADD COLUMN charge_user_errors BOOLEAN DEFAULT FALSE NOT NULL;

-- A student's grade was recomputed after their due date (the blind phase's switch to the private
-- part). Keyed by the due date that passed, so that a moved due date is handled again; a row is
-- written in the transaction that recomputes the grade, so a restart catches up on the rest.
CREATE TABLE deadline_regrade (
    exercise_id         BIGINT        NOT NULL REFERENCES exercise (id),
    user_id             VARCHAR(255)  NOT NULL,
    due_at              TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    done_at             TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (exercise_id, user_id, due_at)
);

-- Privacy (PRIVACY.md, docs/privacy.md): each course's retention setting. A course without a row
-- keeps its students' data until a teacher or the administrator deletes it. With a row, the
-- retention sweep deletes every student's submissions, image answers, grades and their files once
-- the day after course_ends_on plus delete_after_days has begun (UTC).
-- Portable SQL for H2 2.x and PostgreSQL 15.
CREATE TABLE course_retention (
    course_id           BIGINT        NOT NULL PRIMARY KEY REFERENCES course (id),
    course_ends_on      DATE          NOT NULL,
    delete_after_days   INTEGER       NOT NULL,
    updated_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    -- When the sweep last found the course due and deleted what it held (null: never).
    last_swept_at       TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT course_retention_days CHECK (delete_after_days BETWEEN 0 AND 3650)
);

-- The erasure look-ups: a student's rows of a course in the tables that have no such index yet.
CREATE INDEX score_outbox_user ON score_outbox (user_id);
CREATE INDEX lti_session_user ON lti_session (user_id);
CREATE INDEX grade_user ON grade (user_id);
CREATE INDEX image_answer_grade_user ON image_answer_grade (user_id);
CREATE INDEX exercise_extension_user ON exercise_extension (user_id);
-- The shared-file check: does any row still use this content hash?
CREATE INDEX submission_content ON submission (content_sha256);
CREATE INDEX image_answer_image ON image_answer (image_sha256);
CREATE INDEX course_training_image_image ON course_training_image (image_sha256);
CREATE INDEX course_model_artifact ON course_model (artifact_sha256);

-- The secret key of each classifier challenge that names its test images for download
-- (docs/gradebook.md, "Test images"): an image's public id is an HMAC of its dataset id under this key,
-- so that ids reveal neither labels, class folders nor original file names, and cannot be guessed.
-- Portable SQL for H2 2.x and PostgreSQL 15.
CREATE TABLE exercise_test_key (
    exercise_id         BIGINT        NOT NULL PRIMARY KEY REFERENCES exercise (id),
    secret              VARCHAR(64)   NOT NULL,
    created_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

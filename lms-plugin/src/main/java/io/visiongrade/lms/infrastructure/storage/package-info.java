/**
 * Content-addressed file storage under {@code Settings#storageDir()}: uploads and trained models
 * are kept as files named by the SHA-256 of their content (never by a name a user chose), written
 * to a temporary file first and moved into place atomically.
 */
package io.visiongrade.lms.infrastructure.storage;

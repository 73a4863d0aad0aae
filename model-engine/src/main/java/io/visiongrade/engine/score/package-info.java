/**
 * Scoring inputs from students: parsing a predictions CSV against a labelled split ({@link
 * io.visiongrade.engine.score.PredictionsCsv}), with every problem reported in one checked {@link
 * io.visiongrade.engine.score.PredictionsCsvException} that never reveals a true label; and safe
 * CSV escaping for exports ({@link io.visiongrade.engine.score.CsvEscaping}).
 */
package io.visiongrade.engine.score;

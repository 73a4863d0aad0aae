/**
 * VisionGrade's model engine: datasets, CNN specifications, training, evaluation and inference on
 * DJL with the PyTorch engine. Plain Java, no Jakarta EE, no database.
 */
package io.visiongrade.engine;

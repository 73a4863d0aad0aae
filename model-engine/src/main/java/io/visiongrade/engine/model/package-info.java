/**
 * Models: {@link io.visiongrade.engine.model.CnnBlockFactory} turns a validated spec into a DJL
 * block, {@link io.visiongrade.engine.model.CnnModel} holds a trained network with its spec and
 * class names, {@link io.visiongrade.engine.model.ModelArtifacts} saves and loads it as a
 * directory, {@link io.visiongrade.engine.model.ImageClassifier} classifies image bytes and {@link
 * io.visiongrade.engine.model.TorchScriptModel} evaluates a student's TorchScript file.
 */
package io.visiongrade.engine.model;

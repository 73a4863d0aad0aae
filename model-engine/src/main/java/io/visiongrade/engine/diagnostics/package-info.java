/**
 * Engine self-checks: whether DJL's PyTorch engine loads, and whether a tiny CNN trains on this
 * machine. Used by the server's readiness probe and its administrator diagnostics.
 */
package io.visiongrade.engine.diagnostics;

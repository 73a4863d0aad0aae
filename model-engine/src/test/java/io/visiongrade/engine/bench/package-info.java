/**
 * Benchmark entry points (mains, not tests; surefire does not run them). Run through {@code
 * bench/engine-bench.sh} at the repository root.
 */
package io.visiongrade.engine.bench;

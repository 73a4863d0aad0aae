/** Test helpers: tiny synthetic datasets, specs and fixture paths for fast tests. */
package io.visiongrade.engine.testing;

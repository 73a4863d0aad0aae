/** Cross-cutting web plumbing: request ids, response headers. */
package io.visiongrade.web.infra;

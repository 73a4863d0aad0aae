/** Administrator endpoints under {@code /api/admin}, guarded by the admin bearer token. */
package io.visiongrade.web.admin;

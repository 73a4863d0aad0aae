package io.visiongrade.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The one JAX-RS application, at the context root: the REST API under {@code /api}, health under
 * {@code /health}, LTI under {@code /lti}, and the pages.
 */
@ApplicationPath("")
public class RestApplication extends Application {}

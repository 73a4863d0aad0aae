package io.visiongrade.lms.lti.launch;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The Assignment and Grade Services endpoint claim (AGS 2.0 section 3.1): where the context's line
 * items live, the line item of this resource link if the platform created one, and the scopes the
 * tool may ask for.
 */
public record AgsEndpoint(Optional<URI> lineItems, Optional<URI> lineItem, Set<String> scopes) {}

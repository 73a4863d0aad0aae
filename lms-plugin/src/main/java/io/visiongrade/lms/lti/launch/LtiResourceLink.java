package io.visiongrade.lms.lti.launch;

import java.util.Optional;

/** The resource link claim of a launch (LTI Core 1.3 section 5.3.5). */
public record LtiResourceLink(String id, Optional<String> title, Optional<String> description) {}

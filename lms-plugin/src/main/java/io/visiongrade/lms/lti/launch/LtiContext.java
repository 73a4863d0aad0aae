package io.visiongrade.lms.lti.launch;

import java.util.List;
import java.util.Optional;

/** The context (course) claim of a launch (LTI Core 1.3 section 5.4.1). */
public record LtiContext(
    String id, Optional<String> title, Optional<String> label, List<String> types) {}

package io.visiongrade.lms.lti.launch;

import java.net.URI;
import java.util.Optional;

/** The launch_presentation claim (LTI Core 1.3 section 5.4.4). */
public record LaunchPresentation(
    Optional<String> documentTarget,
    Optional<URI> returnUrl,
    Optional<String> locale,
    Optional<Integer> width,
    Optional<Integer> height) {}

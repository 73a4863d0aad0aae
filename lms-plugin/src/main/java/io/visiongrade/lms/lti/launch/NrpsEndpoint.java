package io.visiongrade.lms.lti.launch;

import java.net.URI;
import java.util.List;

/** The Names and Role Provisioning Services claim (NRPS 2.0 section 3.6.1). */
public record NrpsEndpoint(URI contextMembershipsUrl, List<String> serviceVersions) {}

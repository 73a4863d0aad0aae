package io.visiongrade.lms.lti;

import java.util.Set;

/** OAuth2 scopes of the LTI Advantage services (AGS 2.0 section 3.1, NRPS 2.0 section 2). */
public final class LtiScopes {

  private LtiScopes() {}

  private static final String AGS = "https://purl.imsglobal.org/spec/lti-ags/scope/";
  public static final String AGS_LINE_ITEM = AGS + "lineitem";
  public static final String AGS_LINE_ITEM_READ_ONLY = AGS + "lineitem.readonly";
  public static final String AGS_RESULT_READ_ONLY = AGS + "result.readonly";
  public static final String AGS_SCORE = AGS + "score";
  public static final String NRPS_CONTEXT_MEMBERSHIP_READ_ONLY =
      "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

  /** Every scope this tool asks for when it registers. */
  public static final Set<String> ALL =
      Set.of(
          AGS_LINE_ITEM,
          AGS_LINE_ITEM_READ_ONLY,
          AGS_RESULT_READ_ONLY,
          AGS_SCORE,
          NRPS_CONTEXT_MEMBERSHIP_READ_ONLY);
}

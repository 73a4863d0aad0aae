package io.visiongrade.lms.lti;

/**
 * Names of the JWT claims and values used by LTI 1.3 Core, Deep Linking 2.0, AGS 2.0 and NRPS 2.0.
 * Every claim name the code reads or writes is here, nowhere else.
 */
public final class LtiClaims {

  private LtiClaims() {}

  /** The LTI version this tool speaks (LTI Core 1.3, section 5.3.3). */
  public static final String LTI_VERSION = "1.3.0";

  // --- OpenID Connect / JWT registered claims -------------------------------------------------
  public static final String ISSUER = "iss";
  public static final String SUBJECT = "sub";
  public static final String AUDIENCE = "aud";
  public static final String AUTHORIZED_PARTY = "azp";
  public static final String EXPIRES_AT = "exp";
  public static final String ISSUED_AT = "iat";
  public static final String NONCE = "nonce";
  public static final String JWT_ID = "jti";
  public static final String NAME = "name";
  public static final String GIVEN_NAME = "given_name";
  public static final String FAMILY_NAME = "family_name";
  public static final String MIDDLE_NAME = "middle_name";
  public static final String EMAIL = "email";
  public static final String LOCALE = "locale";
  public static final String PICTURE = "picture";

  // --- LTI Core 1.3 ---------------------------------------------------------------------------
  private static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
  public static final String MESSAGE_TYPE = LTI + "message_type";
  public static final String VERSION = LTI + "version";
  public static final String DEPLOYMENT_ID = LTI + "deployment_id";
  public static final String TARGET_LINK_URI = LTI + "target_link_uri";
  public static final String RESOURCE_LINK = LTI + "resource_link";
  public static final String ROLES = LTI + "roles";
  public static final String ROLE_SCOPE_MENTOR = LTI + "role_scope_mentor";
  public static final String CONTEXT = LTI + "context";
  public static final String TOOL_PLATFORM = LTI + "tool_platform";
  public static final String LAUNCH_PRESENTATION = LTI + "launch_presentation";
  public static final String LIS = LTI + "lis";
  public static final String CUSTOM = LTI + "custom";

  /** Members of the {@link #RESOURCE_LINK}, {@link #CONTEXT} and similar object claims. */
  public static final String ID = "id";

  public static final String TITLE = "title";
  public static final String LABEL = "label";
  public static final String TYPE = "type";
  public static final String DESCRIPTION = "description";

  /** Members of {@link #LAUNCH_PRESENTATION}. */
  public static final String DOCUMENT_TARGET = "document_target";

  public static final String RETURN_URL = "return_url";
  public static final String WIDTH = "width";
  public static final String HEIGHT = "height";

  // --- Message types --------------------------------------------------------------------------
  public static final String RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest";
  public static final String DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest";
  public static final String DEEP_LINKING_RESPONSE = "LtiDeepLinkingResponse";

  // --- Deep Linking 2.0 -----------------------------------------------------------------------
  private static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
  public static final String DEEP_LINKING_SETTINGS = DL + "deep_linking_settings";
  public static final String DL_CONTENT_ITEMS = DL + "content_items";
  public static final String DL_DATA = DL + "data";
  public static final String DL_MSG = DL + "msg";
  public static final String DL_LOG = DL + "log";
  public static final String DL_ERROR_MSG = DL + "errormsg";
  public static final String DL_ERROR_LOG = DL + "errorlog";

  /** Members of {@link #DEEP_LINKING_SETTINGS}. */
  public static final String DL_RETURN_URL = "deep_link_return_url";

  public static final String DL_ACCEPT_TYPES = "accept_types";
  public static final String DL_ACCEPT_PRESENTATION_TARGETS =
      "accept_presentation_document_targets";
  public static final String DL_ACCEPT_MEDIA_TYPES = "accept_media_types";
  public static final String DL_ACCEPT_MULTIPLE = "accept_multiple";
  public static final String DL_ACCEPT_LINE_ITEM = "accept_lineitem";
  public static final String DL_AUTO_CREATE = "auto_create";
  public static final String DL_TEXT = "text";
  public static final String DL_SETTINGS_DATA = "data";

  /** Content item type and members used in deep linking responses. */
  public static final String ITEM_LTI_RESOURCE_LINK = "ltiResourceLink";

  public static final String ITEM_URL = "url";
  public static final String ITEM_CUSTOM = "custom";
  public static final String ITEM_LINE_ITEM = "lineItem";
  public static final String LINE_ITEM_SCORE_MAXIMUM = "scoreMaximum";
  public static final String LINE_ITEM_LABEL = "label";
  public static final String LINE_ITEM_RESOURCE_ID = "resourceId";
  public static final String LINE_ITEM_TAG = "tag";

  // --- AGS 2.0 --------------------------------------------------------------------------------
  public static final String AGS_ENDPOINT =
      "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
  public static final String AGS_LINE_ITEMS = "lineitems";
  public static final String AGS_LINE_ITEM = "lineitem";
  public static final String AGS_SCOPE = "scope";

  // --- NRPS 2.0 -------------------------------------------------------------------------------
  public static final String NRPS_SERVICE =
      "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
  public static final String NRPS_CONTEXT_MEMBERSHIPS_URL = "context_memberships_url";
  public static final String NRPS_SERVICE_VERSIONS = "service_versions";

  // --- Dynamic Registration -------------------------------------------------------------------
  public static final String TOOL_CONFIGURATION =
      "https://purl.imsglobal.org/spec/lti-tool-configuration";
  public static final String PLATFORM_CONFIGURATION =
      "https://purl.imsglobal.org/spec/lti-platform-configuration";

  /** The custom parameter through which a placed resource link names its exercise. */
  public static final String CUSTOM_EXERCISE_ID = "exercise_id";
}

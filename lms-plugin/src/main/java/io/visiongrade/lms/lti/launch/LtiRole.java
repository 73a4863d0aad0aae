package io.visiongrade.lms.lti.launch;

import java.util.Collection;

/**
 * What a launched user may do in VisionGrade, derived from the LTI roles claim (LTI Core 1.3
 * section 5.3.7 and Appendix A, LIS v2 role vocabularies).
 *
 * <p>Context (membership) roles decide when there are any: Instructor, TeachingAssistant,
 * ContentDeveloper and Administrator make a {@link #TEACHER}; Learner makes a {@link #STUDENT}; the
 * highest wins. Only without a context role do institution and system roles count: an
 * administrator, instructor or faculty member is a teacher, a student or learner is a student.
 * Anything else (Mentor, Guest, Observer, unknown or no roles) is {@link #READ_ONLY}. Full LIS v2
 * URIs, their sub-roles ({@code membership/Instructor#TeachingAssistant}), the deprecated short
 * context names ({@code Instructor}) and LTI 1.1 URNs are understood.
 */
public enum LtiRole {
  TEACHER,
  STUDENT,
  READ_ONLY;

  private static final String LIS = "http://purl.imsglobal.org/vocab/lis/v2/";
  private static final String MEMBERSHIP = LIS + "membership";
  private static final String INSTITUTION = LIS + "institution/person#";
  private static final String SYSTEM = LIS + "system/person#";

  /** Maps the launch's role URIs to the user's role in this tool. */
  public static LtiRole of(Collection<String> roles) {
    LtiRole fromContext = null;
    LtiRole fromInstitution = null;
    for (String raw : roles) {
      if (raw == null) {
        continue;
      }
      String role = raw.trim();
      String contextRole = contextRoleName(role);
      if (contextRole != null) {
        fromContext = max(fromContext, contextRoleToTool(contextRole));
        continue;
      }
      String institutionRole = institutionRoleName(role);
      if (institutionRole != null) {
        fromInstitution = max(fromInstitution, institutionRoleToTool(institutionRole));
      }
    }
    if (fromContext != null) {
      return fromContext;
    }
    return fromInstitution == null ? READ_ONLY : fromInstitution;
  }

  /** The principal context role name, or null when the role is not a context role. */
  private static String contextRoleName(String role) {
    if (role.startsWith(MEMBERSHIP + "#")) {
      return role.substring(MEMBERSHIP.length() + 1);
    }
    if (role.startsWith(MEMBERSHIP + "/")) {
      // Sub-role: membership/Instructor#TeachingAssistant has principal role Instructor.
      String rest = role.substring(MEMBERSHIP.length() + 1);
      int hash = rest.indexOf('#');
      return hash < 0 ? rest : rest.substring(0, hash);
    }
    if (role.startsWith("urn:lti:role:ims/lis/")) {
      String rest = role.substring("urn:lti:role:ims/lis/".length());
      int slash = rest.indexOf('/');
      return slash < 0 ? rest : rest.substring(0, slash);
    }
    if (!role.contains(":") && !role.contains("/") && !role.contains("#")) {
      return role; // deprecated simple name of a context role, e.g. "Instructor"
    }
    return null;
  }

  private static String institutionRoleName(String role) {
    if (role.startsWith(INSTITUTION)) {
      return role.substring(INSTITUTION.length());
    }
    if (role.startsWith(SYSTEM)) {
      return role.substring(SYSTEM.length());
    }
    if (role.startsWith("urn:lti:instrole:ims/lis/")) {
      return role.substring("urn:lti:instrole:ims/lis/".length());
    }
    if (role.startsWith("urn:lti:sysrole:ims/lis/")) {
      return role.substring("urn:lti:sysrole:ims/lis/".length());
    }
    return null;
  }

  private static LtiRole contextRoleToTool(String name) {
    return switch (name) {
      case "Instructor", "TeachingAssistant", "ContentDeveloper", "Administrator" -> TEACHER;
      case "Learner" -> STUDENT;
      default -> READ_ONLY;
    };
  }

  private static LtiRole institutionRoleToTool(String name) {
    return switch (name) {
      case "Administrator", "SysAdmin", "Instructor", "Faculty" -> TEACHER;
      case "Student", "Learner" -> STUDENT;
      default -> READ_ONLY;
    };
  }

  private static LtiRole max(LtiRole a, LtiRole b) {
    if (a == null) {
      return b;
    }
    return a.ordinal() <= b.ordinal() ? a : b;
  }
}

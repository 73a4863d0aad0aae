package io.visiongrade.lms.lti.launch;

import static io.visiongrade.lms.lti.launch.LtiRole.READ_ONLY;
import static io.visiongrade.lms.lti.launch.LtiRole.STUDENT;
import static io.visiongrade.lms.lti.launch.LtiRole.TEACHER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LtiRoleTest {

  static final String M = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
  static final String I = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";
  static final String S = "http://purl.imsglobal.org/vocab/lis/v2/system/person#";

  @Test
  void mapsContextRoles() {
    assertEquals(TEACHER, LtiRole.of(List.of(M + "Instructor")));
    assertEquals(TEACHER, LtiRole.of(List.of(M + "ContentDeveloper")));
    assertEquals(TEACHER, LtiRole.of(List.of(M + "Administrator")));
    assertEquals(
        TEACHER,
        LtiRole.of(
            List.of(
                "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant")));
    assertEquals(STUDENT, LtiRole.of(List.of(M + "Learner")));
    assertEquals(READ_ONLY, LtiRole.of(List.of(M + "Mentor")));
  }

  @Test
  void theHighestContextRoleWins() {
    assertEquals(TEACHER, LtiRole.of(List.of(M + "Learner", M + "Instructor")));
    assertEquals(STUDENT, LtiRole.of(List.of(M + "Mentor", M + "Learner")));
  }

  @Test
  void understandsShortNamesAndLti11Urns() {
    assertEquals(TEACHER, LtiRole.of(List.of("Instructor")));
    assertEquals(TEACHER, LtiRole.of(List.of("TeachingAssistant")));
    assertEquals(STUDENT, LtiRole.of(List.of("Learner")));
    assertEquals(TEACHER, LtiRole.of(List.of("urn:lti:role:ims/lis/Instructor")));
    assertEquals(STUDENT, LtiRole.of(List.of("urn:lti:role:ims/lis/Learner/NonCreditLearner")));
    assertEquals(TEACHER, LtiRole.of(List.of("urn:lti:sysrole:ims/lis/Administrator")));
  }

  @Test
  void contextRolesOutrankInstitutionAndSystemRoles() {
    assertEquals(STUDENT, LtiRole.of(List.of(I + "Faculty", M + "Learner")));
    assertEquals(READ_ONLY, LtiRole.of(List.of(S + "Administrator", M + "Mentor")));
  }

  @Test
  void institutionAndSystemRolesCountWithoutAContextRole() {
    assertEquals(TEACHER, LtiRole.of(List.of(S + "Administrator")));
    assertEquals(TEACHER, LtiRole.of(List.of(I + "Faculty")));
    assertEquals(STUDENT, LtiRole.of(List.of(I + "Student")));
    assertEquals(READ_ONLY, LtiRole.of(List.of(S + "User", I + "Guest")));
  }

  @Test
  void unknownOrNoRolesAreReadOnly() {
    assertEquals(READ_ONLY, LtiRole.of(List.of()));
    assertEquals(READ_ONLY, LtiRole.of(List.of("http://example.org/roles#Wizard")));
  }
}

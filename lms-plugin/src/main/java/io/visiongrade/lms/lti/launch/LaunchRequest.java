package io.visiongrade.lms.lti.launch;

/**
 * What the launch endpoint received: the {@code id_token} and {@code state} form fields the
 * platform posted, and the state this browser kept since the login (from the state cookie or from
 * LTI client-side postMessage storage). Any of them may be null when absent.
 */
public record LaunchRequest(String idToken, String formState, String browserState) {

  @Override
  public String toString() {
    return "LaunchRequest[idToken=" + (idToken == null ? "absent" : "present") + "]";
  }
}

package io.visiongrade.lms.lti.services;

import io.visiongrade.lms.lti.LtiServiceException;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

/** A service call with a bearer token, retried once with a fresh token after a 401. */
final class ServiceCalls {

  private ServiceCalls() {}

  static HttpResponse<String> withToken(
      PlatformHttp http,
      PlatformTokenClient tokens,
      PlatformRegistration registration,
      Set<String> scopes,
      HttpRequest.Builder request,
      String what)
      throws LtiServiceException {
    AccessToken token = tokens.token(registration, scopes);
    HttpResponse<String> response =
        http.exchange(request.copy().header("Authorization", token.authorizationHeader()), what);
    if (response.statusCode() == 401) {
      tokens.invalidate(registration, scopes);
      token = tokens.token(registration, scopes);
      response =
          http.exchange(request.copy().header("Authorization", token.authorizationHeader()), what);
    }
    if (response.statusCode() / 100 != 2) {
      throw http.classify(response.statusCode(), response, what);
    }
    return response;
  }
}

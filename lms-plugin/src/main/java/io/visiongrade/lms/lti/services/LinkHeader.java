package io.visiongrade.lms.lti.services;

import java.net.URI;
import java.util.Optional;

/** Reads the {@code rel="next"} target of an HTTP Link header (RFC 8288), as NRPS and AGS page. */
final class LinkHeader {

  private LinkHeader() {}

  static Optional<URI> next(String header) {
    if (header == null) {
      return Optional.empty();
    }
    for (String link : header.split(",(?=\\s*<)")) {
      int open = link.indexOf('<');
      int close = link.indexOf('>', open + 1);
      if (open < 0 || close < 0) {
        continue;
      }
      for (String param : link.substring(close + 1).split(";")) {
        String p = param.trim();
        int eq = p.indexOf('=');
        if (eq < 0 || !p.substring(0, eq).trim().equalsIgnoreCase("rel")) {
          continue;
        }
        String rels = p.substring(eq + 1).trim().replace("\"", "");
        for (String rel : rels.split("\\s+")) {
          if (rel.equalsIgnoreCase("next")) {
            try {
              return Optional.of(URI.create(link.substring(open + 1, close).trim()));
            } catch (IllegalArgumentException e) {
              return Optional.empty();
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Whether a next-page URL stays on the same origin as the first (bearer tokens stay home). */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort();
  }
}

package io.visiongrade.web.infra;

import io.visiongrade.lms.infrastructure.lti.JdbcPlatformRegistrations;
import io.visiongrade.lms.lti.registration.PlatformRegistration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Who may frame the pages ({@code Content-Security-Policy: frame-ancestors}): the tool itself, the
 * origins of every registered platform (issuer, OIDC login and token URLs) and the origins an
 * administrator lists in {@code visiongrade.frame-ancestors} (an LMS whose pages live on another
 * host than its issuer, such as a Canvas school domain). Recomputed at most every 30 s.
 */
@ApplicationScoped
public class FrameAncestors {

  private static final Logger LOG = Logger.getLogger(FrameAncestors.class);
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?");

  @Inject JdbcPlatformRegistrations registrations;

  @Inject
  @ConfigProperty(name = "visiongrade.frame-ancestors")
  Optional<String> configured;

  private volatile String cached;
  private volatile long cachedAt;

  /** The directive's source list, e.g. {@code 'self' https://moodle.example.edu}. */
  public String sources() {
    long now = System.nanoTime();
    String value = cached;
    if (value == null || now - cachedAt > TTL.toNanos()) {
      value = compute();
      cached = value;
      cachedAt = now;
    }
    return value;
  }

  /** Drops the cached list (after a registration changed). */
  public void invalidate() {
    cached = null;
  }

  private String compute() {
    Set<String> origins = new LinkedHashSet<>();
    origins.add("'self'");
    configured.ifPresent(
        list -> {
          for (String o : list.split("[,\\s]+")) {
            String origin = o.strip();
            if (ORIGIN.matcher(origin).matches()) {
              origins.add(origin);
            } else if (!origin.isEmpty()) {
              LOG.warnf("visiongrade.frame-ancestors: ignoring \"%s\" (not an origin)", origin);
            }
          }
        });
    try {
      for (JdbcPlatformRegistrations.Stored s : registrations.list()) {
        PlatformRegistration r = s.registration();
        origin(r.issuer()).ifPresent(origins::add);
        origin(String.valueOf(r.authLoginUrl())).ifPresent(origins::add);
        origin(String.valueOf(r.tokenUrl())).ifPresent(origins::add);
      }
    } catch (RuntimeException e) {
      // Database unavailable: frame only from what is configured until it is back.
      LOG.debugf("frame-ancestors without registrations: %s", e.getMessage());
      return String.join(" ", origins);
    }
    return String.join(" ", origins);
  }

  static Optional<String> origin(String url) {
    try {
      URI u = URI.create(url);
      String scheme = u.getScheme();
      if (u.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
        return Optional.empty();
      }
      return Optional.of(
          scheme + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}

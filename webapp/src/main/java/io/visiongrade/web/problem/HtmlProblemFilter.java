package io.visiongrade.web.problem;

import io.visiongrade.web.Page;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * A person opening a page ({@code GET /app/...} from a browser, which accepts HTML) gets an error
 * as a page in plain words with the same status, not a JSON document; scripts and API clients that
 * ask for JSON still get {@code application/problem+json}.
 */
@Provider
public class HtmlProblemFilter implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext req, ContainerResponseContext res) {
    if (!(res.getEntity() instanceof Problem p) || !isPageRequest(req)) {
      return;
    }
    String detail = p.detail() == null ? p.title() : p.detail();
    if (p.requestId() != null) {
      detail += " (request " + p.requestId() + ")";
    }
    String title = p.title() == null ? "Error " + p.status() : p.title();
    res.setEntity(Page.error(title, detail), null, MediaType.TEXT_HTML_TYPE.withCharset("utf-8"));
  }

  static boolean isPageRequest(ContainerRequestContext req) {
    String path = req.getUriInfo().getPath();
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    if (!"GET".equals(req.getMethod()) || !(path.equals("app") || path.startsWith("app/"))) {
      return false;
    }
    for (MediaType accepted : req.getAcceptableMediaTypes()) {
      if (accepted.isWildcardType()) {
        return false;
      }
      if (accepted.isCompatible(MediaType.TEXT_HTML_TYPE)) {
        return true;
      }
    }
    return false;
  }
}

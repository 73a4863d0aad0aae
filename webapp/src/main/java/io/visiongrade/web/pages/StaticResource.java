package io.visiongrade.web.pages;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The pages' style sheet, scripts and images from the WAR's {@code static/} folder (the JAX-RS
 * application owns the context root, so the container's default servlet never sees these paths).
 * Names are a fixed pattern (no path traversal); responses carry an ETag and are revalidated.
 */
@Path("static")
public class StaticResource {

  private static final Map<String, String> TYPES =
      Map.of(
          "css", "text/css;charset=utf-8",
          "js", "text/javascript;charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png");

  private static final Map<String, Asset> CACHE = new ConcurrentHashMap<>();

  private record Asset(byte[] bytes, EntityTag tag) {}

  @Context ServletContext servlet;

  @GET
  @Path("{name: [a-z0-9][a-z0-9-]{0,60}\\.(css|js|svg|png)}")
  @Operation(hidden = true)
  public Response get(@PathParam("name") String name, @Context Request request) {
    Asset asset = CACHE.computeIfAbsent(name, this::load);
    if (asset.bytes() == null) {
      CACHE.remove(name);
      throw new NotFoundException("No such file: static/" + name);
    }
    Response.ResponseBuilder notModified = request.evaluatePreconditions(asset.tag());
    if (notModified != null) {
      return notModified.header("Cache-Control", "no-cache").build();
    }
    String ext = name.substring(name.lastIndexOf('.') + 1);
    return Response.ok(asset.bytes(), TYPES.get(ext))
        .tag(asset.tag())
        .header("Cache-Control", "no-cache")
        .build();
  }

  private Asset load(String name) {
    try (InputStream in = servlet.getResourceAsStream("/static/" + name)) {
      if (in == null) {
        return new Asset(null, null);
      }
      byte[] bytes = in.readAllBytes();
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return new Asset(bytes, new EntityTag(HexFormat.of().formatHex(hash, 0, 12)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

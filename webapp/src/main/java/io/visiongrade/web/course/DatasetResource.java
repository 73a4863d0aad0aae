package io.visiongrade.web.course;

import io.visiongrade.lms.application.DatasetLibrary;
import io.visiongrade.lms.application.DatasetLibrary.UploadOptions;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.dataset.Dataset;
import io.visiongrade.lms.domain.dataset.SplitFractions;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.lms.infrastructure.storage.ContentStore;
import io.visiongrade.lms.infrastructure.storage.Upload;
import io.visiongrade.web.app.Sessions;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The datasets of the caller's course (teachers only): upload, list, details and sample images.
 * Every id is looked up in the caller's course; another course's id is 404.
 */
@Path("api/course/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "course")
public class DatasetResource {

  /** Media types of a zip body. */
  static final String ZIP = "application/zip";

  @Inject Sessions sessions;
  @Inject DatasetLibrary library;
  @Inject ContentStore store;

  @POST
  @UploadLimit
  @Consumes({ZIP, "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM})
  @Operation(
      summary = "Upload a dataset as a zip body (teachers only)",
      description =
          "A zip of class folders (cat/001.png, ...) or of one IDX pair. The name and options are"
              + " query parameters. Refused with 413 above visiongrade.dataset.max-upload-bytes"
              + " (checked from Content-Length before reading, and while streaming).")
  public Response uploadZip(
      @QueryParam("session") String token,
      @Context HttpHeaders headers,
      @Context UriInfo uri,
      @QueryParam("name") String name,
      @QueryParam("width") Integer width,
      @QueryParam("height") Integer height,
      @QueryParam("channels") Integer channels,
      @QueryParam("seed") Long seed,
      @QueryParam("trainFraction") Double train,
      @QueryParam("validationFraction") Double validation,
      @QueryParam("testFraction") Double test,
      @QueryParam("fileName") String fileName,
      InputStream body) {
    LaunchSession session = sessions.require(token, headers);
    library.checkCanUpload(session);
    UploadOptions options =
        new UploadOptions(
            width, height, channels, seed, fractions(train, validation, test), fileName);
    Dataset d;
    try (Upload upload = store.receive(body, library.limits().maxUploadBytes())) {
      d = library.upload(session, name, upload, options);
    }
    return created(uri, d);
  }

  @POST
  @UploadLimit
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(
      summary = "Upload a dataset as a form (teachers only)",
      description =
          "Parts: name; file (a zip of class folders or of one IDX pair) or images and labels (the"
              + " two IDX files); optional width, height, channels, seed, trainFraction,"
              + " validationFraction, testFraction. 413 above the upload limit.")
  public Response uploadForm(
      @QueryParam("session") String token,
      @Context HttpHeaders headers,
      @Context UriInfo uri,
      List<EntityPart> parts) {
    LaunchSession session = sessions.require(token, headers);
    library.checkCanUpload(session);
    long max = library.limits().maxUploadBytes();
    Map<String, String> fields = new HashMap<>();
    Map<String, Upload> files = new HashMap<>();
    String fileName = null;
    try {
      for (EntityPart part : parts) {
        String partName = part.getName();
        switch (partName) {
          case "file", "images", "labels" -> {
            if (files.containsKey(partName)) {
              throw new DomainException.Invalid("the form has two '" + partName + "' parts");
            }
            if (partName.equals("file")) {
              fileName = part.getFileName().orElse(null);
            }
            try (InputStream in = part.getContent()) {
              files.put(partName, store.receive(in, max));
            }
          }
          default -> {
            if (fields.size() >= 20) {
              throw new DomainException.Invalid("the form has too many fields");
            }
            fields.put(partName, part.getContent(String.class));
          }
        }
      }
      UploadOptions options =
          new UploadOptions(
              integer(fields, "width"),
              integer(fields, "height"),
              integer(fields, "channels"),
              longValue(fields, "seed"),
              fractions(
                  decimal(fields, "trainFraction"),
                  decimal(fields, "validationFraction"),
                  decimal(fields, "testFraction")),
              fileName);
      String name = fields.get("name");
      Dataset d;
      if (files.containsKey("file")) {
        if (files.containsKey("images") || files.containsKey("labels")) {
          throw new DomainException.Invalid(
              "send either a 'file' part or 'images' and 'labels' parts, not both");
        }
        d = library.upload(session, name, files.get("file"), options);
      } else if (files.containsKey("images") && files.containsKey("labels")) {
        d = library.uploadIdxPair(session, name, files.get("images"), files.get("labels"), options);
      } else {
        throw new DomainException.Invalid(
            "the form needs a 'file' part (a zip) or 'images' and 'labels' parts (IDX files)");
      }
      return created(uri, d);
    } catch (IOException e) {
      throw new DomainException.Invalid("the form could not be read: " + e.getMessage());
    } finally {
      files.values().forEach(Upload::close);
    }
  }

  @GET
  @Operation(summary = "The course's datasets, by name then version (teachers only)")
  public List<DatasetJson> list(@QueryParam("session") String token, @Context HttpHeaders headers) {
    return library.list(sessions.require(token, headers)).stream().map(DatasetJson::of).toList();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "A dataset of the course: classes, counts, hash, size (teachers only)")
  public DatasetJson get(
      @PathParam("id") long id, @QueryParam("session") String token, @Context HttpHeaders headers) {
    return DatasetJson.of(library.get(sessions.require(token, headers), id));
  }

  @GET
  @Path("{id}/thumbnails/{cls}/{n}.png")
  @Produces("image/png")
  @Operation(
      summary = "A sample image of a class (teachers only)",
      description =
          "The n-th (from 0) sample of class index cls, from the training and validation sets only:"
              + " never a test image.")
  public Response thumbnail(
      @PathParam("id") long id,
      @PathParam("cls") int classIndex,
      @PathParam("n") int n,
      @QueryParam("session") String token,
      @Context HttpHeaders headers) {
    byte[] png = library.thumbnail(sessions.require(token, headers), id, classIndex, n);
    CacheControl cache = new CacheControl();
    cache.setPrivate(true);
    cache.setMaxAge(3600);
    return Response.ok(png, "image/png").cacheControl(cache).build();
  }

  private static Response created(UriInfo uri, Dataset d) {
    return Response.created(
            uri.getBaseUriBuilder().path("api/course/datasets/{id}").build(d.requireId()))
        .entity(DatasetJson.of(d))
        .type(MediaType.APPLICATION_JSON)
        .build();
  }

  private static SplitFractions fractions(Double train, Double validation, Double test) {
    if (train == null && validation == null && test == null) {
      return null;
    }
    if (train == null || validation == null || test == null) {
      throw new DomainException.Invalid(
          "give all three of trainFraction, validationFraction and testFraction, or none");
    }
    return new SplitFractions(train, validation, test);
  }

  private static Integer integer(Map<String, String> f, String key) {
    String v = f.get(key);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(v.strip());
    } catch (NumberFormatException e) {
      throw new DomainException.Invalid(key + " must be a whole number, got \"" + cut(v) + "\"");
    }
  }

  private static Long longValue(Map<String, String> f, String key) {
    String v = f.get(key);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Long.valueOf(v.strip());
    } catch (NumberFormatException e) {
      throw new DomainException.Invalid(key + " must be a whole number, got \"" + cut(v) + "\"");
    }
  }

  private static Double decimal(Map<String, String> f, String key) {
    String v = f.get(key);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Double.valueOf(v.strip());
    } catch (NumberFormatException e) {
      throw new DomainException.Invalid(key + " must be a number, got \"" + cut(v) + "\"");
    }
  }

  private static String cut(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}

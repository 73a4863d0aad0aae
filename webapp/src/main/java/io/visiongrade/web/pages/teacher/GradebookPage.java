package io.visiongrade.web.pages.teacher;

import static io.visiongrade.web.Page.e;

import io.visiongrade.lms.application.CourseCatalog;
import io.visiongrade.lms.application.GradeDeliveries;
import io.visiongrade.lms.application.Gradebook;
import io.visiongrade.lms.domain.DomainException;
import io.visiongrade.lms.domain.course.Exercise;
import io.visiongrade.lms.infrastructure.lti.LaunchSession;
import io.visiongrade.web.app.Sessions;
import io.visiongrade.web.pages.Messages;
import io.visiongrade.web.pages.PageContext;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The gradebook: every student (the LMS roster, and those known from their work) against every
 * exercise — the points that count, the best, attempts, late, and how the grade's delivery to the
 * LMS stands, with a retry for a refused or waiting one — and the CSV export ({@code
 * api/course/gradebook.csv}). A retry is a plain form posting here; {@code teacher-gradebook.js}
 * sends it to the REST API instead and updates the cell.
 */
@Path("app/teach/gradebook")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class GradebookPage {

  static final String NAV = "app/teach/gradebook";

  @Inject Sessions sessions;
  @Inject Gradebook gradebook;
  @Inject GradeDeliveries deliveries;
  @Inject CourseCatalog catalog;

  @GET
  @Operation(hidden = true)
  public Response show(
      @QueryParam("session") String token,
      @QueryParam("done") String done,
      @QueryParam("exercise") Long exercise,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request) {
    LaunchSession s = sessions.require(token, headers);
    PageContext ctx = PageContext.of(s, token, request.getContextPath());
    if (!TeacherPages.isTeacher(s)) {
      return TeacherPages.forbidden(ctx);
    }
    return page(ctx, done, Optional.ofNullable(exercise), null);
  }

  @POST
  @Path("deliveries/{id}/retry")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response retry(
      @PathParam("id") long id,
      @QueryParam("session") String queryToken,
      @FormParam("session") String formToken,
      @Context HttpHeaders headers,
      @Context HttpServletRequest request) {
    String token = TeacherPages.token(queryToken, formToken);
    LaunchSession s = sessions.require(token, headers);
    PageContext ctx = PageContext.of(s, token, request.getContextPath());
    if (!TeacherPages.isTeacher(s)) {
      return TeacherPages.forbidden(ctx);
    }
    try {
      deliveries.retry(s, id);
    } catch (DomainException.Conflict | DomainException.Invalid ex) {
      return page(ctx, null, Optional.empty(), ex.getMessage());
    }
    return TeacherPages.seeOther(ctx, "app/teach/gradebook", "retried");
  }

  private Response page(PageContext ctx, String done, Optional<Long> only, String error) {
    Messages m = ctx.msg();
    Gradebook.View view = gradebook.view(ctx.session(), only);
    List<Exercise> columns = catalog.exercises(ctx.session()); // the filter's choices
    StringBuilder b = new StringBuilder();
    b.append("<h1>").append(m.e("teacher.gb.title")).append("</h1>\n");
    b.append("<p class=\"lead\">").append(m.e("teacher.gb.lead")).append("</p>\n");
    b.append(TeacherPages.notice(m, done));
    if (error != null) {
      b.append("<p class=\"error\" role=\"alert\">").append(e(error)).append("</p>\n");
    }
    view.rosterProblem()
        .ifPresent(
            p ->
                b.append("<p class=\"alert-warn\" id=\"roster-problem\">")
                    .append(m.e("teacher.gb.rosterProblem", p))
                    .append("</p>\n"));
    // Filter by exercise (a GET form) and the CSV export.
    b.append("<form method=\"get\" class=\"row gradebook-tools\" action=\"")
        .append(e(ctx.base() + "app/teach/gradebook"))
        .append("\">")
        .append(TeacherPages.sessionField(ctx))
        .append("<label for=\"gb-exercise\" class=\"inline-label\">")
        .append(m.e("teacher.gb.exercise"))
        .append("</label><select id=\"gb-exercise\" name=\"exercise\"><option value=\"\">")
        .append(m.e("teacher.gb.allExercises"))
        .append("</option>");
    for (Exercise c : columns) {
      b.append("<option value=\"")
          .append(c.getId())
          .append('"')
          .append(only.isPresent() && only.get().equals(c.getId()) ? " selected" : "")
          .append('>')
          .append(e(c.getTitle()))
          .append("</option>");
    }
    b.append("</select><button type=\"submit\" class=\"secondary\">")
        .append(m.e("teacher.gb.show"))
        .append("</button><a class=\"button secondary\" id=\"csv\" href=\"")
        .append(ctx.href("api/course/gradebook.csv" + only.map(id -> "?exercise=" + id).orElse("")))
        .append("\" download>")
        .append(m.e("teacher.gb.csv"))
        .append("</a></form>\n");
    // --- re-score: another helper adds its action here ---
    b.append("<p id=\"gradebook-status\" role=\"status\" aria-live=\"polite\"")
        .append(TeacherPages.scriptMessages(m, "teacher.gb.", "retried", "sending"))
        .append("></p>\n");
    if (view.students().isEmpty()) {
      b.append("<p id=\"no-students\">").append(m.e("teacher.gb.none")).append("</p>\n");
    }
    b.append("<div class=\"table-wrap\"><table id=\"gradebook\" class=\"gradebook\"><caption>")
        .append(m.e("teacher.gb.caption", view.students().size(), view.exercises().size()))
        .append(' ')
        .append(TeacherPages.when(m, view.at()))
        .append("</caption><thead><tr><th scope=\"col\">")
        .append(m.e("teacher.gb.student"))
        .append("</th>");
    for (Gradebook.Column c : view.exercises()) {
      b.append("<th scope=\"col\" id=\"col-")
          .append(c.id())
          .append("\">")
          .append(e(c.title()))
          .append("<br><span class=\"hint\">")
          .append(m.e("common.points", TeacherPages.number(c.maxScore())))
          .append(
              c.dueAt()
                  .map(d -> " · " + m.e("teacher.gb.due") + " " + TeacherPages.when(m, d))
                  .orElse(""))
          .append("</span></th>");
    }
    b.append("</tr></thead><tbody>");
    for (Gradebook.Row r : view.students()) {
      b.append("<tr id=\"student-")
          .append(e(r.userId().replaceAll("[^A-Za-z0-9_-]", "_")))
          .append("\"><th scope=\"row\">")
          .append(e(r.name().orElse(r.userId())))
          .append("<br><span class=\"hint\">")
          .append(e(r.userId()))
          .append(r.inRoster() ? "" : " · " + m.e("teacher.gb.notInRoster"))
          .append(
              r.rosterStatus()
                  .map(
                      st ->
                          st.name().equals("ACTIVE")
                              ? ""
                              : " · " + e(st.name().toLowerCase(Locale.ROOT)))
                  .orElse(""))
          .append("</span></th>");
      for (int i = 0; i < r.cells().size(); i++) {
        cell(ctx, b, view.exercises().get(i), r.cells().get(i));
      }
      b.append("</tr>");
    }
    b.append("</tbody></table></div>\n");
    return TeacherPages.ok(
        ctx, m.get("teacher.gb.title"), NAV, b.toString(), List.of("teacher-gradebook.js"));
  }

  private static void cell(
      PageContext ctx, StringBuilder b, Gradebook.Column col, Gradebook.Cell c) {
    Messages m = ctx.msg();
    b.append("<td class=\"cell state-")
        .append(e(c.state().toLowerCase(Locale.ROOT)))
        .append("\"><strong class=\"points\">")
        .append(points(c.points()))
        .append("</strong> / ")
        .append(TeacherPages.number(col.maxScore()));
    if (c.bestPoints().isPresent()
        && (c.points().isEmpty() || c.bestPoints().getAsDouble() != c.points().getAsDouble())) {
      b.append(" <span class=\"hint\">")
          .append(m.e("teacher.gb.best", points(c.bestPoints())))
          .append("</span>");
    }
    b.append("<br><span class=\"hint\">")
        .append(
            m.e(
                "teacher.gb.attempts",
                c.attemptsUsed(),
                col.maxAttempts().map(String::valueOf).orElse("∞")))
        .append("</span> <span class=\"badge\">")
        .append(m.e("teacher.gb.state." + c.state()))
        .append("</span>");
    if (c.late()) {
      b.append(" <span class=\"badge warn\">")
          .append(m.e("teacher.gb.late", c.daysLate(), TeacherPages.number(c.penaltyPercent())))
          .append("</span>");
    }
    c.extension()
        .ifPresent(
            x ->
                b.append("<br><span class=\"hint\">")
                    .append(m.e("teacher.gb.extension"))
                    .append(' ')
                    .append(TeacherPages.when(m, x))
                    .append("</span>"));
    c.delivery()
        .ifPresent(
            d -> {
              String cls =
                  switch (d.state()) {
                    case DELIVERED -> "ok";
                    case FAILED_PERMANENT -> "bad";
                    default -> "warn";
                  };
              b.append("<div class=\"delivery\" data-delivery=\"")
                  .append(d.id())
                  .append("\"><span class=\"badge ")
                  .append(cls)
                  .append(" delivery-state\">")
                  .append(m.e("teacher.gb.delivery." + d.state().name()))
                  .append("</span>");
              d.lastError()
                  .ifPresent(
                      err -> b.append(" <span class=\"hint\">").append(e(err)).append("</span>"));
              if (d.retryable()) {
                b.append("<form method=\"post\" class=\"retry\" action=\"")
                    .append(ctx.href("app/teach/gradebook/deliveries/" + d.id() + "/retry"))
                    .append("\">")
                    .append(TeacherPages.sessionField(ctx))
                    .append("<button type=\"submit\" class=\"secondary\">")
                    .append(m.e("teacher.gb.retry"))
                    .append("</button></form>");
              }
              b.append("</div>");
            });
    b.append("</td>");
  }

  private static String points(OptionalDouble p) {
    return p.isPresent() ? TeacherPages.number(Math.round(p.getAsDouble() * 100) / 100.0) : "–";
  }
}

package io.visiongrade.web.pages.student;

import io.visiongrade.web.pages.Messages;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/**
 * The messages a page's script needs, as a JSON data block ({@code <script
 * type="application/json">} is data: the Content-Security-Policy does not run it). Patterns keep
 * their {@code {0}} placeholders; the script fills them.
 */
final class Texts {

  private Texts() {}

  static String block(Messages m, String... keys) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    for (String k : keys) {
      b.add(k, m.get(k));
    }
    return "<script type=\"application/json\" id=\"vg-texts\">"
        + b.build().toString().replace("</", "<\\/")
        + "</script>\n";
  }
}

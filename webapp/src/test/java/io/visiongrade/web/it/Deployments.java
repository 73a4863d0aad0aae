package io.visiongrade.web.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The deployments of the integration tests: always the WAR that Maven built. */
public final class Deployments {

  /** The admin token the test servers are started with (see arquillian.xml). */
  public static final String ADMIN_TOKEN = "it-admin-token";

  /** The managed test server's base URL (port set by webapp/pom.xml's it.http.port). */
  public static final String BASE =
      System.getProperty("visiongrade.it.base", "http://127.0.0.1:8180/");

  /** The manually started restart-survival server's base URL (it.restart.http.port). */
  public static final String RESTART_BASE =
      System.getProperty("visiongrade.it.restart.base", "http://127.0.0.1:8280/");

  private Deployments() {}

  /** The product's WAR, as built. */
  public static WebArchive war() {
    return war("visiongrade.war");
  }

  /** The product's WAR under another deployment name. */
  public static WebArchive war(String name) {
    String path = System.getProperty("visiongrade.war", "target/visiongrade.war");
    File file = new File(path);
    if (!file.isFile()) {
      throw new IllegalStateException("Build the WAR first (mvn package): " + file);
    }
    return ShrinkWrap.create(ZipImporter.class, name).importFrom(file).as(WebArchive.class);
  }

  /** The product's WAR under another name and context root, to run beside the main one. */
  public static WebArchive warAt(String name, String contextRoot) {
    WebArchive war = war(name);
    war.delete("WEB-INF/jboss-web.xml");
    war.addAsWebInfResource(
        new StringAsset(
            "<jboss-web xmlns=\"urn:jboss:jakartaee:1.0\" version=\"15.0\"><context-root>"
                + contextRoot
                + "</context-root></jboss-web>"),
        "jboss-web.xml");
    return war;
  }
}

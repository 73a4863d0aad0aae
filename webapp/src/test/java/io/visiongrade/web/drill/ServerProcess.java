package io.visiongrade.web.drill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The packaged WildFly ({@code webapp/target/server/wildfly-*}) started as {@code run.sh} starts
 * it, with a base directory, data directory and port offset of its own, so that it runs beside
 * anything else on the machine. {@link #kill9()} sends SIGKILL to the server's JVM (found among the
 * launcher's descendants by its {@code jboss.server.base.dir}).
 */
final class ServerProcess {

  private final Path serverHome;
  private final Path war;
  private final Path baseDir;
  private final Path log;
  private final int httpPort;
  private final List<String> javaOpts;
  private Process launcher;
  private long startedNanos;

  /**
   * @param work a folder of this run (base dir and log go there)
   * @param props extra {@code -D} settings (data dir, database, outbox...)
   */
  ServerProcess(Path serverHome, Path war, Path work, int portOffset, List<String> props)
      throws IOException {
    this.serverHome = serverHome;
    this.war = war;
    this.baseDir = work.resolve("base");
    this.log = work.resolve("server.log");
    this.httpPort = 8080 + portOffset;
    Path djl = Path.of(System.getProperty("user.home"), ".djl.ai");
    List<String> o = new ArrayList<>();
    o.addAll(
        List.of(
            "-Xms256m",
            "-Xmx2g",
            "-Djava.net.preferIPv4Stack=true",
            "-Dai.djl.offline=true",
            "-DDJL_CACHE_DIR=" + djl,
            "-DENGINE_CACHE_DIR=" + djl,
            "-Djboss.socket.binding.port-offset=" + portOffset,
            "-Djboss.server.base.dir=" + baseDir,
            "-Dvisiongrade.base.url=" + base()));
    o.addAll(props);
    this.javaOpts = List.copyOf(o);
    if (!Files.isDirectory(baseDir.resolve("configuration"))) {
      copyTree(serverHome.resolve("standalone/configuration"), baseDir.resolve("configuration"));
    }
    Files.createDirectories(baseDir.resolve("deployments"));
    Files.copy(
        war, baseDir.resolve("deployments/visiongrade.war"), StandardCopyOption.REPLACE_EXISTING);
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + httpPort + "/");
  }

  /** Starts the server and waits for {@code /health/ready}; the time to the first 200. */
  Duration start(Duration limit) throws IOException, InterruptedException {
    for (int port : new int[] {httpPort, httpPort + 1910}) {
      try (var taken = new java.net.Socket("127.0.0.1", port)) {
        throw new IllegalStateException(
            "Port " + port + " is in use by another program: choose another port offset");
      } catch (java.net.ConnectException free) {
        // as it should be
      }
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                serverHome.resolve("bin/standalone.sh").toString(),
                "-c",
                "standalone-microprofile.xml",
                "-b",
                "127.0.0.1")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("JAVA_OPTS", String.join(" ", javaOpts));
    pb.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
    pb.environment().put("JBOSS_HOME", serverHome.toString());
    startedNanos = System.nanoTime();
    launcher = pb.start();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = startedNanos + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!launcher.isAlive()) {
        throw new IllegalStateException("WildFly exited during start-up; see " + log);
      }
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(base().resolve("health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - startedNanos);
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Not ready after " + limit + "; see " + log);
  }

  /** The server's JVM. */
  Optional<ProcessHandle> jvm() {
    if (launcher == null) {
      return Optional.empty();
    }
    String marker = "-Djboss.server.base.dir=" + baseDir;
    return launcher
        .descendants()
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(a -> Stream.of(a).anyMatch(marker::equals))
                    .orElse(p.info().commandLine().map(c -> c.contains(marker)).orElse(false)))
        .findFirst();
  }

  long pid() {
    return jvm().map(ProcessHandle::pid).orElse(-1L);
  }

  /** Peak resident set size of the server's JVM so far (VmHWM), in MiB; -1 if unknown. */
  long peakRssMib() {
    long pid = pid();
    if (pid < 0) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** SIGKILL to the server's JVM (and then its launcher script); waits until both are gone. */
  void kill9() throws InterruptedException {
    ProcessHandle jvm = jvm().orElseThrow(() -> new IllegalStateException("No server JVM to kill"));
    jvm.destroyForcibly();
    jvm.onExit().join();
    launcher.destroyForcibly();
    launcher.waitFor();
    launcher = null;
  }

  /** A clean stop (SIGTERM, as Ctrl-C of the run command); SIGKILL after 60 s. */
  void stop() throws InterruptedException {
    if (launcher == null) {
      return;
    }
    Optional<ProcessHandle> jvm = jvm();
    jvm.ifPresent(ProcessHandle::destroy);
    launcher.destroy();
    if (jvm.isPresent()) {
      try {
        jvm.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        jvm.get().destroyForcibly();
      }
    }
    if (!launcher.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      launcher.destroyForcibly();
    }
    launcher = null;
  }

  Path log() {
    return log;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}

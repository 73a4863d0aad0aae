package io.visiongrade.engine.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Synthetic images of simple shapes drawn with Java2D, with random size, position, rotation,
 * colours and pixel noise: tiny, deterministic datasets for tests and the product's demo course.
 * {@link Style#FILLED} (the default) fills each shape in a random colour on a random background;
 * {@link Style#DRAWN} looks like a drawing on a canvas (a dark pen on a light background).
 *
 * <p>Classes are the chosen {@link Kind}s in alphabetical order (so that writing them as class
 * folders and importing them back gives the same class indices); ids are {@code
 * <class>/<index>.png}. The same builder settings and seed always give the same pixels.
 *
 * <pre>{@code
 * LabeledImages shapes = SyntheticShapes.builder().optCountPerClass(10).optSize(32).build().generate();
 * }</pre>
 */
public final class SyntheticShapes {
  /** The shapes that can be drawn; declared in alphabetical order of their folder names. */
  public enum Kind {
    CIRCLE,
    SQUARE,
    STAR,
    TRIANGLE;

    /** The class (folder) name: the lower-case constant name. */
    public String className() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** How the shapes are drawn. */
  public enum Style {
    /** A filled shape in a random colour on a background of another random colour. */
    FILLED,
    /**
     * As a person draws on a canvas: an outline (sometimes filled) in a dark pen of random colour
     * and width on a light background, slightly uneven (stretched, wobbly corners and circles); a
     * star is drawn either as its outline or as a five-pointed pentagram.
     */
    DRAWN
  }

  private final List<Kind> kinds;
  private final int countPerClass;
  private final int size;
  private final int channels;
  private final long seed;
  private final double noise;
  private final Style style;

  private SyntheticShapes(Builder b) {
    this.kinds = List.copyOf(b.kinds);
    this.countPerClass = b.countPerClass;
    this.size = b.size;
    this.channels = b.channels;
    this.seed = b.seed;
    this.noise = b.noise;
    this.style = b.style;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Kind> kinds() {
    return kinds;
  }

  public int countPerClass() {
    return countPerClass;
  }

  public int size() {
    return size;
  }

  public int channels() {
    return channels;
  }

  public long seed() {
    return seed;
  }

  public double noise() {
    return noise;
  }

  public Style style() {
    return style;
  }

  /** Draws the dataset (class-major order) and computes its content hash. */
  public LabeledImages generate() {
    int n = kinds.size() * countPerClass;
    int imageSize = channels * size * size;
    byte[] pixels = new byte[n * imageSize];
    int[] labels = new int[n];
    String[] ids = new String[n];
    List<String> classNames = new ArrayList<>();
    int digits = Math.max(4, Integer.toString(countPerClass - 1).length());
    for (int c = 0; c < kinds.size(); c++) {
      Kind kind = kinds.get(c);
      classNames.add(kind.className());
      for (int i = 0; i < countPerClass; i++) {
        int k = c * countPerClass + i;
        labels[k] = c;
        ids[k] = String.format("%s/%0" + digits + "d.png", kind.className(), i);
        Random rnd = new Random(mix(seed, kind.ordinal(), i));
        if (style == Style.DRAWN) {
          drawLikeAPerson(kind, rnd, pixels, k * imageSize);
        } else {
          draw(kind, rnd, pixels, k * imageSize);
        }
      }
    }
    return DatasetHasher.withHash(
        new LabeledImages(
            channels, size, size, pixels, labels, Arrays.asList(ids), classNames, null));
  }

  /** Generates and writes the dataset as class folders of PNG files under {@code dir}. */
  public LabeledImages writeDirectory(Path dir) throws IOException {
    LabeledImages images = generate();
    DatasetWriter.writeDirectory(images, dir);
    return images;
  }

  /** Generates and writes the dataset as a zip of class folders (no top-level folder). */
  public LabeledImages writeZip(Path zip) throws IOException {
    LabeledImages images = generate();
    DatasetWriter.writeZip(images, zip, null);
    return images;
  }

  private void draw(Kind kind, Random rnd, byte[] out, int offset) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Color bg = randomColor(rnd);
    Color fg = randomColor(rnd);
    for (int attempt = 0; attempt < 32 && Math.abs(lum(fg) - lum(bg)) < 80; attempt++) {
      fg = randomColor(rnd);
    }
    if (Math.abs(lum(fg) - lum(bg)) < 80) {
      fg = lum(bg) > 127 ? Color.BLACK : Color.WHITE;
    }
    double r = size * (0.22 + 0.2 * rnd.nextDouble());
    double margin = r * 0.9;
    double cx = margin + (size - 2 * margin) * rnd.nextDouble();
    double cy = margin + (size - 2 * margin) * rnd.nextDouble();
    double rot = 2 * Math.PI * rnd.nextDouble();
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(bg);
      g.fillRect(0, 0, size, size);
      g.setColor(fg);
      g.fill(shape(kind, cx, cy, r, rot));
    } finally {
      g.dispose();
    }
    ImageDecoding.convertInto(img, size, size, channels, out, offset);
    addNoise(rnd, out, offset);
  }

  private void addNoise(Random rnd, byte[] out, int offset) {
    if (noise > 0) {
      double sigma = noise * 255;
      int len = channels * size * size;
      for (int i = 0; i < len; i++) {
        int v = (out[offset + i] & 0xff) + (int) Math.round(rnd.nextGaussian() * sigma);
        out[offset + i] = (byte) Math.max(0, Math.min(255, v));
      }
    }
  }

  /** {@link Style#DRAWN}: a dark pen on a light background, like a drawing on a canvas. */
  private void drawLikeAPerson(Kind kind, Random rnd, byte[] out, int offset) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Color paper = new Color(225 + rnd.nextInt(31), 225 + rnd.nextInt(31), 225 + rnd.nextInt(31));
    Color pen = new Color(rnd.nextInt(111), rnd.nextInt(111), rnd.nextInt(111));
    double r = size * (0.22 + 0.23 * rnd.nextDouble());
    double margin = r * 1.05;
    double cx = margin + Math.max(0, size - 2 * margin) * rnd.nextDouble();
    double cy = margin + Math.max(0, size - 2 * margin) * rnd.nextDouble();
    double wobble = 0.08 * rnd.nextDouble();
    Shape outline =
        switch (kind) {
          case CIRCLE -> wobblyCircle(rnd, r, wobble / 2);
          case SQUARE -> jittered(rnd, r, new double[] {r, r, r, r}, Math.PI / 4, wobble, 1);
          case TRIANGLE -> jittered(rnd, r, new double[] {r, r, r}, -Math.PI / 2, wobble, 1);
          case STAR -> {
            if (rnd.nextBoolean()) {
              // The pen's way: one stroke through every second point of a pentagon.
              yield jittered(rnd, r, new double[] {r, r, r, r, r}, -Math.PI / 2, wobble, 2);
            }
            double inner = 0.38 + 0.12 * rnd.nextDouble();
            double[] radii = new double[10];
            for (int i = 0; i < 10; i++) {
              radii[i] = i % 2 == 0 ? r : r * inner;
            }
            yield jittered(rnd, r, radii, -Math.PI / 2, wobble, 1);
          }
        };
    // Stretch a little, tilt, and move to the drawing's place.
    AffineTransform at = new AffineTransform();
    at.translate(cx, cy);
    at.rotate(2 * Math.PI * rnd.nextDouble());
    at.scale(0.85 + 0.25 * rnd.nextDouble(), 0.85 + 0.25 * rnd.nextDouble());
    Shape shape = at.createTransformedShape(outline);
    float width = (float) (size * (0.025 + 0.065 * rnd.nextDouble()));
    boolean filled = rnd.nextDouble() < 0.2;
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(paper);
      g.fillRect(0, 0, size, size);
      g.setColor(pen);
      if (filled) {
        g.fill(shape);
      }
      g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(shape);
    } finally {
      g.dispose();
    }
    ImageDecoding.convertInto(img, size, size, channels, out, offset);
    addNoise(rnd, out, offset);
  }

  /** A closed circle-ish outline around the origin whose radius wavers. */
  private static Shape wobblyCircle(Random rnd, double r, double wobble) {
    int n = 36;
    double phase = rnd.nextDouble() * 2 * Math.PI;
    int waves = 2 + rnd.nextInt(2);
    double[] radii = new double[n];
    for (int i = 0; i < n; i++) {
      radii[i] = r * (1 + wobble * Math.sin(phase + waves * 2 * Math.PI * i / n));
    }
    return polygon(0, 0, radii, 0);
  }

  /**
   * A polygon around the origin whose corners are moved a little at random; {@code step} 2 joins
   * every second corner (a pentagram from five).
   */
  private static Shape jittered(
      Random rnd, double r, double[] radii, double rot, double wobble, int step) {
    int n = radii.length;
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      double a = rot + 2 * Math.PI * i / n;
      xs[i] = radii[i] * Math.cos(a) + rnd.nextGaussian() * wobble * r;
      ys[i] = radii[i] * Math.sin(a) + rnd.nextGaussian() * wobble * r;
    }
    Path2D.Double p = new Path2D.Double();
    for (int k = 0; k < n; k++) {
      int i = (k * step) % n;
      if (k == 0) {
        p.moveTo(xs[i], ys[i]);
      } else {
        p.lineTo(xs[i], ys[i]);
      }
    }
    p.closePath();
    return p;
  }

  static Shape shape(Kind kind, double cx, double cy, double r, double rot) {
    return switch (kind) {
      case CIRCLE -> new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
      case SQUARE -> polygon(cx, cy, new double[] {r, r, r, r}, rot + Math.PI / 4);
      case TRIANGLE -> polygon(cx, cy, new double[] {r, r, r}, rot);
      case STAR -> {
        double[] radii = new double[10];
        for (int i = 0; i < 10; i++) {
          radii[i] = i % 2 == 0 ? r : r * 0.45;
        }
        yield polygon(cx, cy, radii, rot);
      }
    };
  }

  private static Shape polygon(double cx, double cy, double[] radii, double rot) {
    Path2D.Double p = new Path2D.Double();
    int n = radii.length;
    for (int i = 0; i < n; i++) {
      double a = rot + 2 * Math.PI * i / n;
      double x = cx + radii[i] * Math.cos(a);
      double y = cy + radii[i] * Math.sin(a);
      if (i == 0) {
        p.moveTo(x, y);
      } else {
        p.lineTo(x, y);
      }
    }
    p.closePath();
    return p;
  }

  private static Color randomColor(Random rnd) {
    return new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
  }

  private static int lum(Color c) {
    return ImageDecoding.luminance(c.getRGB());
  }

  private static long mix(long seed, int kind, int index) {
    long z = seed * 0x9E3779B97F4A7C15L + kind * 0xC2B2AE3D27D4EB4FL + index * 0x165667B19E3779F9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Builds {@link SyntheticShapes}; every setting is optional. */
  public static final class Builder {
    private Set<Kind> kinds = EnumSet.of(Kind.CIRCLE, Kind.SQUARE, Kind.TRIANGLE);
    private int countPerClass = 20;
    private int size = 32;
    private int channels = 3;
    private long seed = 0;
    private double noise = 0.05;
    private Style style = Style.FILLED;

    private Builder() {}

    /** How the shapes are drawn (default {@link Style#FILLED}). */
    public Builder optStyle(Style style) {
      this.style = java.util.Objects.requireNonNull(style, "style");
      return this;
    }

    /** Shapes to draw, one class each (default circle, square, triangle). */
    public Builder optKinds(Kind... kinds) {
      this.kinds = kinds.length == 0 ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(List.of(kinds));
      return this;
    }

    /** Images per class (default 20). */
    public Builder optCountPerClass(int countPerClass) {
      this.countPerClass = countPerClass;
      return this;
    }

    /** Width and height in pixels (default 32). */
    public Builder optSize(int size) {
      this.size = size;
      return this;
    }

    /** 1 (grayscale) or 3 (RGB, default). */
    public Builder optChannels(int channels) {
      this.channels = channels;
      return this;
    }

    /** Random seed (default 0). */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Standard deviation of Gaussian pixel noise as a fraction of 255 (default 0.05). */
    public Builder optNoise(double noise) {
      this.noise = noise;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the field and value that is out of range
     */
    public SyntheticShapes build() {
      if (kinds.size() < 2) {
        throw new IllegalArgumentException("kinds must name at least 2 shapes, got " + kinds);
      }
      if (countPerClass < 1 || countPerClass > 100_000) {
        throw new IllegalArgumentException(
            "countPerClass must be in [1, 100000], got " + countPerClass);
      }
      if (size < 8 || size > 512) {
        throw new IllegalArgumentException("size must be in [8, 512], got " + size);
      }
      if (channels != 1 && channels != 3) {
        throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
      }
      if (!(noise >= 0 && noise <= 1)) {
        throw new IllegalArgumentException("noise must be in [0, 1], got " + noise);
      }
      if ((long) kinds.size() * countPerClass * channels * size * size > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "countPerClass " + countPerClass + " at size " + size + " is too large");
      }
      return new SyntheticShapes(this);
    }
  }
}

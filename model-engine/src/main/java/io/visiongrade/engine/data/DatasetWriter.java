package io.visiongrade.engine.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Writes a {@link LabeledImages} as a dataset {@link DatasetImporter} reads back: one folder per
 * class holding lossless PNG files, and a {@code labels.txt} of {@code folder=Display name} lines
 * when a folder name differs from its class name. Importing the result with the same size and
 * channels gives the same pixels, labels, class names and content hash.
 */
public final class DatasetWriter {
  private DatasetWriter() {}

  /** Writes class folders of PNG files under {@code dir} (created if missing). */
  public static void writeDirectory(LabeledImages images, Path dir) throws IOException {
    Layout layout = layout(images);
    Files.createDirectories(dir);
    for (String folder : layout.folders) {
      Files.createDirectories(dir.resolve(folder));
    }
    for (int i = 0; i < images.size(); i++) {
      Files.write(dir.resolve(layout.paths.get(i)), png(images, i));
    }
    if (layout.labelsTxt != null) {
      Files.writeString(dir.resolve("labels.txt"), layout.labelsTxt, StandardCharsets.UTF_8);
    }
  }

  /**
   * Writes a zip archive of class folders.
   *
   * @param topFolder a folder to put everything under (as when a folder is zipped), or {@code null}
   */
  public static void writeZip(LabeledImages images, Path zip, String topFolder) throws IOException {
    try (OutputStream out = Files.newOutputStream(zip)) {
      writeZip(images, out, topFolder);
    }
  }

  /** Writes a zip archive of class folders to {@code out} (not closed). */
  public static void writeZip(LabeledImages images, OutputStream out, String topFolder)
      throws IOException {
    Layout layout = layout(images);
    String top = topFolder == null || topFolder.isEmpty() ? "" : topFolder + "/";
    ZipOutputStream zos = new ZipOutputStream(out);
    for (int i = 0; i < images.size(); i++) {
      zos.putNextEntry(new ZipEntry(top + layout.paths.get(i)));
      zos.write(png(images, i));
      zos.closeEntry();
    }
    if (layout.labelsTxt != null) {
      zos.putNextEntry(new ZipEntry(top + "labels.txt"));
      zos.write(layout.labelsTxt.getBytes(StandardCharsets.UTF_8));
      zos.closeEntry();
    }
    zos.finish();
  }

  /** Image {@code index} as a PNG file. */
  public static byte[] png(LabeledImages images, int index) {
    BufferedImage img = toBufferedImage(images, index);
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, "png", bos)) {
        throw new IllegalStateException("no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bos.toByteArray();
  }

  /** Image {@code index} as a {@code TYPE_BYTE_GRAY} or {@code TYPE_INT_RGB} image. */
  public static BufferedImage toBufferedImage(LabeledImages images, int index) {
    int w = images.width();
    int h = images.height();
    int plane = w * h;
    int off = index * images.imageSize();
    byte[] p = images.pixels();
    if (images.channels() == 1) {
      BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
      byte[] slice = new byte[plane];
      System.arraycopy(p, off, slice, 0, plane);
      img.getRaster().setDataElements(0, 0, w, h, slice);
      return img;
    }
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] data = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < plane; i++) {
      data[i] =
          (p[off + i] & 0xff) << 16
              | (p[off + plane + i] & 0xff) << 8
              | (p[off + 2 * plane + i] & 0xff);
    }
    return img;
  }

  private record Layout(List<String> folders, List<String> paths, String labelsTxt) {}

  private static Layout layout(LabeledImages images) {
    List<String> names = images.classNames();
    List<String> folders = new ArrayList<>();
    for (String n : names) {
      folders.add(sanitize(n));
    }
    boolean keepsOrder = new HashSet<>(folders).size() == folders.size();
    for (int i = 1; i < folders.size() && keepsOrder; i++) {
      keepsOrder = folders.get(i - 1).compareTo(folders.get(i)) < 0;
    }
    if (!keepsOrder) {
      int digits = Integer.toString(names.size() - 1).length();
      for (int i = 0; i < folders.size(); i++) {
        folders.set(i, String.format("%0" + digits + "d-%s", i, folders.get(i)));
      }
    }
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      if (!folders.get(i).equals(names.get(i))) {
        labels.append(folders.get(i)).append('=').append(names.get(i)).append('\n');
      }
    }
    List<String> paths = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (int i = 0; i < images.size(); i++) {
      int label = images.label(i);
      if (label < 0) {
        throw new IllegalArgumentException("image " + images.id(i) + " has no label");
      }
      String folder = folders.get(label);
      String id = images.id(i);
      String base = id.substring(id.lastIndexOf('/') + 1);
      String path;
      if (id.equals(folder + "/" + base) && base.endsWith(".png") && sanitize(base).equals(base)) {
        path = id;
      } else {
        String stem = base.contains(".") ? base.substring(0, base.lastIndexOf('.')) : base;
        path = folder + "/" + sanitize(stem) + ".png";
      }
      if (!used.add(path)) {
        path = folder + "/" + String.format("%06d", i) + ".png";
        used.add(path);
      }
      paths.add(path);
    }
    return new Layout(folders, paths, labels.length() == 0 ? null : labels.toString());
  }

  /** A safe file name: letters, digits, {@code . _ -} and spaces; never starting with a dot. */
  static String sanitize(String name) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      boolean ok =
          (ch >= 'a' && ch <= 'z')
              || (ch >= 'A' && ch <= 'Z')
              || (ch >= '0' && ch <= '9')
              || ch == '_'
              || ch == '-'
              || ch == ' '
              || (ch == '.' && i > 0);
      sb.append(ok ? ch : '_');
    }
    String s = sb.toString().strip();
    return s.isEmpty() ? "_" : s;
  }
}

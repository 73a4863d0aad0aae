package io.visiongrade.engine.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Test fixtures generated on the fly: images, archives, IDX files. */
final class Fixtures {
  private Fixtures() {}

  static ImportOptions options(int size, int channels) {
    return ImportOptions.builder().setImageSize(size, size).setChannels(channels).build();
  }

  static BufferedImage solid(int w, int h, Color c) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setColor(c);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return img;
  }

  static byte[] encode(BufferedImage img, String format) {
    BufferedImage out = img;
    if (!format.equals("png") && img.getColorModel().hasAlpha()) {
      out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = out.createGraphics();
      g.drawImage(img, 0, 0, null);
      g.dispose();
    }
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(out, format, bos)) {
        throw new IllegalStateException("no writer for " + format);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bos.toByteArray();
  }

  static byte[] png(int w, int h, Color c) {
    return encode(solid(w, h, c), "png");
  }

  /** A PNG whose IHDR claims the given size, followed by a tiny bogus IDAT. */
  static byte[] pngHeader(int w, int h) {
    ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12 + 12);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
    chunk(
        b,
        "IHDR",
        ByteBuffer.allocate(13)
            .putInt(w)
            .putInt(h)
            .put((byte) 8)
            .put((byte) 2)
            .put((byte) 0)
            .put((byte) 0)
            .put((byte) 0)
            .array());
    chunk(b, "IDAT", new byte[0]);
    chunk(b, "IEND", new byte[0]);
    return b.array();
  }

  private static void chunk(ByteBuffer b, String type, byte[] data) {
    b.putInt(data.length);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    b.put(t).put(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    b.putInt((int) crc.getValue());
  }

  /** Two-class dataset layout: path to bytes. */
  static Map<String, byte[]> twoClasses(int perClass) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < perClass; i++) {
      m.put("black/" + i + ".png", png(8, 8, Color.BLACK));
      m.put("white/" + i + ".png", png(8, 8, Color.WHITE));
    }
    return m;
  }

  static void writeTree(Path root, Map<String, byte[]> files) throws IOException {
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path p = root.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
  }

  static Path writeZip(Path zip, Map<String, byte[]> files) throws IOException {
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream zos = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        zos.putNextEntry(new ZipEntry(e.getKey()));
        zos.write(e.getValue());
        zos.closeEntry();
      }
    }
    return zip;
  }

  /** Marks the central-directory entry {@code name} of {@code zip} as a Unix symbolic link. */
  static void markSymlink(Path zip, String name) throws IOException {
    byte[] d = Files.readAllBytes(zip);
    ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    for (int p = 0; p + 46 < d.length; p++) {
      if (b.getInt(p) == 0x02014b50 && b.getShort(p + 28) == n.length) {
        String found = new String(d, p + 46, n.length, StandardCharsets.UTF_8);
        if (found.equals(name)) {
          b.putShort(p + 4, (short) 0x031e);
          b.putInt(p + 38, 0xA1FF0000);
          Files.write(zip, d);
          return;
        }
      }
    }
    throw new IllegalStateException("entry not found: " + name);
  }

  /** Rewrites the uncompressed size that the central directory declares for {@code name}. */
  static void patchDeclaredSize(Path zip, String name, int size) throws IOException {
    byte[] d = Files.readAllBytes(zip);
    ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    for (int p = 0; p + 46 < d.length; p++) {
      if (b.getInt(p) == 0x02014b50 && b.getShort(p + 28) == n.length) {
        if (new String(d, p + 46, n.length, StandardCharsets.UTF_8).equals(name)) {
          b.putInt(p + 24, size);
          Files.write(zip, d);
          return;
        }
      }
    }
    throw new IllegalStateException("entry not found: " + name);
  }

  static byte[] idxImages(int n, int rows, int cols, byte[] pixels) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bos)) {
      out.writeInt(0x803);
      out.writeInt(n);
      out.writeInt(rows);
      out.writeInt(cols);
      out.write(pixels);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bos.toByteArray();
  }

  static byte[] idxLabels(int[] labels) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bos)) {
      out.writeInt(0x801);
      out.writeInt(labels.length);
      for (int l : labels) {
        out.write(l);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bos.toByteArray();
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(data);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bos.toByteArray();
  }
}

package io.visiongrade.engine.data;

import io.visiongrade.engine.data.DatasetException.Reason;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes one image file (already in memory) into the target shape: format sniffed from magic
 * bytes, dimensions checked from the header before decoding, alpha composited on white, grayscale
 * by luminance (ITU-R BT.601), resized by area averaging (shrink) or bilinear (enlarge).
 */
final class ImageDecoding {
  /** Decoding large images is subsampled by the reader down to about this many pixels. */
  private static final long DECODE_PIXEL_BUDGET = 4L << 20;

  private static final java.util.regex.Pattern MISSING_DATA =
      java.util.regex.Pattern.compile("(?i)truncat|premature|EOI|end of (file|data|stream)");

  private ImageDecoding() {}

  /** The image format named by the file's magic bytes, or {@code null}. */
  static String sniffFormat(byte[] d) {
    if (d.length >= 8
        && (d[0] & 0xff) == 0x89
        && d[1] == 'P'
        && d[2] == 'N'
        && d[3] == 'G'
        && d[4] == 0x0d
        && d[5] == 0x0a
        && d[6] == 0x1a
        && d[7] == 0x0a) {
      return "png";
    }
    if (d.length >= 3 && (d[0] & 0xff) == 0xff && (d[1] & 0xff) == 0xd8 && (d[2] & 0xff) == 0xff) {
      return "jpeg";
    }
    if (d.length >= 6
        && d[0] == 'G'
        && d[1] == 'I'
        && d[2] == 'F'
        && d[3] == '8'
        && (d[4] == '7' || d[4] == '9')
        && d[5] == 'a') {
      return "gif";
    }
    if (d.length >= 26 && d[0] == 'B' && d[1] == 'M') {
      return "bmp";
    }
    return null;
  }

  /** A hint about what a non-image file looks like, for the error message. */
  static String describeNonImage(byte[] d) {
    int i = 0;
    if (d.length >= 3 && (d[0] & 0xff) == 0xef && (d[1] & 0xff) == 0xbb && (d[2] & 0xff) == 0xbf) {
      i = 3;
    }
    while (i < d.length && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t')) {
      i++;
    }
    if (d.length == 0) {
      return "the file is empty";
    }
    if (i < d.length && d[i] == '<') {
      return "it looks like SVG, HTML or XML text";
    }
    if (d.length >= 4 && d[0] == 'P' && d[1] == 'K' && d[2] == 3 && d[3] == 4) {
      return "it is a ZIP archive (nested archives are not extracted)";
    }
    if (d.length >= 2 && (d[0] & 0xff) == 0x1f && (d[1] & 0xff) == 0x8b) {
      return "it is a gzip file";
    }
    if (d.length >= 4 && d[0] == '%' && d[1] == 'P' && d[2] == 'D' && d[3] == 'F') {
      return "it is a PDF document";
    }
    if (d.length >= 12 && d[4] == 'f' && d[5] == 't' && d[6] == 'y' && d[7] == 'p') {
      return "it looks like HEIC/AVIF or a video (convert it to PNG or JPEG)";
    }
    if (d.length >= 12 && d[0] == 'R' && d[1] == 'I' && d[2] == 'F' && d[3] == 'F') {
      return "it looks like WebP (convert it to PNG or JPEG)";
    }
    return "unrecognised content";
  }

  /**
   * Decodes {@code data} and writes the target-shaped CHW bytes at {@code out[offset..]}.
   *
   * @param name the file's path in the dataset, for messages
   */
  static void decodeInto(byte[] data, String name, ImportOptions o, byte[] out, int offset)
      throws DatasetException {
    BufferedImage img = decode(data, name, o.maxPixelsPerImage(), o.width(), o.height());
    convertInto(img, o.width(), o.height(), o.channels(), out, offset);
  }

  static BufferedImage decode(byte[] data, String name, long maxPixels, int tw, int th)
      throws DatasetException {
    String format = sniffFormat(data);
    if (format == null) {
      throw new DatasetException(
          Reason.NOT_AN_IMAGE,
          name,
          "not an image: "
              + describeNonImage(data)
              + "; supported formats are PNG, JPEG, BMP, GIF");
    }
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
    if (!readers.hasNext()) {
      throw new IllegalStateException("no ImageIO reader for " + format);
    }
    ImageReader reader = readers.next();
    List<String> warnings = new ArrayList<>();
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
      reader.setInput(in, true, true);
      reader.addIIOReadWarningListener((src, warning) -> warnings.add(warning));
      int w = reader.getWidth(0);
      int h = reader.getHeight(0);
      if (w <= 0 || h <= 0) {
        throw new DatasetException(
            Reason.CORRUPT_IMAGE, name, "corrupt " + format + " image: size " + w + "x" + h);
      }
      if ((long) w * h > maxPixels) {
        throw new DatasetException(
            Reason.IMAGE_TOO_LARGE,
            name,
            "image is "
                + w
                + "x"
                + h
                + " pixels, more than the limit of "
                + maxPixels
                + " pixels per image");
      }
      ImageReadParam param = reader.getDefaultReadParam();
      int s = subsampling(w, h, tw, th);
      if (s > 1) {
        param.setSourceSubsampling(s, s, 0, 0);
      }
      BufferedImage img = reader.read(0, param);
      for (String warning : warnings) {
        // Decoders fill missing data with grey and only warn; such images are refused. Other
        // warnings (e.g. extraneous bytes between JPEG markers) leave a complete image.
        if (MISSING_DATA.matcher(warning).find()) {
          throw new DatasetException(
              Reason.CORRUPT_IMAGE,
              name,
              "truncated or corrupt " + format + " image (" + warning + ")");
        }
      }
      return img;
    } catch (IOException | RuntimeException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new DatasetException(
          Reason.CORRUPT_IMAGE,
          name,
          "cannot decode "
              + format
              + " image ("
              + msg
              + "): the file is truncated, corrupt or uses an unsupported variant",
          e);
    } finally {
      reader.dispose();
    }
  }

  /** Reader subsampling for huge images: keeps at least twice the target size on each axis. */
  static int subsampling(int w, int h, int tw, int th) {
    long px = (long) w * h;
    if (px <= DECODE_PIXEL_BUDGET) {
      return 1;
    }
    int s = (int) Math.ceil(Math.sqrt((double) px / DECODE_PIXEL_BUDGET));
    int keep = Math.max(1, Math.min(w / (2 * tw), h / (2 * th)));
    return Math.max(1, Math.min(s, keep));
  }

  /**
   * Composites {@code img} on white, converts it to {@code channels} and resizes it into {@code
   * out[offset..offset + channels*th*tw)} as CHW bytes.
   */
  static void convertInto(BufferedImage img, int tw, int th, int channels, byte[] out, int offset) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] rgb = toOpaqueRgb(img);
    int plane = tw * th;
    if (channels == 1) {
      float[] lum = new float[w * h];
      for (int i = 0; i < rgb.length; i++) {
        lum[i] = luminance(rgb[i]);
      }
      Resampler.resize(lum, w, h, out, offset, tw, th);
    } else {
      float[] p = new float[w * h];
      for (int c = 0; c < 3; c++) {
        int shift = 16 - 8 * c;
        for (int i = 0; i < rgb.length; i++) {
          p[i] = (rgb[i] >>> shift) & 0xff;
        }
        Resampler.resize(p, w, h, out, offset + c * plane, tw, th);
      }
    }
  }

  /** Luminance of a packed RGB pixel by ITU-R BT.601 weights, rounded to an integer. */
  static int luminance(int rgb) {
    int r = (rgb >>> 16) & 0xff;
    int g = (rgb >>> 8) & 0xff;
    int b = rgb & 0xff;
    return (299 * r + 587 * g + 114 * b + 500) / 1000;
  }

  /** Packed 0xRRGGBB pixels with any alpha composited on white. */
  static int[] toOpaqueRgb(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      // Raw gray values; getRGB()/drawImage would apply a gray colour-space conversion.
      int[] gray = img.getRaster().getPixels(0, 0, w, h, (int[]) null);
      for (int i = 0; i < gray.length; i++) {
        int g = gray[i];
        gray[i] = (g << 16) | (g << 8) | g;
      }
      return gray;
    }
    BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.drawImage(img, 0, 0, null);
    } finally {
      g.dispose();
    }
    return ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
  }
}

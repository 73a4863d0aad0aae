package io.visiongrade.engine.data;

import io.visiongrade.engine.data.DatasetException.Reason;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads IDX files (the MNIST format), gzipped or not, straight into arrays. */
final class IdxReader {
  private IdxReader() {}

  /** The pixels of an IDX3 unsigned-byte file: {@code count} images of {@code rows x cols}. */
  record Images(byte[] pixels, int count, int rows, int cols) {}

  static Images readImages(Path file, ImportOptions o) throws DatasetException {
    String name = file.getFileName().toString();
    try (DataInputStream in = open(file)) {
      int[] dims = header(in, name, 3);
      int n = dims[0];
      int rows = dims[1];
      int cols = dims[2];
      if (n > o.maxImages()) {
        throw new DatasetException(
            Reason.TOO_MANY_IMAGES,
            name,
            "holds " + n + " images, more than the limit of " + o.maxImages());
      }
      if ((long) rows * cols > o.maxPixelsPerImage() || rows == 0 || cols == 0) {
        throw new DatasetException(
            Reason.INVALID_IDX,
            name,
            "image size " + rows + "x" + cols + " is empty or above the pixel limit");
      }
      long total = (long) n * rows * cols;
      if (total > Integer.MAX_VALUE - 8 || total > o.maxInflatedBytes()) {
        throw new DatasetException(
            Reason.ARCHIVE_TOO_LARGE,
            name,
            "declares " + total + " bytes of pixels, more than the limit");
      }
      byte[] pixels = new byte[(int) total];
      readFully(in, pixels, name);
      expectEnd(in, name);
      return new Images(pixels, n, rows, cols);
    } catch (IOException e) {
      throw new DatasetException(Reason.UNREADABLE, name, "cannot read: " + e.getMessage(), e);
    }
  }

  static int[] readLabels(Path file, ImportOptions o) throws DatasetException {
    String name = file.getFileName().toString();
    try (DataInputStream in = open(file)) {
      int n = header(in, name, 1)[0];
      if (n > o.maxImages()) {
        throw new DatasetException(
            Reason.TOO_MANY_IMAGES,
            name,
            "holds " + n + " labels, more than the limit of " + o.maxImages());
      }
      byte[] raw = new byte[n];
      readFully(in, raw, name);
      expectEnd(in, name);
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = raw[i] & 0xff;
      }
      return labels;
    } catch (IOException e) {
      throw new DatasetException(Reason.UNREADABLE, name, "cannot read: " + e.getMessage(), e);
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      raw = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
    }
    return new DataInputStream(raw);
  }

  private static int[] header(DataInputStream in, String name, int expectedDims)
      throws IOException, DatasetException {
    int magic;
    try {
      magic = in.readInt();
    } catch (EOFException e) {
      throw new DatasetException(Reason.INVALID_IDX, name, "too short for an IDX file");
    }
    int type = (magic >>> 8) & 0xff;
    int dims = magic & 0xff;
    if ((magic >>> 16) != 0 || type != 0x08 || dims != expectedDims) {
      String kind = expectedDims == 3 ? "images (idx3-ubyte)" : "labels (idx1-ubyte)";
      throw new DatasetException(
          Reason.INVALID_IDX,
          name,
          String.format(
              "wrong magic number 0x%08X for IDX %s: expected 0x%08X",
              magic, kind, 0x0800 | expectedDims));
    }
    int[] d = new int[dims];
    for (int i = 0; i < dims; i++) {
      try {
        d[i] = in.readInt();
      } catch (EOFException e) {
        throw new DatasetException(Reason.INVALID_IDX, name, "truncated IDX header");
      }
      if (d[i] < 0) {
        throw new DatasetException(Reason.INVALID_IDX, name, "negative dimension " + d[i]);
      }
    }
    return d;
  }

  private static void readFully(InputStream in, byte[] dst, String name)
      throws IOException, DatasetException {
    int got = in.readNBytes(dst, 0, dst.length);
    if (got != dst.length) {
      throw new DatasetException(
          Reason.INVALID_IDX,
          name,
          "truncated: header declares " + dst.length + " data bytes, file holds " + got);
    }
  }

  private static void expectEnd(InputStream in, String name) throws IOException, DatasetException {
    if (in.read() != -1) {
      throw new DatasetException(
          Reason.INVALID_IDX, name, "holds more data than its header declares");
    }
  }
}

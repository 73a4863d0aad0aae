package io.visiongrade.engine.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds the names of symbolic-link entries in a zip archive by reading the Unix mode from the
 * external attributes of its central directory (which {@link java.util.zip.ZipFile} does not
 * expose).
 */
final class ZipSymlinks {
  private static final int EOCD_SIG = 0x06054b50;
  private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
  private static final int ZIP64_EOCD_SIG = 0x06064b50;
  private static final int CEN_SIG = 0x02014b50;
  private static final int S_IFMT = 0170000;
  private static final int S_IFLNK = 0120000;
  private static final int HOST_UNIX = 3;

  private ZipSymlinks() {}

  /**
   * The names of symlink entries.
   *
   * @param maxDirectoryBytes refuse (return with an IOException) central directories larger than
   *     this
   */
  static Set<String> find(Path zip, long maxDirectoryBytes) throws IOException {
    try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
      long size = ch.size();
      int tailLen = (int) Math.min(size, 22 + 0xffff);
      ByteBuffer tail = read(ch, size - tailLen, tailLen);
      int eocd = -1;
      for (int i = tailLen - 22; i >= 0; i--) {
        if (tail.getInt(i) == EOCD_SIG) {
          eocd = i;
          break;
        }
      }
      if (eocd < 0) {
        throw new IOException("no end of central directory record");
      }
      long cenSize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
      long cenOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
      if ((cenSize == 0xffffffffL || cenOffset == 0xffffffffL) && eocd >= 20) {
        if (tail.getInt(eocd - 20) == ZIP64_LOCATOR_SIG) {
          long z64 = tail.getLong(eocd - 20 + 8);
          ByteBuffer rec = read(ch, z64, 56);
          if (rec.getInt(0) != ZIP64_EOCD_SIG) {
            throw new IOException("bad zip64 end of central directory record");
          }
          cenSize = rec.getLong(40);
          cenOffset = rec.getLong(48);
        }
      }
      if (cenSize > maxDirectoryBytes || cenOffset + cenSize > size || cenSize < 0) {
        throw new IOException("central directory of " + cenSize + " bytes is out of bounds");
      }
      ByteBuffer cen = read(ch, cenOffset, (int) cenSize);
      Set<String> links = new HashSet<>();
      int p = 0;
      while (p + 46 <= cenSize && cen.getInt(p) == CEN_SIG) {
        int madeBy = Short.toUnsignedInt(cen.getShort(p + 4));
        int nameLen = Short.toUnsignedInt(cen.getShort(p + 28));
        int extraLen = Short.toUnsignedInt(cen.getShort(p + 30));
        int commentLen = Short.toUnsignedInt(cen.getShort(p + 32));
        long external = Integer.toUnsignedLong(cen.getInt(p + 38));
        if (p + 46 + nameLen > cenSize) {
          break;
        }
        if ((madeBy >>> 8) == HOST_UNIX && ((external >>> 16) & S_IFMT) == S_IFLNK) {
          byte[] n = new byte[nameLen];
          cen.get(p + 46, n);
          links.add(new String(n, StandardCharsets.UTF_8)); // as ZipFile decodes names
        }
        p += 46 + nameLen + extraLen + commentLen;
      }
      return links;
    }
  }

  private static ByteBuffer read(FileChannel ch, long pos, int len) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, pos + b.position()) < 0) {
        throw new IOException("unexpected end of zip file");
      }
    }
    b.flip();
    return b;
  }
}

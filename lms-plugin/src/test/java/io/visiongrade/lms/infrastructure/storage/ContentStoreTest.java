package io.visiongrade.lms.infrastructure.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visiongrade.lms.domain.DomainException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreTest {

  static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);
  static final String HELLO_SHA =
      "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

  @TempDir Path dir;

  ContentStore store() {
    return new ContentStore(dir.resolve("storage"));
  }

  @Test
  void putNamesTheFileByItsSha256InTwoLevelsOfFolders() throws IOException {
    ContentStore s = store();
    StoredContent c = s.put(new ByteArrayInputStream(HELLO), 100);
    assertEquals(new StoredContent(HELLO_SHA, 5), c);
    Path expected = dir.resolve("storage/2c/f2/" + HELLO_SHA);
    assertTrue(Files.isRegularFile(expected));
    assertEquals(expected, s.file(HELLO_SHA));
    assertTrue(s.exists(HELLO_SHA));
    try (InputStream in = s.open(HELLO_SHA)) {
      assertArrayEquals(HELLO, in.readAllBytes());
    }
    assertEquals(5, s.find(HELLO_SHA).orElseThrow().size());
    assertEquals(0, incoming(s), "no temporary file is left");
  }

  @Test
  void puttingTheSameContentTwiceKeepsOneFile() throws IOException {
    ContentStore s = store();
    s.put(new ByteArrayInputStream(HELLO), 100);
    StoredContent again = s.put(new ByteArrayInputStream(HELLO), 100);
    assertEquals(HELLO_SHA, again.sha256());
    try (Stream<Path> files = Files.walk(s.root())) {
      assertEquals(1, files.filter(Files::isRegularFile).count());
    }
  }

  @Test
  void concurrentPutsOfTheSameContentAgree() throws Exception {
    ContentStore s = store();
    byte[] data = new byte[300_000];
    new java.util.Random(1).nextBytes(data);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<StoredContent>> f = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        f.add(pool.submit(() -> s.put(new ByteArrayInputStream(data), data.length)));
      }
      String hash = f.get(0).get().sha256();
      for (Future<StoredContent> x : f) {
        assertEquals(hash, x.get().sha256());
      }
      try (InputStream in = s.open(hash)) {
        assertArrayEquals(data, in.readAllBytes());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, incoming(s));
  }

  @Test
  void overTheLimitIsRefusedWhileStreamingAndLeavesNothing() throws IOException {
    ContentStore s = store();
    InputStream endless =
        new InputStream() {
          long served;

          @Override
          public int read() {
            served++;
            return 'x';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (served > 10_000_000) {
              throw new AssertionError("read far past the limit");
            }
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            served += len;
            return len;
          }
        };
    var e = assertThrows(DomainException.TooLarge.class, () -> s.put(endless, 1000));
    assertEquals("The upload is larger than the limit of 1000 bytes", e.getMessage());
    assertEquals(1000, e.limitBytes());
    assertEquals(0, incoming(s));
    // Exactly at the limit is fine.
    assertEquals(5, s.put(new ByteArrayInputStream(HELLO), 5).size());
  }

  @Test
  void aBrokenSourceLeavesNothingHalfWritten() throws IOException {
    ContentStore s = store();
    InputStream broken =
        new InputStream() {
          int n;

          @Override
          public int read() throws IOException {
            if (n++ > 70_000) {
              throw new IOException("No space left on device");
            }
            return 1;
          }
        };
    var e = assertThrows(ContentStore.StorageFull.class, () -> s.put(broken, 1 << 20));
    assertTrue(
        e.getMessage().startsWith("Could not receive the upload: the server's disk is full."),
        e.getMessage());
    assertEquals(0, incoming(s));
    try (Stream<Path> files = Files.walk(s.root())) {
      assertEquals(0, files.filter(Files::isRegularFile).count());
    }
  }

  @Test
  void aReceivedUploadIsDroppedUnlessKept() throws IOException {
    ContentStore s = store();
    Path tmp;
    try (Upload u = s.receive(new ByteArrayInputStream(HELLO), 10)) {
      tmp = u.file();
      assertEquals(HELLO_SHA, u.sha256());
      assertEquals(5, u.size());
      assertTrue(Files.exists(tmp));
      assertFalse(s.exists(HELLO_SHA));
    }
    assertFalse(Files.exists(tmp));
    assertFalse(s.exists(HELLO_SHA));
    Upload kept = s.receive(new ByteArrayInputStream(HELLO), 10);
    s.keep(kept);
    assertTrue(s.exists(HELLO_SHA));
    assertFalse(Files.exists(kept.file()));
  }

  @Test
  void deleteRemovesAndOpenThenFails() {
    ContentStore s = store();
    s.put(new ByteArrayInputStream(HELLO), 10);
    assertTrue(s.delete(HELLO_SHA));
    assertFalse(s.delete(HELLO_SHA));
    assertFalse(s.exists(HELLO_SHA));
    assertTrue(s.find(HELLO_SHA).isEmpty());
    var e = assertThrows(DomainException.NotFound.class, () -> s.open(HELLO_SHA));
    assertEquals("Stored file " + HELLO_SHA + " not found", e.getMessage());
    assertThrows(DomainException.NotFound.class, () -> s.file(HELLO_SHA));
  }

  @Test
  void namesThatAreNotHashesAreRefused() {
    ContentStore s = store();
    for (String bad :
        new String[] {"../../etc/passwd", HELLO_SHA.toUpperCase(), HELLO_SHA + "0", "", null}) {
      assertThrows(IllegalArgumentException.class, () -> s.exists(bad), String.valueOf(bad));
    }
  }

  @Test
  void putFileCopies() throws IOException {
    ContentStore s = store();
    Path f = Files.write(dir.resolve("hello.txt"), HELLO);
    assertEquals(HELLO_SHA, s.putFile(f).sha256());
    assertTrue(Files.exists(f));
  }

  @Test
  void leftoversOfACrashAreDeletedWhenTheStoreStartsOnlyOnceStale() throws IOException {
    ContentStore s = store();
    Path old = Files.write(s.root().resolve("incoming/upload-1.part"), HELLO);
    Files.setLastModifiedTime(
        old, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(90_000)));
    Path fresh = Files.write(s.root().resolve("incoming/upload-2.part"), HELLO);
    Path scratch = s.scratchDir();
    ContentStore restarted = store();
    assertFalse(Files.exists(old));
    assertTrue(Files.exists(fresh), "an upload in progress is left alone");
    assertTrue(Files.exists(scratch));
    assertEquals(2, restarted.purgeIncoming(java.time.Instant.now().plusSeconds(1)));
    assertEquals(0, incoming(restarted));
  }

  private static long incoming(ContentStore s) throws IOException {
    try (Stream<Path> files = Files.list(s.root().resolve("incoming"))) {
      return files.count();
    }
  }
}

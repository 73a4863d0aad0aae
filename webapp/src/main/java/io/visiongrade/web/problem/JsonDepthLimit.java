package io.visiongrade.web.problem;

import io.visiongrade.lms.domain.DomainException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * JSON bodies that the server parses into objects may nest at most {@value #MAX_DEPTH} levels: a
 * deeper one is refused with 400 while it is read, before any parser recursion or buffering (the
 * JSON-P parser's own guard is a bare RuntimeException at 1,000 levels, which would be a 500).
 * Bodies read as raw streams (a CNN spec submission) have their own, tighter limits.
 */
@Provider
public class JsonDepthLimit implements ReaderInterceptor {

  /** The deepest nesting of objects and arrays a JSON body may have. */
  public static final int MAX_DEPTH = 32;

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    MediaType type = context.getMediaType();
    if (type != null
        && context.getType() != InputStream.class
        && (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
            || type.getSubtype().endsWith("+json"))) {
      context.setInputStream(new DepthCounting(context.getInputStream()));
    }
    return context.proceed();
  }

  /** Counts object and array nesting outside strings as the bytes go by. */
  static final class DepthCounting extends FilterInputStream {
    private int depth;
    private boolean inString;
    private boolean escaped;

    DepthCounting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        see(b);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      for (int i = 0; i < n; i++) {
        see(buf[off + i] & 0xff);
      }
      return n;
    }

    private void see(int b) {
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
        return;
      }
      switch (b) {
        case '"' -> inString = true;
        case '{', '[' -> {
          if (++depth > MAX_DEPTH) {
            throw new DomainException.Invalid(
                "The JSON body nests objects and arrays deeper than "
                    + MAX_DEPTH
                    + " levels; no request needs that");
          }
        }
        case '}', ']' -> depth--;
        default -> {}
      }
    }
  }
}

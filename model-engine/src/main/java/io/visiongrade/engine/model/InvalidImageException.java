package io.visiongrade.engine.model;

/** Bytes given for classification are not a decodable PNG, JPEG, BMP or GIF image. */
public class InvalidImageException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidImageException(String message) {
    super(message);
  }

  public InvalidImageException(String message, Throwable cause) {
    super(message, cause);
  }
}

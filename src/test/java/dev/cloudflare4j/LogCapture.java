package dev.cloudflare4j;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures everything logged under {@code dev.cloudflare4j}, TRACE included, through
 * java.util.logging, where System.Logger sends it by default. Close to stop capturing.
 */
final class LogCapture extends Handler implements AutoCloseable {

  private final Logger jul = Logger.getLogger("dev.cloudflare4j");
  private final Level previous;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  LogCapture() {
    previous = jul.getLevel();
    setLevel(Level.ALL);
    jul.setLevel(Level.ALL);
    jul.addHandler(this);
  }

  /** Every record so far. */
  List<LogRecord> records() {
    return records;
  }

  /** The messages logged at the given JUL level (FINE is DEBUG, FINER is TRACE). */
  List<String> messages(Level level) {
    return records.stream()
        .filter(r -> r.getLevel().equals(level))
        .map(LogRecord::getMessage)
        .toList();
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    jul.removeHandler(this);
    jul.setLevel(previous);
  }
}

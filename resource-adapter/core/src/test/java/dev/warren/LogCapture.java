package dev.warren;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A test helper: collects what one java.util.logging logger (and the loggers below it) publishes from
 * {@link #of} until {@link #close()}. Thread-safe.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
            // kept in memory
        }

        @Override
        public void close() {
            // nothing to release
        }
    };

    private LogCapture(Logger logger) {
        this.logger = logger;
        logger.addHandler(handler);
    }

    /** @param loggerName a logger name ({@code ""}: the root logger, so everything) */
    public static LogCapture of(String loggerName) {
        return new LogCapture(Logger.getLogger(loggerName));
    }

    /** @param source a class that logs under its own name */
    public static LogCapture of(Class<?> source) {
        return of(source.getName());
    }

    /** @return what was published so far, in order (a live view) */
    public List<LogRecord> records() {
        return records;
    }

    /** @return the records of exactly this level, in order */
    public List<LogRecord> at(Level level) {
        return records.stream().filter(r -> r.getLevel() == level).toList();
    }

    /** @return the raw messages (not formatted with their parameters), in order */
    public List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    /** Forgets what was collected so far. */
    public void clear() {
        records.clear();
    }

    /** Stops collecting. */
    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}

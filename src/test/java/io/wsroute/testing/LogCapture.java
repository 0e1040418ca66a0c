package io.wsroute.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** What one class logs while a test runs (its level and formatted message), for tests that a log line appears. */
public final class LogCapture implements AutoCloseable {

    /** One log line: its level and its message with the arguments filled in, plus the exception's text if any. */
    public record Line(Level level, String message) {
        public boolean atLeast(Level floor) {
            return level.intValue() >= floor.intValue();
        }
    }

    private final Logger logger;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext
                    ? ext.getFormattedMessage()
                    : String.valueOf(record.getMessage());
            if (record.getThrown() != null) {
                message += " | " + record.getThrown();
            }
            lines.add(new Line(record.getLevel(), message));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private LogCapture(Class<?> source) {
        logger = Logger.getLogger(source.getName());
        logger.addHandler(handler);
    }

    /** Starts capturing what {@code source}'s logger (JBoss Logging names it by the class) writes. */
    public static LogCapture of(Class<?> source) {
        return new LogCapture(source);
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}

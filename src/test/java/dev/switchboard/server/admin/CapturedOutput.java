package dev.switchboard.server.admin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * Everything the process writes while open: every log event (ours at DEBUG, with stack traces) and all
 * of stdout and stderr (the access log included), still passed through to the real streams.
 */
final class CapturedOutput implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger ours = (Logger) LoggerFactory.getLogger("dev.switchboard");
    private final Level oursBefore = ours.getLevel();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream streams = new ByteArrayOutputStream();

    CapturedOutput() {
        appender.start();
        root.addAppender(appender);
        ours.setLevel(Level.DEBUG);
        System.setOut(new PrintStream(tee(out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(err), true, StandardCharsets.UTF_8));
    }

    private OutputStream tee(PrintStream real) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (streams) {
                    streams.write(b);
                }
                real.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (streams) {
                    streams.write(b, off, len);
                }
                real.write(b, off, len);
            }
        };
    }

    /** Log lines (message, arguments, throwable with its causes) and the raw streams, as one text. */
    String text() {
        StringBuilder sb = new StringBuilder();
        for (ILoggingEvent e : appender.list.toArray(ILoggingEvent[]::new)) {
            sb.append(e.getLoggerName()).append(' ').append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                sb.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
            }
        }
        synchronized (streams) {
            sb.append(streams.toString(StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    int events() {
        return appender.list.size();
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
        ours.setLevel(oursBefore);
        root.detachAppender(appender);
        appender.stop();
    }
}

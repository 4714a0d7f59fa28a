package se.caseflow.web.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Everything this JVM logs, from now until closed, also written to a file. Spring Boot sets up its log file
 * ({@code logging.file.name}) only for the first application started in a JVM, so a node started in the test's JVM
 * after other tests' nodes would write no file of its own; this appender does not depend on that.
 */
final class JvmLogFile implements AutoCloseable {

    private final FileAppender<ILoggingEvent> appender = new FileAppender<>();
    private final Logger root;

    private JvmLogFile(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d %level [%thread] %logger - %msg%n");
        encoder.start();
        appender.setContext(context);
        appender.setName("jvm-log-file-" + file.getFileName());
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.start();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
    }

    /** Starts writing to {@code file} (created, or appended to). */
    static JvmLogFile start(Path file) {
        return new JvmLogFile(file);
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}

package org.fitsync.app.logging;

import ch.qos.logback.core.PropertyDefinerBase;
import java.util.Optional;
import org.fitsync.app.config.LogFormat;

/**
 * Tells logback.xml which console appender to use, {@code JSON} or {@code TEXT}, from
 * {@code FITSYNC_LOG_FORMAT} and whether stdout is a terminal. Logging starts before the configuration
 * is read, so a bad value falls back to the default here and start-up then stops on it.
 */
public final class ConsoleLogFormat extends PropertyDefinerBase {

    @Override
    public String getPropertyValue() {
        return LogFormat.choose(Optional.ofNullable(System.getenv(LogFormat.VARIABLE)), LogFormat.terminal()).name();
    }
}

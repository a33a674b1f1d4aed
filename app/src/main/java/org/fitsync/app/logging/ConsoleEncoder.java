package org.fitsync.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.Optional;
import org.fitsync.app.config.LogFormat;

/**
 * The console's encoder: the {@code json} one or the {@code text} one configured in logback.xml, chosen
 * from {@code FITSYNC_LOG_FORMAT} and whether stdout is a terminal. Logging starts before the
 * configuration is read, so a bad value falls back to the default here and start-up then stops on it.
 */
public final class ConsoleEncoder extends EncoderBase<ILoggingEvent> {

    private Encoder<ILoggingEvent> json;
    private Encoder<ILoggingEvent> text;
    private Encoder<ILoggingEvent> chosen;

    public void setJson(Encoder<ILoggingEvent> json) {
        this.json = json;
    }

    public void setText(Encoder<ILoggingEvent> text) {
        this.text = text;
    }

    @Override
    public void start() {
        start(LogFormat.choose(Optional.ofNullable(System.getenv(LogFormat.VARIABLE)), LogFormat.terminal()));
    }

    /** Starts with {@code format}'s encoder, whatever the environment says. */
    void start(LogFormat format) {
        chosen = format == LogFormat.TEXT ? text : json;
        if (chosen == null) {
            addError("logback.xml configures no " + format + " encoder");
            return;
        }
        if (!chosen.isStarted()) {
            chosen.start();
        }
        super.start();
    }

    @Override
    public byte[] headerBytes() {
        return chosen.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return chosen.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return chosen.footerBytes();
    }
}

package org.fitsync.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.fitsync.app.config.LogFormat;
import org.junit.jupiter.api.Test;

/** The console log of the shipped logback.xml: text and JSON both carry the request and the user. */
class ConsoleEncoderTest {

    @Test
    void textIsOneReadableLineWithTheRequestAndTheUser() throws Exception {
        String line = encode(LogFormat.TEXT, "Run stored\nsecond line");
        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip())
                .doesNotContain("\n")
                .doesNotStartWith("{")
                .contains("INFO", "Run stored second line", "request_id=req-1", "user_id=alice");
    }

    @Test
    void jsonIsOneObjectPerLineWithTheRequestAndTheUser() throws Exception {
        String line = encode(LogFormat.JSON, "Run stored");
        assertThat(line.strip())
                .startsWith("{")
                .endsWith("}")
                .doesNotContain("\n")
                .contains("\"request_id\":\"req-1\"", "\"user_id\":\"alice\"", "\"message\":\"Run stored\"");
    }

    @Test
    void aTerminalGetsTextAndEverythingElseJsonUnlessChosen() {
        assertThat(LogFormat.choose(java.util.Optional.empty(), true)).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.choose(java.util.Optional.empty(), false)).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.choose(java.util.Optional.of("json"), true)).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.choose(java.util.Optional.of("text"), false)).isEqualTo(LogFormat.TEXT);
        // Logging starts before the configuration stops start-up on a bad value; until then, the default.
        assertThat(LogFormat.choose(java.util.Optional.of("xml"), false)).isEqualTo(LogFormat.JSON);
    }

    /** Configures a private logger context from the shipped logback.xml and encodes one event. */
    @SuppressWarnings("unchecked")
    private static String encode(LogFormat format, String message) throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(ConsoleEncoderTest.class.getResource("/logback.xml"));
        try {
            ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>)
                    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
            ConsoleEncoder encoder = (ConsoleEncoder) console.getEncoder();
            encoder.stop();
            encoder.start(format);
            LoggingEvent event = new LoggingEvent(
                    "org.fitsync.test", context.getLogger("org.fitsync.test"), Level.INFO, message, null, null);
            event.setMDCPropertyMap(Map.of("request_id", "req-1", "user_id", "alice"));
            return new String(encoder.encode(event), StandardCharsets.UTF_8);
        } finally {
            context.stop();
        }
    }
}

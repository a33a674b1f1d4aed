package org.fitsync.app;

import java.util.concurrent.Callable;
import org.fitsync.app.cli.MigrateCommand;
import org.fitsync.app.cli.ServeCommand;
import org.fitsync.app.cli.StravaWebhookCommand;
import org.fitsync.app.cli.TokenCommand;
import org.fitsync.app.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fitsync} command line: {@code serve}, {@code migrate}, {@code token} and {@code strava-webhook}
 * (package {@code cli}). The jar's entry point, named in app/pom.xml.
 */
@Command(
        name = "fitsync",
        mixinStandardHelpOptions = true,
        description = "FitSync: an offline-first sync backend for fitness apps.",
        subcommands = {ServeCommand.class, MigrateCommand.class, TokenCommand.class, StravaWebhookCommand.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println("Configuration error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }
}

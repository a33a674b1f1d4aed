package org.fitsync.phone;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar fitsync-phone.jar}: a phone on the command line. Every command opens the signed-in
 * user's local store, does its work through the sync client, and exits; writes are durable when the
 * command returns, online or not.
 */
@Command(
        name = "fitsync-phone",
        mixinStandardHelpOptions = true,
        description = "A FitSync phone on the command line, built on the JVM sync client.",
        subcommands = {
            PutCommand.class,
            DeleteCommand.class,
            GetCommand.class,
            ListCommand.class,
            RecordRunCommand.class,
            StepsCommand.class,
            UploadCommand.class,
            SyncCommand.class,
            StatusCommand.class,
            WatchCommand.class,
            OutboxCommand.class,
            RetryFailedCommand.class,
            DiscardCommand.class,
            ChurnCommand.class,
            GenerateCommand.class,
            BenchCommand.class
        })
public final class FitSyncPhone {

    public static void main(String[] args) {
        int exit = new CommandLine(new FitSyncPhone())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
        System.exit(exit);
    }
}

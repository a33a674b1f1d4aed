package org.fitsync.app.cli;

import java.util.concurrent.Callable;
import org.fitsync.adapter.postgres.Migrations;
import org.fitsync.app.config.Environment;
import org.fitsync.app.config.FitSyncConfig;
import org.fitsync.app.embedded.NodeDatabase;
import picocli.CommandLine.Command;

/** {@code fitsync migrate}: applies the database migrations and exits. */
@Command(name = "migrate", description = "Apply database migrations and exit.")
public final class MigrateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        FitSyncConfig config = FitSyncConfig.from(Environment.system());
        try (NodeDatabase database = NodeDatabase.open(config.database(), config.dataDir(), 1)) {
            System.out.println(
                    "Applied " + Migrations.forSettings(database.settings()).migrate() + " migrations");
        }
        return 0;
    }
}

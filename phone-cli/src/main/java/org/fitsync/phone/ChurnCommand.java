package org.fitsync.phone;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.fitsync.client.FitSyncClient;
import org.fitsync.client.RecordRun;
import org.fitsync.client.local.LocalRecord;
import org.fitsync.client.local.RecordQuery;
import org.fitsync.client.status.SyncStatus;
import org.fitsync.domain.run.Source;
import org.fitsync.domain.run.Track;
import org.fitsync.domain.run.TrackPoint;
import org.fitsync.domain.sync.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The process-kill harness's workload: random creates, updates and deletes of {@code workouts}, a run
 * now and then, and syncs, printing {@code begin …} before each write and {@code ok …} once it is
 * durable, so whoever kills the process knows what the store must hold.
 */
@Command(name = "churn", hidden = true, description = "Random writes and syncs for the process-kill harness.")
final class ChurnCommand extends PhoneCommand {

    @Option(names = "--prefix", required = true, description = "This phone's record ids start with it")
    String prefix;

    @Option(names = "--tag", required = true, description = "Written into values so each write is recognisable")
    String tag;

    @Option(names = "--writes", defaultValue = "200")
    int writes;

    @Option(names = "--sync-every", defaultValue = "100")
    int syncEvery;

    @Option(names = "--run-every", defaultValue = "60")
    int runEvery;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Override
    int run(FitSyncClient client) throws Exception {
        Random random = new Random(seed);
        for (int i = 1; i <= writes; i++) {
            List<LocalRecord> mine = client.query(RecordQuery.all("workouts", 10_000)).stream()
                    .filter(r -> r.id().value().startsWith(prefix))
                    .toList();
            int dice = random.nextInt(10);
            String value = tag + "-" + i;
            if (mine.isEmpty() || dice < 4) {
                String id = prefix + tag + "-" + i;
                say("begin put " + id + " " + value);
                client.put("workouts", id, Map.of("name", new Value.Text(value)));
                say("ok put " + id + " " + value);
            } else if (dice < 8) {
                String id = mine.get(random.nextInt(mine.size())).id().value();
                say("begin put " + id + " " + value);
                client.put("workouts", id, Map.of("name", new Value.Text(value)));
                say("ok put " + id + " " + value);
            } else {
                String id = mine.get(random.nextInt(mine.size())).id().value();
                say("begin delete " + id);
                client.delete("workouts", id);
                say("ok delete " + id);
            }
            if (i % runEvery == 0) {
                UUID runId = UUID.randomUUID();
                say("begin run " + runId);
                client.recordRun(run(runId, random));
                say("ok run " + runId);
            }
            if (i % syncEvery == 0 || i == writes) {
                say("syncing");
                SyncStatus end = client.syncNow().get(10, TimeUnit.MINUTES);
                say("sync " + Printer.status(end));
            }
        }
        return 0;
    }

    private void say(String line) {
        out().println(line);
        out().flush();
    }

    /** A 20-minute run with a 1 Hz track somewhere in Berlin, at a random hour of 2026. */
    private static RecordRun run(UUID id, Random random) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * random.nextInt(8_000));
        int seconds = 1_200;
        List<TrackPoint> points = new java.util.ArrayList<>(seconds);
        for (int s = 0; s < seconds; s++) {
            points.add(TrackPoint.of(start.toEpochMilli() + 1000L * s, 52.5 + s * 0.00003, 13.4, 34));
        }
        return new RecordRun(
                id,
                start,
                start.plusSeconds(seconds),
                seconds,
                4_000,
                Source.PHONE,
                Optional.empty(),
                Optional.empty(),
                new Track(points));
    }
}

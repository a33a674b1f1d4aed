package org.fitsync.client.local;

import java.util.Objects;
import org.fitsync.client.remote.FileDeclaration;
import org.fitsync.domain.daily.DeviceSource;
import org.fitsync.domain.daily.SleepReading;
import org.fitsync.domain.daily.StepsReading;
import org.fitsync.domain.run.NewRun;

/**
 * A request the outbox sends outside the record sync: runs go to {@code POST /api/v1/runs} (with their
 * track), device steps and sleep to the ingest endpoints, activity files to {@code POST /api/v1/files} and
 * their signed upload URL (their bytes wait in {@link LocalFiles}). Each holds an already validated value, so
 * what the app was told is recorded is what gets sent.
 */
public sealed interface OutboxOp {

    /** The op's identity in the queue: queueing the same key again replaces the waiting op. */
    String key();

    record SubmitRun(NewRun run) implements OutboxOp {
        public SubmitRun {
            Objects.requireNonNull(run, "run");
        }

        @Override
        public String key() {
            return "run:" + run.id();
        }
    }

    record IngestSteps(DeviceSource source, StepsReading reading) implements OutboxOp {
        public IngestSteps {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(reading, "reading");
        }

        @Override
        public String key() {
            return "steps:" + source.wireName() + ":" + reading.date();
        }
    }

    record IngestSleep(DeviceSource source, SleepReading reading) implements OutboxOp {
        public IngestSleep {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(reading, "reading");
        }

        @Override
        public String key() {
            return "sleep:" + source.wireName() + ":" + reading.date();
        }
    }

    record UploadFile(FileDeclaration file) implements OutboxOp {
        public UploadFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String key() {
            return "file:" + file.id();
        }
    }
}

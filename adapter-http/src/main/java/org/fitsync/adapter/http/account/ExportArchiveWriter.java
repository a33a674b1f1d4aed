package org.fitsync.adapter.http.account;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.fitsync.adapter.http.sync.SyncRecordFiles;
import org.fitsync.domain.UserId;
import org.fitsync.ports.in.account.ExportAccountUseCase;
import org.fitsync.ports.in.sync.PullChangesQuery;
import org.fitsync.ports.in.sync.PullChangesUseCase;
import org.fitsync.ports.out.account.WriteExportArchivePort;

/**
 * The export job's zip, in the same JSON and GPX shapes the API serves (which is why it lives beside
 * the routes): the account's runs, days and the rest from {@link ExportAccountUseCase}, then every
 * live sync record from a first sync's pull, spooled per collection first (the pull holds its
 * snapshot while it streams).
 */
public final class ExportArchiveWriter implements WriteExportArchivePort {

    private final ExportAccountUseCase export;
    private final PullChangesUseCase pull;
    private final ObjectMapper mapper;
    private final Path spool;

    /** {@code spool}: where the sync records wait while the zip is written (the pull spool's directory). */
    public ExportArchiveWriter(ExportAccountUseCase export, PullChangesUseCase pull, ObjectMapper mapper, Path spool) {
        this.export = export;
        this.pull = pull;
        this.mapper = mapper;
        this.spool = spool;
    }

    @Override
    public void write(UserId user, OutputStream out, RunWritten progress) throws IOException {
        Files.createDirectories(spool);
        try (AccountExportZip zip = new AccountExportZip(out, mapper, progress)) {
            export.export(user, zip);
            try (SyncRecordFiles sync = new SyncRecordFiles(spool, mapper)) {
                pull.pull(new PullChangesQuery(user, Optional.empty(), Optional.empty(), OptionalInt.empty()), sync);
                new TreeMap<>(sync.files())
                        .forEach((collection, file) -> zip.file("sync/" + collection + ".json", file));
            }
        }
    }
}

package org.fitsync.application.imports.archive;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import org.fitsync.domain.files.ActivityFile;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.domain.files.FileFormat;
import org.fitsync.domain.files.FileId;
import org.fitsync.domain.imports.ImportJob;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.files.LoadFilePort;
import org.fitsync.ports.out.files.OpenBlobPort;
import org.fitsync.ports.out.imports.ActivityProvider;
import org.fitsync.ports.out.imports.ActivityProviders;
import org.fitsync.ports.out.imports.ProviderResult;
import org.fitsync.ports.out.imports.ReadActivityArchivePort;
import org.fitsync.ports.out.imports.ReadActivityArchivePort.Opening;

/**
 * Opens the uploaded archive a {@code strava_archive} job names, once per run of the job (a resumed job
 * opens it again and continues from its checkpoint). A file that is gone fails the job {@code not_found};
 * an archive the reader refuses fails it with the reader's type; a store that fails parks it.
 */
public final class ArchiveProviders implements ActivityProviders {

    private final TransactionPort transactions;
    private final LoadFilePort files;
    private final OpenBlobPort blobs;
    private final ReadActivityArchivePort archives;
    private final Clock clock;

    public ArchiveProviders(
            TransactionPort transactions,
            LoadFilePort files,
            OpenBlobPort blobs,
            ReadActivityArchivePort archives,
            Clock clock) {
        this.transactions = transactions;
        this.files = files;
        this.blobs = blobs;
        this.archives = archives;
        this.clock = clock;
    }

    @Override
    public ProviderResult<Opened> open(ImportJob job) {
        if (job.file().isEmpty()) {
            return new ProviderResult.NotFound<>("the import names no file");
        }
        FileId id = job.file().get();
        Optional<ActivityFile> file = transactions.inUserSnapshot(job.user(), () -> files.load(job.user(), id));
        if (file.isEmpty()) {
            return new ProviderResult.NotFound<>("the archive file is gone");
        }
        if (file.get().format() != FileFormat.ZIP) {
            return new ProviderResult.Refused<>("archive_invalid", "the file is not a ZIP archive");
        }
        try {
            Optional<InputStream> bytes = blobs.open(new BlobKey(job.user(), id));
            if (bytes.isEmpty()) {
                return new ProviderResult.NotFound<>("the archive's bytes are not in the store");
            }
            Opening opening;
            try (InputStream zip = bytes.get()) {
                opening = archives.open(zip);
            }
            if (opening instanceof Opening.Refused refused) {
                return new ProviderResult.Refused<>(refused.type(), refused.detail());
            }
            ReadActivityArchivePort.ActivityArchive archive = ((Opening.Opened) opening).archive();
            ArchiveActivityProvider provider = new ArchiveActivityProvider(archive, clock);
            return new ProviderResult.Ok<>(new Opened() {
                @Override
                public ActivityProvider provider() {
                    return provider;
                }

                @Override
                public void close() {
                    archive.close();
                }
            });
        } catch (IOException e) {
            return new ProviderResult.Unavailable<>(
                    "the archive could not be read from the store",
                    clock.instant().plusSeconds(30));
        }
    }
}

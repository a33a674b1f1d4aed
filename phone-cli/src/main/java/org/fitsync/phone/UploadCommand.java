package org.fitsync.phone;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fitsync.client.FitSyncClient;
import org.fitsync.client.UploadFileOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "upload",
        description =
                "Queue an activity file (.fit, .gpx, .tcx, .zip, optionally .gz) for the next sync; prints its id.")
final class UploadCommand extends PhoneCommand {

    @Parameters(index = "0", description = "The file; the phone keeps its own copy until the server has it")
    Path path;

    @Option(names = "--name", description = "The file name to declare (default: the path's file name)")
    String name;

    @Override
    int run(FitSyncClient client) throws Exception {
        String filename = name == null ? path.getFileName().toString() : name;
        UploadFileOutcome outcome;
        try (InputStream bytes = Files.newInputStream(path)) {
            outcome = client.uploadActivityFile(filename, bytes);
        }
        if (outcome instanceof UploadFileOutcome.Invalid invalid) {
            invalid.errors().forEach(e -> err().println(e.field() + ": " + e.message()));
            return 2;
        }
        out().println(((UploadFileOutcome.Queued) outcome).id());
        return 0;
    }
}

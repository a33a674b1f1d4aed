package org.fitsync.adapter.http.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.fitsync.domain.account.AccountExport;
import org.fitsync.ports.in.account.GetAccountExportUseCase.DownloadLink;

/** The export job resource: state and progress, and once done its size and a signed download link. */
final class ExportResource {

    private ExportResource() {}

    static Map<String, Object> of(AccountExport job, Optional<DownloadLink> download) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", job.id().toString());
        json.put("state", job.state().wireName());
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("runs_done", job.runsDone());
        progress.put("runs_total", job.runsTotal());
        json.put("progress", progress);
        json.put("created_at", job.createdAt().toString());
        job.finishedAt().ifPresent(at -> json.put("finished_at", at.toString()));
        job.sizeBytes().ifPresent(size -> json.put("size_bytes", size));
        job.error().ifPresent(error -> json.put("error", error));
        download.ifPresent(link -> {
            json.put("download_url", link.url().toString());
            json.put("expires_at", link.expiresAt().toString());
        });
        return json;
    }
}

package org.fitsync.adapter.http.imports;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fitsync.domain.imports.ImportJob;
import org.fitsync.domain.imports.ImportProgress;

/** The import resource of docs/api.md, built from a job. */
final class ImportResource {

    private ImportResource() {}

    static Map<String, Object> of(ImportJob job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", job.id().toString());
        body.put("provider", job.provider());
        job.file().ifPresent(file -> body.put("file_id", file.toString()));
        body.put("state", job.state().wireName());
        body.put("phase", job.phase().wireName());
        ImportProgress p = job.progress();
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("fetched", p.fetched());
        progress.put("imported", p.imported());
        progress.put("skipped_duplicate", p.skippedDuplicate());
        progress.put("skipped_not_run", p.skippedNotRun());
        progress.put("failed", p.failed());
        progress.put(
                "estimated_total",
                p.estimatedTotal().isPresent() ? p.estimatedTotal().getAsInt() : null);
        body.put("progress", progress);
        job.resumeAt().ifPresent(at -> body.put("resume_at", at.toString()));
        job.error().ifPresent(e -> body.put("error", Map.of("type", e.type(), "detail", e.detail())));
        body.put("created_at", job.createdAt().toString());
        job.finishedAt().ifPresent(at -> body.put("finished_at", at.toString()));
        return body;
    }
}

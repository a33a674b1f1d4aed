package org.fitsync.adapter.http.files;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.fitsync.domain.files.ActivityFile;
import org.fitsync.domain.files.UploadTarget;

/** The file resource of docs/api.md (Activity files): absent optional members are left out. */
final class FileResource {

    private FileResource() {}

    static Map<String, Object> of(ActivityFile file, Optional<UploadTarget> upload) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", file.id().toString());
        json.put("filename", file.filename());
        json.put("size", file.size());
        json.put("sha256", file.sha256().hex());
        json.put("format", file.format().wireName());
        file.contentType().ifPresent(t -> json.put("content_type", t));
        json.put("state", file.state().wireName());
        file.runId().ifPresent(id -> json.put("run_id", id.toString()));
        file.reason().ifPresent(reason -> json.put("reason", reason));
        file.error().ifPresent(error -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("type", error.type());
            e.put("detail", error.detail());
            json.put("error", e);
        });
        json.put("created_at", file.createdAt().toString());
        upload.ifPresent(target -> {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("url", target.url().toString());
            u.put("method", target.method());
            u.put("headers", target.headers());
            u.put("expires_at", target.expiresAt().toString());
            json.put("upload", u);
        });
        return json;
    }
}

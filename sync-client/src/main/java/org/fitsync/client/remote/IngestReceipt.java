package org.fitsync.client.remote;

import java.util.List;
import org.fitsync.domain.FieldError;

/** The per-item results of a steps or sleep ingest ({@code 200}, or {@code 207} when some item was refused). */
public record IngestReceipt(List<ItemResult> results) {

    public IngestReceipt {
        results = List.copyOf(results);
    }

    /** {@code status} is {@code stored} or {@code kept_manual}, or {@code "error"} with the field errors. */
    public record ItemResult(int index, String status, List<FieldError> errors) {
        public ItemResult {
            errors = List.copyOf(errors);
        }

        public boolean accepted() {
            return !"error".equals(status);
        }
    }
}

package org.fitsync.phone;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import org.fitsync.client.local.ItemFailure;
import org.fitsync.client.local.LocalRecord;
import org.fitsync.client.status.SyncStatus;
import org.fitsync.domain.sync.Value;

/** Prints records as one JSON object per line, and statuses as one human line. */
final class Printer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Printer() {}

    static String record(LocalRecord record) {
        return node(record).toString();
    }

    /** The record with its collection, for listings of several collections. */
    static String recordOf(LocalRecord record) {
        return node(record).put("_collection", record.collection()).toString();
    }

    private static ObjectNode node(LocalRecord record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", record.id().value());
        record.values().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> put(node, e.getKey(), e.getValue()));
        node.put("created_at", record.createdAt());
        node.put("updated_at", record.updatedAt());
        node.put("_status", record.state().name().toLowerCase(java.util.Locale.ROOT));
        record.failure().ifPresent(f -> node.put("_failure", failure(f)));
        return node;
    }

    static String failure(ItemFailure failure) {
        StringBuilder text = new StringBuilder(failure.reason().name().toLowerCase(java.util.Locale.ROOT))
                .append(": ")
                .append(failure.detail());
        failure.status().ifPresent(s -> text.append(" (HTTP ").append(s).append(')'));
        failure.errors()
                .forEach(e -> text.append("; ").append(e.field()).append(": ").append(e.message()));
        return text.toString();
    }

    /** An op of the outbox: its key, and for a queued file its name, size and SHA-256. */
    static String op(org.fitsync.client.local.QueuedOp op) {
        if (op.op() instanceof org.fitsync.client.local.OutboxOp.UploadFile upload) {
            return op.key() + " filename=\"" + upload.file().filename() + "\" size="
                    + upload.file().size() + " sha256=" + upload.file().sha256();
        }
        return op.key();
    }

    static String status(SyncStatus status) {
        StringBuilder line = new StringBuilder(status.state().name().toLowerCase(java.util.Locale.ROOT));
        line.append(" pending=").append(status.pendingCount());
        line.append(" failed=").append(status.failedCount());
        line.append(" last_synced=")
                .append(status.lastSyncedAt()
                        .map(DateTimeFormatter.ISO_INSTANT::format)
                        .orElse("never"));
        if (status.progress().toUpload() > 0 || status.progress().downloaded() > 0) {
            line.append(" up=")
                    .append(status.progress().uploaded())
                    .append('/')
                    .append(status.progress().toUpload());
            line.append(" down=").append(status.progress().downloaded());
        }
        status.lastError().ifPresent(e -> {
            line.append(" error=\"").append(e.message()).append('"');
            e.nextAttemptAt()
                    .ifPresent(at -> line.append(" retry_at=").append(DateTimeFormatter.ISO_INSTANT.format(at)));
        });
        return line.toString();
    }

    private static void put(ObjectNode node, String name, Value value) {
        if (value instanceof Value.Text text) {
            node.put(name, text.value());
        } else if (value instanceof Value.Num number) {
            if (number.isSafeInteger()) {
                node.put(name, (long) number.value()); // as JavaScript prints it: 1795158000000, not 1.795158E12
            } else {
                node.put(name, number.value());
            }
        } else if (value instanceof Value.Bool bool) {
            node.put(name, bool.value());
        } else {
            node.putNull(name);
        }
    }
}

package org.fitsync.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.fitsync.application.sync.SyncSettings;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.CollectionRegistry;
import org.fitsync.domain.sync.Column;
import org.fitsync.domain.sync.ColumnType;
import org.fitsync.domain.sync.ConflictStrategy;

/**
 * The sync engine's configuration: {@code FITSYNC_TOMBSTONE_RETENTION} (default 90d, {@code 0}
 * keeps tombstones forever), {@code FITSYNC_SPOOL_DIR} (where pull responses too large for the heap
 * wait for their client; default the system's temporary directory), {@code FITSYNC_EVENTS_HEARTBEAT}
 * (how often an idle change-event stream gets a heartbeat comment; default 15s) and {@code FITSYNC_COLLECTIONS_FILE},
 * a JSON file of extra collections:
 * <pre>{"collections": [{"name": "journal_entries", "strategy": "last_write_wins",
 *   "columns": [{"name": "title", "type": "string"}, {"name": "mood", "type": "number"}]}]}</pre>
 * Column options: {@code "optional"} (default true) and {@code "read_only"} (default false). The file is
 * read with the rest of the configuration, so a bad one stops start-up before the database is touched.
 */
public record SyncConfig(
        SyncSettings settings, CollectionRegistry registry, Path spoolDirectory, Duration eventsHeartbeat) {

    static final String RETENTION = "FITSYNC_TOMBSTONE_RETENTION";
    static final String COLLECTIONS_FILE = "FITSYNC_COLLECTIONS_FILE";
    static final String SPOOL_DIR = "FITSYNC_SPOOL_DIR";
    static final String EVENTS_HEARTBEAT = "FITSYNC_EVENTS_HEARTBEAT";

    static SyncConfig from(Environment env, Duration maxClockSkew, ObjectMapper json) {
        Duration retention = env.duration(RETENTION, SyncSettings.DEFAULT_RETENTION);
        CollectionRegistry registry = CollectionRegistry.defaults();
        Optional<String> file = env.string(COLLECTIONS_FILE);
        if (file.isPresent()) {
            registry = registry.withAll(readCollections(env.path(COLLECTIONS_FILE, file.get()), json));
        }
        Path spool = env.path(SPOOL_DIR, System.getProperty("java.io.tmpdir"));
        if (!Files.isDirectory(spool) || !Files.isWritable(spool)) {
            throw new ConfigException(SPOOL_DIR, "must be a writable directory: " + spool);
        }
        Duration heartbeat = env.duration(EVENTS_HEARTBEAT, Duration.ofSeconds(15));
        if (heartbeat.isZero() || heartbeat.isNegative()) {
            throw new ConfigException(EVENTS_HEARTBEAT, "must be positive");
        }
        return new SyncConfig(new SyncSettings(maxClockSkew, retention), registry, spool, heartbeat);
    }

    static List<Collection> readCollections(Path file, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException(COLLECTIONS_FILE, "cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || !root.path("collections").isArray()) {
            throw new ConfigException(COLLECTIONS_FILE, "must hold {\"collections\": [...]}");
        }
        List<Collection> collections = new ArrayList<>();
        for (JsonNode node : root.get("collections")) {
            try {
                collections.add(collection(node));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        COLLECTIONS_FILE, "collection " + node.path("name").asText("?") + ": " + e.getMessage());
            }
        }
        return collections;
    }

    private static Collection collection(JsonNode node) {
        List<Column> columns = new ArrayList<>();
        for (JsonNode column : node.path("columns")) {
            ColumnType type;
            try {
                type = ColumnType.valueOf(column.path("type").asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("column type must be string, number or boolean");
            }
            columns.add(new Column(
                    column.path("name").asText(),
                    type,
                    column.path("optional").asBoolean(true),
                    column.path("read_only").asBoolean(false)));
        }
        return new Collection(
                node.path("name").asText(),
                columns,
                strategy(node.path("strategy").asText("last_write_wins")));
    }

    private static ConflictStrategy strategy(String name) {
        return switch (name) {
            case "last_write_wins" -> ConflictStrategy.LAST_WRITE_WINS;
            case "server_wins" -> ConflictStrategy.SERVER_WINS;
            case "client_wins" -> ConflictStrategy.CLIENT_WINS;
            default ->
                throw new IllegalArgumentException(
                        "strategy must be last_write_wins, server_wins or client_wins, got " + name);
        };
    }
}

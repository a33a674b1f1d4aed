package org.fitsync.adapter.postgres.account;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fitsync.adapter.postgres.PostgresTransactions;
import org.fitsync.domain.UserId;
import org.fitsync.domain.files.BlobKey;
import org.fitsync.domain.files.FileId;
import org.fitsync.ports.out.account.EraseAccountDataPort;
import org.jdbi.v3.core.Handle;

/**
 * Deletes a user's rows from every table that has a {@code user_id} column, found in the schema at the
 * time of the erasure: a table added later is erased without anyone remembering to list it here (the
 * erasure test scans every column of every table for the user, so a table that names users any other
 * way fails it). Rows of other users that name the user go through {@code erase_references_to_me()}
 * (V99), the one narrow way across row-level security.
 */
public final class PostgresAccountErasure implements EraseAccountDataPort {

    /**
     * The tables whose order matters, children first; tables not listed go before them (a newer table
     * can only reference older ones), and {@code sync_state}, the user's write lock, goes last.
     */
    static final List<String> ORDER = List.of(
            "sleep_records",
            "daily_entries",
            "runs",
            "sync_records",
            "sync_purge_horizons",
            "pairing_codes",
            "coach_links",
            "import_jobs",
            "provider_connections",
            "activity_files",
            "sync_state");

    @Override
    public List<BlobKey> storedFiles(UserId user) {
        Handle handle = PostgresTransactions.handle();
        List<BlobKey> keys =
                new ArrayList<>(handle.createQuery("SELECT id FROM activity_files WHERE user_id = :user ORDER BY id")
                        .bind("user", user.value())
                        .mapTo(UUID.class)
                        .map(id -> new BlobKey(user, new FileId(id)))
                        .list());
        // Account exports keep their zips in the blob store too, under keys of their own (V104).
        keys.addAll(handle.createQuery("SELECT id FROM account_exports WHERE user_id = :user ORDER BY id")
                .bind("user", user.value())
                .mapTo(UUID.class)
                .map(id -> BlobKey.export(user, id))
                .list());
        return keys;
    }

    @Override
    public Erased erase(UserId user) {
        Handle handle = PostgresTransactions.handle();
        // The user's write lock first: a write of theirs that is under way commits before the deletes
        // look, and one that starts now waits for them (and then writes into an empty account).
        handle.createUpdate("""
                        INSERT INTO sync_state (user_id, version) VALUES (:user, 0)
                        ON CONFLICT (user_id) DO UPDATE SET updated_at = now()""").bind("user", user.value()).execute();
        List<BlobKey> files = storedFiles(user);
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : tablesInDeleteOrder(handle)) {
            // The table name comes from the catalog and is quoted; only the user is a parameter.
            int deleted = handle.createUpdate(
                            "DELETE FROM \"" + table.replace("\"", "\"\"") + "\" WHERE user_id = :user")
                    .bind("user", user.value())
                    .execute();
            rows.merge(table, (long) deleted, Long::sum);
        }
        Map<String, Object> references = handle.createQuery(
                        "SELECT coach_links_as_client, pairing_codes_redeemed, client_days_edited"
                                + " FROM erase_references_to_me()")
                .mapToMap()
                .one();
        rows.merge("coach_links", number(references.get("coach_links_as_client")), Long::sum);
        rows.merge("pairing_codes", number(references.get("pairing_codes_redeemed")), Long::sum);
        rows.merge("daily_entries", number(references.get("client_days_edited")), Long::sum);
        return new Erased(rows, files);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Every base table of the schema with a {@code user_id} column, unknown ones first, then {@link #ORDER}. */
    private static List<String> tablesInDeleteOrder(Handle handle) {
        List<String> present = handle.createQuery("""
                        SELECT c.table_name FROM information_schema.columns c
                          JOIN information_schema.tables t
                            ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                         WHERE c.table_schema = current_schema() AND c.column_name = 'user_id'
                           AND t.table_type = 'BASE TABLE'
                         ORDER BY c.table_name""").mapTo(String.class).list();
        List<String> ordered = new ArrayList<>();
        present.stream().filter(table -> !ORDER.contains(table)).forEach(ordered::add);
        ORDER.stream().filter(present::contains).forEach(ordered::add);
        return ordered;
    }
}

package org.fitsync.phone;

import java.util.List;
import java.util.Map;
import org.fitsync.client.FitSyncClient;
import org.fitsync.client.local.LocalRecord;
import org.fitsync.client.local.RecordQuery;
import org.fitsync.domain.sync.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "list",
        description = "Print a collection's live records (or, without one, every collection's, each with its "
                + "\"_collection\"), one JSON object per line, by id.")
final class ListCommand extends PhoneCommand {

    private static final int PAGE = 1_000;

    @Parameters(index = "0", arity = "0..1")
    String collection;

    @Option(names = "--where", description = "column=value")
    String where;

    @Override
    int run(FitSyncClient client) {
        if (collection == null) {
            for (var each :
                    org.fitsync.domain.sync.CollectionRegistry.defaults().all()) {
                print(client, RecordQuery.all(each.name(), PAGE), true);
            }
            return 0;
        }
        RecordQuery query = RecordQuery.all(collection, PAGE);
        if (where != null) {
            Map<String, Value> condition = Values.parse(spec, collection, List.of(where));
            Map.Entry<String, Value> only = condition.entrySet().iterator().next();
            query = RecordQuery.where(collection, only.getKey(), only.getValue(), PAGE);
        }
        print(client, query, false);
        return 0;
    }

    private void print(FitSyncClient client, RecordQuery first, boolean withCollection) {
        RecordQuery query = first;
        while (true) {
            List<LocalRecord> page = client.query(query);
            page.forEach(r -> out().println(withCollection ? Printer.recordOf(r) : Printer.record(r)));
            if (page.size() < PAGE) {
                return;
            }
            query = query.after(page.get(page.size() - 1).id().value());
        }
    }
}

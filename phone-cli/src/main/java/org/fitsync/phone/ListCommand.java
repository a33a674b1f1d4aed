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

@Command(name = "list", description = "Print a collection's live records, one JSON object per line, by id.")
final class ListCommand extends PhoneCommand {

    private static final int PAGE = 1_000;

    @Parameters(index = "0")
    String collection;

    @Option(names = "--where", description = "column=value")
    String where;

    @Override
    int run(FitSyncClient client) {
        RecordQuery query = RecordQuery.all(collection, PAGE);
        if (where != null) {
            Map<String, Value> condition = Values.parse(spec, collection, List.of(where));
            Map.Entry<String, Value> only = condition.entrySet().iterator().next();
            query = RecordQuery.where(collection, only.getKey(), only.getValue(), PAGE);
        }
        while (true) {
            List<LocalRecord> page = client.query(query);
            page.forEach(r -> out().println(Printer.record(r)));
            if (page.size() < PAGE) {
                return 0;
            }
            query = query.after(page.get(page.size() - 1).id().value());
        }
    }
}

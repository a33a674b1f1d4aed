package org.fitsync.phone;

import java.util.List;
import org.fitsync.client.FitSyncClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "put", description = "Set columns of a record (creating it): put workouts w1 name=Legs notes=heavy")
final class PutCommand extends PhoneCommand {

    @Parameters(index = "0", description = "Collection, e.g. workouts")
    String collection;

    @Parameters(index = "1", description = "Record id: 1-64 of [A-Za-z0-9_.-]")
    String id;

    @Parameters(index = "2..*", arity = "1..*", description = "column=value (null clears)")
    List<String> assignments;

    @Override
    int run(FitSyncClient client) {
        client.put(collection, id, Values.parse(spec, collection, assignments))
                .ifPresentOrElse(r -> out().println(Printer.record(r)), () -> out().println("unchanged"));
        return 0;
    }
}

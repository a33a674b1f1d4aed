package org.fitsync.ports.in.sync;

import java.util.List;
import java.util.Map;

/** WatermelonDB's migration sync: tables and columns the client's schema added since {@code from}. */
public record Migration(int from, List<String> tables, Map<String, List<String>> columns) {

    public Migration {
        tables = List.copyOf(tables);
        columns = Map.copyOf(columns);
    }
}

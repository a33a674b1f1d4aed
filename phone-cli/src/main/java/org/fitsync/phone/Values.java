package org.fitsync.phone;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fitsync.domain.sync.Collection;
import org.fitsync.domain.sync.CollectionRegistry;
import org.fitsync.domain.sync.Column;
import org.fitsync.domain.sync.Value;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Reads {@code column=value} arguments by the column's declared type; {@code null} clears a column. */
final class Values {

    private Values() {}

    static Map<String, Value> parse(CommandSpec spec, String collectionName, List<String> assignments) {
        Collection collection = CollectionRegistry.defaults()
                .find(collectionName)
                .orElseThrow(
                        () -> new ParameterException(spec.commandLine(), "not a synced collection: " + collectionName));
        Map<String, Value> values = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq < 1) {
                throw new ParameterException(spec.commandLine(), "expected column=value, got: " + assignment);
            }
            String name = assignment.substring(0, eq);
            String text = assignment.substring(eq + 1);
            Column column = collection
                    .column(name)
                    .orElseThrow(() ->
                            new ParameterException(spec.commandLine(), collectionName + " has no column " + name));
            values.put(name, parse(spec, column, text));
        }
        return values;
    }

    private static Value parse(CommandSpec spec, Column column, String text) {
        if (text.equals("null")) {
            return Value.NULL;
        }
        return switch (column.type()) {
            case NUMBER -> number(spec, column, text);
            case BOOLEAN -> bool(spec, column, text);
            case STRING -> new Value.Text(text);
        };
    }

    private static Value number(CommandSpec spec, Column column, String text) {
        try {
            return new Value.Num(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), column.name() + " is a number, got: " + text);
        }
    }

    private static Value bool(CommandSpec spec, Column column, String text) {
        if (text.equals("true") || text.equals("false")) {
            return new Value.Bool(Boolean.parseBoolean(text));
        }
        throw new ParameterException(spec.commandLine(), column.name() + " is true or false, got: " + text);
    }
}

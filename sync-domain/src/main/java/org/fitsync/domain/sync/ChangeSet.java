package org.fitsync.domain.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fitsync.domain.FieldError;

/** A validated, sanitised push: per collection, the records to upsert (in order) and the ids to delete. */
public record ChangeSet(List<CollectionChanges> collections) {

    public ChangeSet {
        collections = List.copyOf(collections);
    }

    public record CollectionChanges(Collection collection, List<PushedRecord> upserts, List<RecordId> deletes) {
        public CollectionChanges {
            upserts = List.copyOf(upserts);
            deletes = List.copyOf(deletes);
        }
    }

    public int size() {
        return collections.stream()
                .mapToInt(c -> c.upserts().size() + c.deletes().size())
                .sum();
    }

    /** Either a change set or the reasons the push is invalid. */
    public sealed interface Parsed {
        record Valid(ChangeSet changes) implements Parsed {}

        record Invalid(List<FieldError> violations) implements Parsed {}
    }

    /**
     * Validates raw changes against the registry: an unknown collection or a malformed record id
     * makes the whole push invalid (docs/api.md: 422); everything else is sanitised.
     */
    public static Parsed parse(CollectionRegistry registry, RawChanges raw, ClockPolicy clock) {
        List<FieldError> violations = new ArrayList<>();
        List<CollectionChanges> result = new ArrayList<>();
        for (Map.Entry<String, RawChanges.Section> entry : raw.collections().entrySet()) {
            String name = entry.getKey();
            var collection = registry.find(name);
            if (!collection.isPresent()) {
                violations.add(new FieldError("changes." + name, "is not a known collection"));
                continue;
            }
            RawChanges.Section section = entry.getValue();
            List<PushedRecord> upserts = new ArrayList<>();
            readRecords(
                    collection.get(), section.created(), "changes." + name + ".created", clock, upserts, violations);
            readRecords(
                    collection.get(), section.updated(), "changes." + name + ".updated", clock, upserts, violations);
            List<RecordId> deletes = new ArrayList<>();
            for (int i = 0; i < section.deleted().size(); i++) {
                Value id = section.deleted().get(i);
                if (id instanceof Value.Text text && RecordId.isValid(text.value())) {
                    deletes.add(new RecordId(text.value()));
                } else {
                    violations.add(new FieldError("changes." + name + ".deleted[" + i + "]", idMessage()));
                }
            }
            result.add(new CollectionChanges(collection.get(), upserts, deletes));
        }
        return violations.isEmpty()
                ? new Parsed.Valid(new ChangeSet(result))
                : new Parsed.Invalid(List.copyOf(violations));
    }

    private static void readRecords(
            Collection collection,
            List<Map<String, Value>> records,
            String path,
            ClockPolicy clock,
            List<PushedRecord> out,
            List<FieldError> violations) {
        for (int i = 0; i < records.size(); i++) {
            Map<String, Value> raw = records.get(i);
            Value id = raw.get("id");
            if (id instanceof Value.Text text && RecordId.isValid(text.value())) {
                out.add(RecordSanitizer.sanitise(collection, new RecordId(text.value()), raw, clock));
            } else {
                violations.add(new FieldError(path + "[" + i + "].id", idMessage()));
            }
        }
    }

    private static String idMessage() {
        return "must be a string of 1..64 characters of [A-Za-z0-9_.-]";
    }
}

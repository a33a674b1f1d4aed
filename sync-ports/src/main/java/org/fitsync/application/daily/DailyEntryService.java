package org.fitsync.application.daily;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.fitsync.domain.UserId;
import org.fitsync.domain.daily.DailyEntry;
import org.fitsync.domain.daily.IngestStatus;
import org.fitsync.domain.daily.ManualAuthor;
import org.fitsync.domain.daily.ManualEdit;
import org.fitsync.domain.daily.SleepReading;
import org.fitsync.domain.daily.StepsReading;
import org.fitsync.ports.in.daily.ApplyPushedEntryUseCase;
import org.fitsync.ports.in.daily.IngestSleepCommand;
import org.fitsync.ports.in.daily.IngestSleepUseCase;
import org.fitsync.ports.in.daily.IngestStepsCommand;
import org.fitsync.ports.in.daily.IngestStepsUseCase;
import org.fitsync.ports.in.daily.ListDailyEntriesQuery;
import org.fitsync.ports.in.daily.ListDailyEntriesUseCase;
import org.fitsync.ports.in.daily.PushedEntryChange;
import org.fitsync.ports.in.daily.RecordManualEntryCommand;
import org.fitsync.ports.in.daily.RecordManualEntryUseCase;
import org.fitsync.ports.out.SyncVersionPort;
import org.fitsync.ports.out.TransactionPort;
import org.fitsync.ports.out.daily.LoadDailyEntriesPort;
import org.fitsync.ports.out.daily.SaveDailyEntryPort;

/**
 * Daily entries: device batches, manual values and the history. Every write first works out the
 * result on what it read; only if something would change does it claim a sync version (the
 * user's write lock) and work it out again on what it reads under that lock. So a re-sent batch
 * writes nothing and takes no version, and concurrent writers never lose each other's values.
 */
public final class DailyEntryService
        implements IngestStepsUseCase,
                IngestSleepUseCase,
                RecordManualEntryUseCase,
                ListDailyEntriesUseCase,
                ApplyPushedEntryUseCase {

    private final TransactionPort transactions;
    private final SyncVersionPort versions;
    private final LoadDailyEntriesPort load;
    private final SaveDailyEntryPort save;

    /** The storage behind daily entries; one adapter usually implements all three. */
    public record Storage(LoadDailyEntriesPort load, SaveDailyEntryPort save) {}

    public DailyEntryService(TransactionPort transactions, SyncVersionPort versions, Storage storage) {
        this.transactions = transactions;
        this.versions = versions;
        this.load = storage.load();
        this.save = storage.save();
    }

    @Override
    public List<IngestStatus> ingestSteps(IngestStepsCommand command) {
        return ingest(
                command.user(),
                command.readings(),
                StepsReading::date,
                (entry, reading) -> entry.ingestSteps(command.source(), reading.steps()));
    }

    @Override
    public List<IngestStatus> ingestSleep(IngestSleepCommand command) {
        return ingest(
                command.user(),
                command.readings(),
                SleepReading::date,
                (entry, reading) -> entry.ingestSleep(command.source(), reading.record()));
    }

    @Override
    public DailyEntry record(RecordManualEntryCommand command) {
        Plan<DailyEntry> plan = writeWhenChanged(
                command.owner(),
                List.of(command.date()),
                days -> edit(days, command.date(), command.edit(), command.author()));
        return plan.result();
    }

    @Override
    public Optional<DailyEntry> apply(PushedEntryChange change) {
        UserId user = change.user();
        LocalDate date = change.date();
        return transactions.inUserTransaction(user, () -> {
            if (change instanceof PushedEntryChange.Edited edited) {
                Plan<DailyEntry> plan =
                        edit(load.loadDays(user, List.of(date)), date, edited.edit(), ManualAuthor.owner());
                save.saveDays(user, plan.changed(), change.version());
                return Optional.of(plan.result());
            }
            save.deleteDay(user, date, change.version());
            return Optional.empty();
        });
    }

    @Override
    public List<DailyEntry> list(ListDailyEntriesQuery query) {
        return transactions.inUserSnapshot(query.user(), () -> load.loadRange(query.user(), query.from(), query.to()));
    }

    /** What a write would leave behind: its result and the days that differ from what was read. */
    private record Plan<R>(R result, Collection<DailyEntry> changed) {}

    private <T> List<IngestStatus> ingest(
            UserId user,
            List<T> readings,
            Function<T, LocalDate> dateOf,
            BiFunction<DailyEntry, T, DailyEntry.Ingested> merge) {
        Set<LocalDate> dates = new LinkedHashSet<>();
        readings.forEach(reading -> dates.add(dateOf.apply(reading)));
        return writeWhenChanged(user, dates, stored -> {
                    Map<LocalDate, DailyEntry> days = new LinkedHashMap<>(stored);
                    List<IngestStatus> statuses = new ArrayList<>(readings.size());
                    for (T reading : readings) {
                        LocalDate date = dateOf.apply(reading);
                        DailyEntry.Ingested ingested =
                                merge.apply(days.getOrDefault(date, DailyEntry.empty(date)), reading);
                        days.put(date, ingested.entry());
                        statuses.add(ingested.status());
                    }
                    return new Plan<>(statuses, changedDays(stored, days.values()));
                })
                .result();
    }

    private static Plan<DailyEntry> edit(
            Map<LocalDate, DailyEntry> stored, LocalDate date, ManualEdit edit, ManualAuthor author) {
        DailyEntry next = stored.getOrDefault(date, DailyEntry.empty(date)).edit(edit, author);
        return new Plan<>(next, changedDays(stored, List.of(next)));
    }

    private <R> Plan<R> writeWhenChanged(
            UserId user, Collection<LocalDate> dates, Function<Map<LocalDate, DailyEntry>, Plan<R>> decide) {
        return transactions.inUserTransaction(user, () -> {
            Plan<R> optimistic = decide.apply(load.loadDays(user, dates));
            if (optimistic.changed().isEmpty()) {
                return optimistic;
            }
            long version = versions.claimNextVersion(user);
            // Under the lock another writer's committed values are visible: decide again on them.
            Plan<R> locked = decide.apply(load.loadDays(user, dates));
            save.saveDays(user, locked.changed(), version);
            return locked;
        });
    }

    private static List<DailyEntry> changedDays(Map<LocalDate, DailyEntry> stored, Collection<DailyEntry> next) {
        return next.stream()
                .filter(day -> !day.equals(stored.getOrDefault(day.date(), DailyEntry.empty(day.date()))))
                .toList();
    }
}

package org.fitsync.harness.phone;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the phones' {@code churn} output says each record must be. An {@code ok} line means the write was
 * durable: the record is that now. A {@code begin} line without its {@code ok} (the process was killed in
 * between) leaves two possibilities, the state before and the state after.
 */
final class ChurnLedger {

    /** A record's state: its name, or absent. */
    static final String ABSENT = "<absent>";

    private final Map<String, Set<String>> possible = new TreeMap<>();
    private final Set<String> confirmedRuns = new LinkedHashSet<>();
    private final Set<String> begunRuns = new HashSet<>();
    private int confirmedWrites;
    private int uncertainWrites;

    /** Reads one churn process's output, in order. */
    void read(List<String> lines) {
        String begun = null;
        for (String line : lines) {
            String[] words = line.split(" ");
            if (words[0].equals("begin")) {
                begun = line;
                if (words[1].equals("run")) {
                    begunRuns.add(words[2]);
                }
            } else if (words[0].equals("ok")) {
                begun = null;
                confirmedWrites++;
                if (words[1].equals("run")) {
                    confirmedRuns.add(words[2]);
                } else {
                    possible.put(words[2], new HashSet<>(Set.of(stateAfter(words))));
                }
            }
        }
        if (begun != null) {
            uncertainWrites++;
            String[] words = begun.split(" ");
            if (!words[1].equals("run")) {
                possible.computeIfAbsent(words[2], id -> new HashSet<>(Set.of(ABSENT)))
                        .add(stateAfter(words));
            }
        }
    }

    private static String stateAfter(String[] words) {
        return words[1].equals("delete") ? ABSENT : words[3];
    }

    Map<String, Set<String>> possibleStates() {
        return possible;
    }

    Set<String> confirmedRuns() {
        return confirmedRuns;
    }

    boolean mayExist(String runId) {
        return begunRuns.contains(runId);
    }

    int confirmedWrites() {
        return confirmedWrites;
    }

    int uncertainWrites() {
        return uncertainWrites;
    }

    /** The state of {@code id} in {@code names} (id → name). */
    static String stateIn(Map<String, String> names, String id) {
        return Optional.ofNullable(names.get(id)).orElse(ABSENT);
    }
}

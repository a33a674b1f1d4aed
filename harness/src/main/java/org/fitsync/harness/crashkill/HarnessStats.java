package org.fitsync.harness.crashkill;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of one crash-kill run and the findings (anything that is not what the clients intended). */
final class HarnessStats {

    final AtomicLong requests = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong lostResponses = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong retriedToSuccess = new AtomicLong();
    final AtomicLong resentAlreadyApplied = new AtomicLong();
    final AtomicLong pushes = new AtomicLong();
    final AtomicLong pushedRecordChanges = new AtomicLong();
    final AtomicLong runsSubmitted = new AtomicLong();
    final AtomicLong runPatches = new AtomicLong();
    final AtomicLong runDeletes = new AtomicLong();
    final AtomicLong pulls = new AtomicLong();
    final AtomicLong serverErrors = new AtomicLong();
    final AtomicLong hungRequests = new AtomicLong();
    private final List<String> findings = Collections.synchronizedList(new ArrayList<>());

    void finding(String what) {
        findings.add(what);
        if (findings.size() <= 50) {
            System.out.println("MISMATCH " + what);
        }
    }

    List<String> findings() {
        synchronized (findings) {
            return List.copyOf(findings);
        }
    }
}

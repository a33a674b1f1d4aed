package org.fitsync.domain.files;

/**
 * What an activity file says was done. FitSync keeps runs only: running, trail running, treadmill and
 * virtual runs are runs; everything else (cycling, swimming, ...) is skipped with the file's own name
 * for it as the reason.
 */
public record ActivityKind(String sport, boolean run) {

    public static ActivityKind running(String sport) {
        return new ActivityKind(sport, true);
    }

    public static ActivityKind other(String sport) {
        return new ActivityKind(sport, false);
    }
}

package org.fitsync.domain.daily;

/** The values of a daily entry that can be entered manually (and so appear in {@code manual_fields}). */
public enum Metric {
    STEPS("steps"),
    SLEEP_MIN("sleep_min"),
    SLEEP_QUALITY("sleep_quality"),
    NOTES("notes");

    private final String wireName;

    Metric(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}

package org.fitsync.domain.files;

/** The outcome of reading an activity file: what it recorded, or why it cannot be read. */
public sealed interface FileReading {

    /** The file was read. */
    record Read(ActivityRecording recording) implements FileReading {}

    /**
     * The file cannot be read: {@code type} is stable and machine-readable ({@code corrupt},
     * {@code truncated}, {@code unsupported}, {@code too_large}, {@code unsafe_xml}, {@code empty}),
     * {@code detail} says what was wrong for a person, without any of the file's content.
     */
    record Unreadable(String type, String detail) implements FileReading {}
}

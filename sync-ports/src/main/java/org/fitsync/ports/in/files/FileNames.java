package org.fitsync.ports.in.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fitsync.domain.FieldError;
import org.fitsync.domain.files.FileFormat;

/** The rules a file's name meets: it announces a format FitSync reads, and is fit for a header. */
public final class FileNames {

    public static final int MAX_CHARS = 255;

    private FileNames() {}

    /** The problems with {@code filename} as the field {@code field}; empty when it is fine. */
    public static List<FieldError> check(String field, String filename) {
        List<FieldError> errors = new ArrayList<>();
        if (filename.isEmpty() || filename.length() > MAX_CHARS) {
            errors.add(new FieldError(field, "must be 1.." + MAX_CHARS + " characters"));
        } else if (filename.chars().anyMatch(c -> Character.isISOControl(c) || c == '/' || c == '\\')) {
            errors.add(new FieldError(field, "must not contain control characters or path separators"));
        } else if (format(filename).isEmpty()) {
            errors.add(new FieldError(field, "must end in .fit, .gpx, .tcx or .zip, optionally followed by .gz"));
        }
        return errors;
    }

    public static Optional<FileFormat> format(String filename) {
        return FileFormat.ofFilename(filename);
    }
}

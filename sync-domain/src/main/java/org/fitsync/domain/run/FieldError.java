package org.fitsync.domain.run;

/** One invalid input field, named as in the JSON document (e.g. {@code ended_at}, {@code track[12]}). */
public record FieldError(String field, String message) {}

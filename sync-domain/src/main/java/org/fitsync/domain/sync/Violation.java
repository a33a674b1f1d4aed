package org.fitsync.domain.sync;

/** One reason a request is invalid, naming the offending field by its JSON path. */
public record Violation(String field, String message) {}

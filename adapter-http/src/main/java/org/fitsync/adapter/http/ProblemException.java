package org.fitsync.adapter.http;

import java.util.List;
import org.fitsync.domain.FieldError;

/** Thrown by route handlers to end a request with a problem response. */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.badRequest(detail));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.notFound(detail));
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.validation(List.of(new FieldError(field, message))));
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(Problem.validation(errors));
    }
}

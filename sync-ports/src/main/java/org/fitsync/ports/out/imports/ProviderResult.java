package org.fitsync.ports.out.imports;

import java.time.Instant;
import java.util.function.Function;

/** The outcome of a call to the provider. Everything but {@code Ok} is an expected, handled failure. */
public sealed interface ProviderResult<T> {

    /** The call succeeded. */
    record Ok<T>(T value) implements ProviderResult<T> {}

    /** Going on would exceed the provider's rate limit; the next window opens at {@code resumeAt}. */
    record RateLimited<T>(Instant resumeAt) implements ProviderResult<T> {}

    /** The provider is failing (retries exhausted or circuit open); try again after {@code retryAt}. */
    record Unavailable<T>(String detail, Instant retryAt) implements ProviderResult<T> {}

    /** The user's authorisation is gone (revoked, or never granted); no retry will help. */
    record Unauthorized<T>(String detail) implements ProviderResult<T> {}

    /** The thing asked for does not exist (any more). */
    record NotFound<T>(String detail) implements ProviderResult<T> {}

    /**
     * What the import reads can never be imported (an archive that breaks the safety limits, or is not
     * an archive at all): no retry will help, the job fails with this {@code type} and {@code detail}.
     */
    record Refused<T>(String type, String detail) implements ProviderResult<T> {}

    /** The same failure, re-typed for a caller that expected another value. */
    @SuppressWarnings("unchecked")
    default <U> ProviderResult<U> map(Function<T, U> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.value()));
        }
        return (ProviderResult<U>) this;
    }
}

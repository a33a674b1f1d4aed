package org.fitsync.client.retry;

import org.fitsync.client.remote.TransportFailure;

/** What a failed request means for the client: every failure is exactly one of these. */
public enum FailureClass {
    /** No answer: wait for connectivity (and retry with backoff); not the item's fault, no attempt counted. */
    OFFLINE,
    /** {@code 5xx}, {@code 408}, {@code 429}: try again later, counting an attempt. */
    TRANSIENT,
    /** {@code 401}: a new token is needed. */
    AUTH,
    /** Any other {@code 4xx}: sending the same again gets the same answer; the item fails. */
    PERMANENT;

    public static FailureClass of(TransportFailure failure) {
        if (failure instanceof TransportFailure.HttpError error) {
            return ofStatus(error.status());
        }
        return OFFLINE;
    }

    public static FailureClass ofStatus(int status) {
        if (status == 401) {
            return AUTH;
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return TRANSIENT;
        }
        return PERMANENT;
    }
}

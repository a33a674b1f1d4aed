package org.fitsync.adapter.http.auth;

/** A bearer token was missing, malformed, badly signed, expired or lacked a usable subject. */
public final class AuthenticationException extends Exception {

    public AuthenticationException(String message) {
        super(message, null, false, false);
    }
}

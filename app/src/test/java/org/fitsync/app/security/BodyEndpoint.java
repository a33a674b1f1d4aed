package org.fitsync.app.security;

/**
 * An endpoint that takes a JSON body, with a valid body to start hostile variations from.
 * {@code {client}} in the path is replaced by the fixture's linked client; {@code coach} says the
 * request is made by the fixture's coach (for coach routes) instead of the fixture's user.
 */
public record BodyEndpoint(String name, String method, String path, boolean coach, String validBody) {

    static BodyEndpoint user(String name, String method, String path, String validBody) {
        return new BodyEndpoint(name, method, path, false, validBody);
    }

    static BodyEndpoint coach(String name, String method, String path, String validBody) {
        return new BodyEndpoint(name, method, path, true, validBody);
    }

    @Override
    public String toString() {
        return name;
    }
}

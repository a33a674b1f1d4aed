package org.fitsync.app.config;

/** A configuration value that cannot be used; the message names the environment variable. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
    }
}

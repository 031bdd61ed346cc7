package io.quantmini.config;

/** A setting is missing or invalid; the message names the key and the file (or variable) it came from. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

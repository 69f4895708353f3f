package dev.ecsguard.config;

/** An environment variable with a value ecs-guard cannot use; the message names it. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}

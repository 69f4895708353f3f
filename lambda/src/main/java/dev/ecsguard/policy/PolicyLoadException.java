package dev.ecsguard.policy;

/** A policy version could not be read, compiled or verified; the message says which and why. */
public final class PolicyLoadException extends Exception {
    public PolicyLoadException(String message) {
        super(message);
    }

    public PolicyLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}

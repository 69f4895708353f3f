package dev.ecsguard.ledger;

/** The ledger could not be read or written (table missing, throttled, access denied...): nothing may act. */
public final class LedgerException extends RuntimeException {
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}

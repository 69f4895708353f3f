package dev.ecsguard.ledger;

import static dev.ecsguard.ledger.Ledger.n;
import static dev.ecsguard.ledger.Ledger.s;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * At most {@code max} resources remediated within any {@code window}, counted in the ledger so
 * that every concurrent invocation sees the same count. The ledger holds {@code max} slots
 * ({@code breaker#slot#0} ... {@code breaker#slot#N-1}), each with the time it is busy
 * {@code until}; remediating one resource takes a free slot (conditional write: free = absent or
 * past its {@code until}) and keeps it busy for one window. That is a sliding window, exactly: a
 * slot is taken at most once per window, so no interval of that length sees more than {@code max}
 * remediations. With every slot busy the breaker is open until the first frees.
 *
 * <p>An opening is recorded once ({@code breaker#opened#<when the first slot frees>}): the first
 * invocation to record it sends the one alert; the others see it is already known.
 */
public final class CircuitBreaker {
    static final String SLOT = "breaker#slot#";
    static final String OPENED = "breaker#opened#";

    /** The answer to {@link #acquire}. */
    public sealed interface Permit {
        /** A slot is taken: remediate. */
        record Granted(int slot) implements Permit {}

        /**
         * Every slot is busy: handle as dry-run.
         *
         * @param roomAt when the first slot frees
         * @param justOpened true for the one caller that records this opening (it sends the alert)
         */
        record Open(Instant roomAt, boolean justOpened) implements Permit {}
    }

    private final Ledger ledger;
    private final int max;
    private final Duration window;

    public CircuitBreaker(Ledger ledger, int max, Duration window) {
        this.ledger = ledger;
        this.max = max;
        this.window = window;
    }

    public int max() {
        return max;
    }

    public Duration window() {
        return window;
    }

    /**
     * Takes a slot for one remediation of {@code resource}.
     *
     * @throws LedgerException when the ledger cannot be read or written
     */
    public Permit acquire(String resource) {
        Instant now = ledger.clock().instant();
        Map<Integer, Long> busyUntil = read();
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            Long until = busyUntil.get(i);
            if (until == null || until <= now.toEpochMilli()) {
                free.add(i);
            }
        }
        // start at a random free slot: concurrent invocations rarely race for the same one
        int offset = free.isEmpty() ? 0 : ThreadLocalRandom.current().nextInt(free.size());
        for (int k = 0; k < free.size(); k++) {
            int slot = free.get((offset + k) % free.size());
            if (take(slot, now, resource)) {
                return new Permit.Granted(slot);
            }
        }
        Map<Integer, Long> after = read();
        long first = Long.MAX_VALUE;
        for (int i = 0; i < max; i++) {
            Long until = after.get(i);
            if (until == null || until <= now.toEpochMilli()) {
                // freed meanwhile: try once more, then call it open
                if (take(i, now, resource)) {
                    return new Permit.Granted(i);
                }
                continue;
            }
            first = Math.min(first, until);
        }
        Instant roomAt = first == Long.MAX_VALUE ? now.plus(window) : Instant.ofEpochMilli(first);
        Map<String, AttributeValue> opened = new HashMap<>();
        opened.put("opened_at", n(now.getEpochSecond()));
        opened.put("room_at", n(roomAt.getEpochSecond()));
        opened.put("first_held", s(resource));
        opened.put("ttl", n(roomAt.plus(Duration.ofDays(1)).getEpochSecond()));
        boolean justOpened = ledger.putIfAbsent(OPENED + roomAt.toEpochMilli(), opened);
        return new Permit.Open(roomAt, justOpened);
    }

    private boolean take(int slot, Instant now, String resource) {
        Instant until = now.plus(window);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(SLOT + slot));
        item.put("until", n(until.toEpochMilli()));
        item.put("resource", s(resource));
        item.put("taken_at", n(now.getEpochSecond()));
        item.put("ttl", n(until.plus(Duration.ofDays(1)).getEpochSecond()));
        try {
            ledger.dynamo().putItem(b -> b.tableName(ledger.table()).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #until <= :now")
                    .expressionAttributeNames(Map.of("#until", "until"))
                    .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException raced) {
            return false;
        } catch (SdkException e) {
            throw new LedgerException("ledger table " + ledger.table() + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** Slot number to busy-until (epoch ms), read consistently in one BatchGetItem (max <= 100 keys). */
    private Map<Integer, Long> read() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            keys.add(Map.of("pk", s(SLOT + i)));
        }
        Map<String, KeysAndAttributes> request = Map.of(ledger.table(),
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        Map<Integer, Long> out = new HashMap<>();
        try {
            for (int attempt = 0; attempt < 5 && !request.isEmpty(); attempt++) {
                Map<String, KeysAndAttributes> ask = request;
                BatchGetItemResponse r = ledger.dynamo().batchGetItem(b -> b.requestItems(ask));
                for (Map<String, AttributeValue> item : r.responses().getOrDefault(ledger.table(), List.of())) {
                    int slot = Integer.parseInt(item.get("pk").s().substring(SLOT.length()));
                    AttributeValue until = item.get("until");
                    out.put(slot, until == null ? 0L : Long.parseLong(until.n()));
                }
                request = r.hasUnprocessedKeys() ? r.unprocessedKeys() : Map.of();
            }
        } catch (SdkException e) {
            throw new LedgerException("ledger table " + ledger.table() + " cannot be read: " + e.getMessage(), e);
        }
        if (!request.isEmpty()) {
            throw new LedgerException("ledger table " + ledger.table() + ": breaker slots left unprocessed", null);
        }
        return out;
    }
}

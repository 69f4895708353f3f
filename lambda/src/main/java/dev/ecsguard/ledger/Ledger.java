package dev.ecsguard.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The DynamoDB ledger ({@code LEDGER_TABLE}: partition key {@code pk} (String), no sort key, TTL
 * attribute {@code ttl} in epoch seconds): one item per action and resource, so that one violating
 * resource is remediated, and alerted, once, whatever the number of events and invocations.
 *
 * <p>An action is claimed with a conditional write before it is carried out ({@link #claim}) and
 * its outcome written after ({@link #complete}). A claim succeeds when there is no item, when the
 * item was closed by a restore, or when it is {@code in_progress} or {@code failed} and older than
 * the lease (a crashed or failed attempt is retried, at most once per lease). Every write of an
 * outcome is conditional on the claim's own id: an attempt whose lease was taken over cannot
 * overwrite the newer one. Items expire after the TTL.
 *
 * <p>Item attributes: {@code pk}, {@code action}, {@code resource}, {@code status}
 * ({@code in_progress}, {@code done}, {@code failed}, {@code restored}), {@code claim_id},
 * {@code claimed_at} and {@code updated_at} (epoch seconds), {@code event_id}, {@code rules},
 * {@code detail}, {@code ttl}, and what an action records to be undone ({@code state}).
 */
public final class Ledger {
    public static final Duration LEASE = Duration.ofMinutes(5);

    public static final String IN_PROGRESS = "in_progress";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String RESTORED = "restored";

    /** A claim this invocation holds. */
    public record Claim(String pk, String claimId) {}

    /** The answer to a claim. */
    public sealed interface ClaimResult {
        /** Claimed: carry the action out, then {@link #complete}. */
        record Claimed(Claim claim) implements ClaimResult {}

        /** Someone holds it or has done it: {@code status}, by {@code eventId} at {@code claimedAt}. */
        record Held(String status, String eventId, Instant claimedAt, String detail) implements ClaimResult {}
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration ttl;
    private final Clock clock;

    public Ledger(DynamoDbClient dynamo, String table, Duration ttl, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.ttl = ttl;
        this.clock = clock;
    }

    public String table() {
        return table;
    }

    public Clock clock() {
        return clock;
    }

    /** The key of an action on a resource, e.g. {@code action#stop_task#arn:aws:ecs:...:task/prod/abc}. */
    public static String actionKey(String action, String resource) {
        return "action#" + action + "#" + resource;
    }

    /**
     * Claims {@code pk}.
     *
     * @param fields attributes written with the claim (action, resource, event_id, rules...)
     * @param alsoOver a further condition under which an existing item may be claimed over
     *     (e.g. {@code kind = :notice}), with its values; null for none
     * @throws LedgerException when the table cannot be written
     */
    public ClaimResult claim(String pk, Map<String, AttributeValue> fields, String alsoOver, Map<String, AttributeValue> alsoValues) {
        Instant now = clock.instant();
        String claimId = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = new HashMap<>(fields);
        item.put("pk", s(pk));
        item.put("status", s(IN_PROGRESS));
        item.put("claim_id", s(claimId));
        item.put("claimed_at", n(now.getEpochSecond()));
        item.put("updated_at", n(now.getEpochSecond()));
        item.put("ttl", n(now.plus(ttl).getEpochSecond()));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":restored", s(RESTORED));
        values.put(":in_progress", s(IN_PROGRESS));
        values.put(":failed", s(FAILED));
        values.put(":lease", n(now.minus(LEASE).getEpochSecond()));
        String condition = "attribute_not_exists(pk) OR #status = :restored"
                + " OR (#status IN (:in_progress, :failed) AND claimed_at < :lease)";
        if (alsoOver != null) {
            condition += " OR (" + alsoOver + ")";
            values.putAll(alsoValues);
        }
        String cond = condition;
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression(cond)
                    .expressionAttributeNames(Map.of("#status", "status")).expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new ClaimResult.Claimed(new Claim(pk, claimId));
        } catch (ConditionalCheckFailedException held) {
            Map<String, AttributeValue> old = held.hasItem() ? held.item() : get(pk).orElse(Map.of());
            return new ClaimResult.Held(str(old, "status"), str(old, "event_id"),
                    old.containsKey("claimed_at") ? Instant.ofEpochSecond(Long.parseLong(old.get("claimed_at").n())) : null,
                    str(old, "detail"));
        } catch (SdkException e) {
            throw new LedgerException("ledger table " + table + " cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * Writes attributes on an item this claim still holds (an action's previous state before it acts,
     * its outcome after). False when the claim was taken over (lease expired).
     */
    public boolean update(Claim claim, Map<String, AttributeValue> set) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        StringBuilder expr = new StringBuilder("SET ");
        int i = 0;
        Map<String, AttributeValue> all = new LinkedHashMap<>(set);
        all.put("updated_at", n(clock.instant().getEpochSecond()));
        for (Map.Entry<String, AttributeValue> e : all.entrySet()) {
            if (i > 0) {
                expr.append(", ");
            }
            names.put("#a" + i, e.getKey());
            values.put(":v" + i, e.getValue());
            expr.append("#a").append(i).append(" = :v").append(i);
            i++;
        }
        values.put(":claim", s(claim.claimId()));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("pk", s(claim.pk()))).updateExpression(expr.toString())
                    .conditionExpression("claim_id = :claim").expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException takenOver) {
            return false;
        } catch (SdkException e) {
            throw new LedgerException("ledger table " + table + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** Writes the outcome ({@link #DONE} or {@link #FAILED}) and its detail. */
    public boolean complete(Claim claim, String status, String detail) {
        Map<String, AttributeValue> set = new LinkedHashMap<>();
        set.put("status", s(status));
        set.put("detail", s(detail == null ? "" : detail));
        return update(claim, set);
    }

    /** Gives a claim back without acting (the breaker is open): the next event may claim it. */
    public void release(Claim claim) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of("pk", s(claim.pk())))
                    .conditionExpression("claim_id = :claim").expressionAttributeValues(Map.of(":claim", s(claim.claimId()))));
        } catch (ConditionalCheckFailedException takenOver) {
            // someone else holds it now: theirs to complete
        } catch (SdkException e) {
            throw new LedgerException("ledger table " + table + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** The item, read consistently. */
    public Optional<Map<String, AttributeValue>> get(String pk) {
        try {
            var r = dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", s(pk))).consistentRead(true));
            return r.hasItem() && !r.item().isEmpty() ? Optional.of(r.item()) : Optional.empty();
        } catch (SdkException e) {
            throw new LedgerException("ledger table " + table + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Closes an item (restore): status {@code restored}, so that a later violation claims it again. */
    public void close(String pk, String detail) {
        long now = clock.instant().getEpochSecond();
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of("pk", s(pk)))
                    .updateExpression("SET #status = :restored, detail = :detail, updated_at = :now")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":restored", s(RESTORED), ":detail", s(detail), ":now", n(now))));
        } catch (ConditionalCheckFailedException gone) {
            // nothing to close
        } catch (SdkException e) {
            throw new LedgerException("ledger table " + table + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** Writes an item unconditionally when none exists; false when one does (breaker bookkeeping). */
    boolean putIfAbsent(String pk, Map<String, AttributeValue> fields) {
        Map<String, AttributeValue> item = new HashMap<>(fields);
        item.put("pk", s(pk));
        item.putIfAbsent("ttl", n(clock.instant().plus(ttl).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        } catch (SdkException e) {
            throw new LedgerException("ledger table " + table + " cannot be written: " + e.getMessage(), e);
        }
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    public static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    public static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    public static String str(Map<String, AttributeValue> item, String key) {
        AttributeValue v = item.get(key);
        return v == null ? null : v.s() != null ? v.s() : v.n();
    }
}

package dev.ecsguard.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.testsupport.AwsBackend;
import dev.ecsguard.testsupport.MotoServerExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The ledger's conditional writes and the breaker's sliding window, on moto's DynamoDB, with a clock the test moves. */
@ExtendWith(MotoServerExtension.class)
class LedgerTest {
    /** A clock the test sets. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2025-06-12T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> FIELDS =
            Map.of("action", Ledger.s("stop_task"), "event_id", Ledger.s("e1"));

    @Test
    void aClaimIsHeldUntilItsLeaseExpiresAndAStaleClaimCannotOverwriteTheNewOne(AwsBackend aws) {
        try (DynamoDbClient dynamo = aws.dynamoDb()) {
            assertTrue(LedgerTable.ensureExists(dynamo, "ledger"));
            assertFalse(LedgerTable.ensureExists(dynamo, "ledger"), "created once");
            MovableClock clock = new MovableClock();
            Ledger ledger = new Ledger(dynamo, "ledger", Duration.ofDays(30), clock);
            Ledger.Claim first = assertInstanceOf(Ledger.ClaimResult.Claimed.class, ledger.claim("action#stop_task#t", FIELDS, null, null)).claim();
            Ledger.ClaimResult.Held held = assertInstanceOf(Ledger.ClaimResult.Held.class, ledger.claim("action#stop_task#t", FIELDS, null, null));
            assertEquals("in_progress", held.status());
            assertEquals("e1", held.eventId());
            assertEquals(clock.now.plus(Duration.ofDays(30)).getEpochSecond(),
                    Long.parseLong(ledger.get("action#stop_task#t").orElseThrow().get("ttl").n()), "TTL in epoch seconds");

            clock.now = clock.now.plus(Ledger.LEASE).plusSeconds(1); // the first attempt crashed
            Ledger.Claim retaken = assertInstanceOf(Ledger.ClaimResult.Claimed.class, ledger.claim("action#stop_task#t", FIELDS, null, null)).claim();
            assertFalse(ledger.complete(first, Ledger.DONE, "late"), "the stale claim cannot write its outcome");
            assertTrue(ledger.complete(retaken, Ledger.DONE, "stopped"));
            clock.now = clock.now.plus(Duration.ofHours(1));
            assertEquals("done", assertInstanceOf(Ledger.ClaimResult.Held.class, ledger.claim("action#stop_task#t", FIELDS, null, null)).status(),
                    "done stays done");

            ledger.close("action#stop_task#t", "restored");
            assertInstanceOf(Ledger.ClaimResult.Claimed.class, ledger.claim("action#stop_task#t", FIELDS, null, null), "a restore reopens it");
        }
    }

    @Test
    void theBreakerAllowsMaxPerSlidingWindowAndRecordsEachOpeningOnce(AwsBackend aws) {
        try (DynamoDbClient dynamo = aws.dynamoDb()) {
            LedgerTable.ensureExists(dynamo, "ledger");
            MovableClock clock = new MovableClock();
            CircuitBreaker breaker = new CircuitBreaker(new Ledger(dynamo, "ledger", Duration.ofDays(1), clock), 2, Duration.ofSeconds(600));
            assertInstanceOf(CircuitBreaker.Permit.Granted.class, breaker.acquire("r1"));
            clock.now = clock.now.plusSeconds(300);
            assertInstanceOf(CircuitBreaker.Permit.Granted.class, breaker.acquire("r2"));
            CircuitBreaker.Permit.Open open = assertInstanceOf(CircuitBreaker.Permit.Open.class, breaker.acquire("r3"));
            assertTrue(open.justOpened());
            assertEquals(Instant.parse("2025-06-12T10:10:00Z"), open.roomAt(), "when r1's slot frees");
            assertFalse(assertInstanceOf(CircuitBreaker.Permit.Open.class, breaker.acquire("r4")).justOpened(), "one opening, one alert");

            clock.now = Instant.parse("2025-06-12T10:10:00Z"); // r1's window is over, r2's is not
            assertInstanceOf(CircuitBreaker.Permit.Granted.class, breaker.acquire("r5"));
            CircuitBreaker.Permit.Open again = assertInstanceOf(CircuitBreaker.Permit.Open.class, breaker.acquire("r6"));
            assertTrue(again.justOpened(), "a new opening");
            assertEquals(Instant.parse("2025-06-12T10:15:00Z"), again.roomAt());
        }
    }

    @Test
    void aMissingTableIsALedgerError(AwsBackend aws) {
        try (DynamoDbClient dynamo = aws.dynamoDb()) {
            Ledger ledger = new Ledger(dynamo, "nope", Duration.ofDays(1), Clock.systemUTC());
            assertThrows(LedgerException.class, () -> ledger.claim("k", FIELDS, null, null));
            assertThrows(LedgerException.class, () -> new CircuitBreaker(ledger, 3, Duration.ofSeconds(1)).acquire("r"));
        }
    }
}

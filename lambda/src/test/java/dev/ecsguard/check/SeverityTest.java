package dev.ecsguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeverityTest {
    @Test
    void levelsAndScoresForCodeScanning() {
        assertEquals("error", Severity.CRITICAL.sarifLevel());
        assertEquals("9.5", Severity.CRITICAL.securitySeverity());
        assertEquals("error", Severity.HIGH.sarifLevel());
        assertEquals("8.0", Severity.HIGH.securitySeverity());
        assertEquals("warning", Severity.MEDIUM.sarifLevel());
        assertEquals("5.5", Severity.MEDIUM.securitySeverity());
        assertEquals("note", Severity.LOW.sarifLevel());
        assertEquals("3.0", Severity.LOW.securitySeverity());
    }

    @Test
    void parsedInAnyCaseUnknownIsMedium() {
        assertEquals(Severity.CRITICAL, Severity.of(" Critical "));
        assertEquals(Severity.LOW, Severity.of("LOW"));
        assertEquals(Severity.MEDIUM, Severity.of("bogus"));
        assertEquals(Severity.MEDIUM, Severity.of(null));
    }
}

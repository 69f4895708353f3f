package dev.ecsguard.check;

import java.util.List;
import java.util.Locale;

/** The four severities of the decision, their order, and what code scanning makes of them. */
public enum Severity {
    CRITICAL("error", "9.5"),
    HIGH("error", "8.0"),
    MEDIUM("warning", "5.5"),
    LOW("note", "3.0");

    /** Most severe first. */
    public static final List<Severity> ORDER = List.of(values());

    private final String sarifLevel;
    private final String securitySeverity;

    Severity(String sarifLevel, String securitySeverity) {
        this.sarifLevel = sarifLevel;
        this.securitySeverity = securitySeverity;
    }

    /** The severity named {@code s} (any case); unknown or missing is MEDIUM, as the policies' own fallback. */
    public static Severity of(String s) {
        if (s != null) {
            for (Severity v : values()) {
                if (v.label().equals(s.strip().toLowerCase(Locale.ROOT))) {
                    return v;
                }
            }
        }
        return MEDIUM;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** SARIF {@code level}: error for critical and high, warning for medium, note for low. */
    public String sarifLevel() {
        return sarifLevel;
    }

    /** GitHub code scanning's {@code security-severity} (CVSS-like score): 9.5, 8.0, 5.5, 3.0. */
    public String securitySeverity() {
        return securitySeverity;
    }
}

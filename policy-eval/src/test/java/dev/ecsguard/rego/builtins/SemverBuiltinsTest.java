package dev.ecsguard.rego.builtins;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

/** Outcomes recorded from OPA 1.4.2 (opaeval -strict-builtin-errors, arguments via input). */
class SemverBuiltinsTest {
    @TestFactory
    List<DynamicTest> observedOpaOutcomes() {
        return OpaBuiltinsTable.cases(TABLE);
    }

    static final String TABLE = """
semver.is_valid ¦ "1.0.0" ⇒ true
semver.is_valid ¦ "v1.0.0" ⇒ false
semver.is_valid ¦ "1.0" ⇒ false
semver.is_valid ¦ "1.0.0-01" ⇒ true
semver.is_valid ¦ "01.0.0" ⇒ true
semver.is_valid ¦ "1.0.0-" ⇒ true
semver.is_valid ¦ "1.0.0+" ⇒ true
semver.is_valid ¦ "1.0.0-a..b" ⇒ false
semver.is_valid ¦ "1.0.0+001" ⇒ true
semver.is_valid ¦ "1.0.0-a_b" ⇒ false
semver.is_valid ¦ " 1.0.0" ⇒ false
semver.is_valid ¦ "1.+0.0" ⇒ false
semver.is_valid ¦ "1.0.0.0" ⇒ false
semver.is_valid ¦ "1.0.0-rc.1+build.5" ⇒ true
semver.is_valid ¦ 1 ⇒ false
semver.is_valid ¦ null ⇒ false
semver.compare ¦ "1.0.0" ¦ "1.0.0" ⇒ 0
semver.compare ¦ "1.0.0" ¦ "2.0.0" ⇒ -1
semver.compare ¦ "1.10.0" ¦ "1.9.0" ⇒ 1
semver.compare ¦ "1.0.0-alpha" ¦ "1.0.0" ⇒ -1
semver.compare ¦ "1.0.0-alpha.1" ¦ "1.0.0-alpha.beta" ⇒ -1
semver.compare ¦ "1.0.0-alpha.10" ¦ "1.0.0-alpha.9" ⇒ 1
semver.compare ¦ "1.0.0-alpha" ¦ "1.0.0-alpha.1" ⇒ -1
semver.compare ¦ "1.0.0-01" ¦ "1.0.0-1" ⇒ -1
semver.compare ¦ "1.0.0+b" ¦ "1.0.0+a" ⇒ 0
semver.compare ¦ "1.0" ¦ "1.0.0" ⇒ BUILTIN: semver.compare: operand 1: string "1.0" is not a valid SemVer
semver.compare ¦ "1.0.0" ¦ "x" ⇒ BUILTIN: semver.compare: operand 2: string "x" is not a valid SemVer
semver.compare ¦ "99999999999999999999.0.0" ¦ "1.0.0" ⇒ BUILTIN: semver.compare: operand 1: string "99999999999999999999.0.0" is not a valid SemVer
semver.compare ¦ 1 ¦ "1.0.0" ⇒ TYPE: semver.compare: operand 1 must be string but got number
""";
}

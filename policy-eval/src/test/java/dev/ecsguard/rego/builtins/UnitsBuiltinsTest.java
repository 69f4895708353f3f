package dev.ecsguard.rego.builtins;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

/** Outcomes recorded from OPA 1.4.2 (opaeval -strict-builtin-errors, arguments via input). */
class UnitsBuiltinsTest {
    @TestFactory
    List<DynamicTest> observedOpaOutcomes() {
        return OpaBuiltinsTable.cases(TABLE);
    }

    static final String TABLE = """
units.parse ¦ "10K" ⇒ 10000
units.parse ¦ "10Ki" ⇒ 10240
units.parse ¦ "10k" ⇒ 10000
units.parse ¦ "10ki" ⇒ 10240
units.parse ¦ "1.5G" ⇒ 1500000000
units.parse ¦ "1m" ⇒ 0.001
units.parse ¦ "1M" ⇒ 1000000
units.parse ¦ "1Mi" ⇒ 1048576
units.parse ¦ "1mi" ⇒ 1048576
units.parse ¦ "1MI" ⇒ 1048576
units.parse ¦ "0.001" ⇒ 0.001
units.parse ¦ "1.5m" ⇒ 0.0015
units.parse ¦ "3.33333333333333m" ⇒ 0.0033333333
units.parse ¦ "1e3" ⇒ 1000
units.parse ¦ "1e-1" ⇒ 0.1
units.parse ¦ "1E3K" ⇒ 1000000
units.parse ¦ "1/3" ⇒ BUILTIN: units.parse: units.parse: unit /3 not recognized
units.parse ¦ "\\"10K\\"" ⇒ 10000
units.parse ¦ "10 K" ⇒ BUILTIN: units.parse: units.parse: spaces not allowed in resource strings
units.parse ¦ "K" ⇒ BUILTIN: units.parse: units.parse: no amount provided
units.parse ¦ "" ⇒ BUILTIN: units.parse: units.parse: no amount provided
units.parse ¦ "1.2.3" ⇒ BUILTIN: units.parse: units.parse: could not parse amount to a number
units.parse ¦ "1x" ⇒ BUILTIN: units.parse: units.parse: unit x not recognized
units.parse ¦ "-5Ki" ⇒ -5120
units.parse ¦ "+5" ⇒ 5
units.parse ¦ "5." ⇒ 5
units.parse ¦ ".5" ⇒ 0.5
units.parse ¦ "1e" ⇒ 1000000000000000000
units.parse ¦ "2Ei" ⇒ 2305843009213693952
units.parse ¦ 5 ⇒ TYPE: units.parse: operand 1 must be string but got number
units.parse_bytes ¦ "10KB" ⇒ 10000
units.parse_bytes ¦ "10KiB" ⇒ 10240
units.parse_bytes ¦ "10kib" ⇒ 10240
units.parse_bytes ¦ "10k" ⇒ 10000
units.parse_bytes ¦ "1.5GB" ⇒ 1500000000
units.parse_bytes ¦ "0.1KB" ⇒ 100
units.parse_bytes ¦ "1.1KB" ⇒ 1100
units.parse_bytes ¦ "2.3MB" ⇒ 2300000
units.parse_bytes ¦ "123456789012345678901" ⇒ 123456789012345678904
units.parse_bytes ¦ "1e3" ⇒ 1000
units.parse_bytes ¦ "1e3kb" ⇒ 1000000
units.parse_bytes ¦ "5" ⇒ 5
units.parse_bytes ¦ "\\"12MiB\\"" ⇒ 12582912
units.parse_bytes ¦ "12 MiB" ⇒ BUILTIN: units.parse_bytes: units.parse_bytes: spaces not allowed in resource strings
units.parse_bytes ¦ "MiB" ⇒ BUILTIN: units.parse_bytes: units.parse_bytes: no byte amount provided
units.parse_bytes ¦ "12XB" ⇒ BUILTIN: units.parse_bytes: units.parse_bytes: byte unit xb not recognized
units.parse_bytes ¦ "1.2.3" ⇒ BUILTIN: units.parse_bytes: units.parse_bytes: could not parse byte amount to a number
units.parse_bytes ¦ "-1KB" ⇒ -1000
units.parse_bytes ¦ "0.0001" ⇒ 0
units.parse_bytes ¦ "8EiB" ⇒ 9223372036854775808
units.parse_bytes ¦ 1 ⇒ TYPE: units.parse_bytes: operand 1 must be string but got number
units.parse ¦ "١" ⇒ BUILTIN: units.parse: units.parse: no amount provided
units.parse_bytes ¦ "١" ⇒ BUILTIN: units.parse_bytes: units.parse_bytes: no byte amount provided
units.parse ¦ "1éX" ⇒ BUILTIN: units.parse: units.parse: unit ��x not recognized
units.parse ¦ "1😀" ⇒ BUILTIN: units.parse: units.parse: unit ���� not recognized
units.parse ¦ "1é" ⇒ BUILTIN: units.parse: units.parse: unit �� not recognized
units.parse ¦ "1KÉ" ⇒ BUILTIN: units.parse: units.parse: unit Ké not recognized
units.parse_bytes ¦ "1İX" ⇒ BUILTIN: units.parse_bytes: units.parse_bytes: byte unit ix not recognized
units.parse ¦ "3000000000m" ⇒ 3000000.0000000001
""";
}

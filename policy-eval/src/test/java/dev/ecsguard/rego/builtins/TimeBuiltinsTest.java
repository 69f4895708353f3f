package dev.ecsguard.rego.builtins;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Outcomes recorded from OPA 1.4.2 (opaeval -strict-builtin-errors, arguments via input). */
class TimeBuiltinsTest {
    @TestFactory
    List<DynamicTest> observedOpaOutcomes() {
        return OpaBuiltinsTable.cases(TABLE);
    }

    /**
     * Zones read from the machine's tzdata as Go (so OPA) reads them: tzdata abbreviations, LMT
     * before the first transition, the footer rule past the last one, Go's resolution of local
     * times in a DST gap, and Go's errors for names that are not zone files. Recorded with OPA
     * 1.4.2 on Debian tzdata 2025b; skipped where the machine has no tzdata.
     */
    @TestFactory
    List<DynamicTest> zonesFromSystemTzdata() {
        assumeTrue(Files.isRegularFile(Path.of("/usr/share/zoneinfo/America/New_York")), "no tzdata on this machine");
        return OpaBuiltinsTable.cases(TZDATA_TABLE);
    }

    static final String TZDATA_TABLE = """
time.format ¦ [0, "Asia/Kathmandu", "MST"] ⇒ "+0530"
time.format ¦ [1719835200000000000, "America/Adak", "MST"] ⇒ "HDT"
time.format ¦ [-9223372036854775808, "America/New_York", "Mon Jan _2 15:04:05 MST 2006"] ⇒ "Mon Sep 20 19:16:41 LMT 1677"
time.format ¦ [0, "Australia/Lord_Howe", "Jan 2, 2006 at 3:04pm (MST)"] ⇒ "Jan 1, 1970 at 10:00am (AEST)"
time.format ¦ [0, "GMT+0", "MST"] ⇒ "GMT"
time.format ¦ [0, "America", "MST"] ⇒ BUILTIN: time.format: is a directory
time.format ¦ [0, "zone.tab", "MST"] ⇒ BUILTIN: time.format: malformed time zone information
time.format ¦ [0, "America//New_York", "MST"] ⇒ "EST"
time.format ¦ [4102444800000000000, "America/New_York", "2006-01-02 15:04 MST"] ⇒ "2099-12-31 19:00 EST"
time.format ¦ [4118000000000000000, "America/New_York", "2006-01-02 15:04 MST"] ⇒ "2100-06-29 20:53 EDT"
time.format ¦ [4118000000000000000, "Australia/Sydney", "2006-01-02 15:04 MST"] ⇒ "2100-06-30 10:53 AEST"
time.format ¦ [4100000000000000000, "Australia/Sydney", "2006-01-02 15:04 MST"] ⇒ "2099-12-04 03:53 AEDT"
time.add_date ¦ [1710054000000000000, "America/New_York"] ¦ 0 ¦ 0 ¦ 1 ⇒ 1710140400000000000
time.add_date ¦ [1709969400000000000, "America/New_York"] ¦ 0 ¦ 0 ¦ 1 ⇒ 1710052200000000000
time.add_date ¦ [1730525400000000000, "America/New_York"] ¦ 0 ¦ 0 ¦ 1 ⇒ 1730611800000000000
time.add_date ¦ [1730611800000000000, "America/New_York"] ¦ 0 ¦ 0 ¦ -1 ⇒ 1730525400000000000
time.add_date ¦ [4129574400000000000, "America/New_York"] ¦ 0 ¦ 0 ¦ 1 ⇒ 4129660800000000000
time.add_date ¦ [1727640000000000000, "Australia/Sydney"] ¦ 0 ¦ 0 ¦ 7 ⇒ 1728241200000000000
time.date ¦ [-2208988800000000000, "Africa/Casablanca"] ⇒ [1899,12,31]
time.diff ¦ [0, "Asia/Kathmandu"] ¦ [1496430000123456789, "America/New_York"] ⇒ [47,5,1,19,15,0]
""";

    /** POSIX TZ strings (the TZif footer) read as Go's tzset reads them. */
    @Test
    void tzsetRules() {
        long july2024 = 1719835200L, jan2024 = 1704110400L;
        assertEquals(new TimeZoneGo.Lookup("EDT", -14400, 1710054000L, 1730613600L, true),
                TimeZoneGo.tzset("EST5EDT,M3.2.0,M11.1.0", 0, july2024));
        assertEquals("EST", TimeZoneGo.tzset("EST5EDT,M3.2.0,M11.1.0", 0, jan2024).name());
        assertEquals("EDT", TimeZoneGo.tzset("EST5EDT", 0, july2024).name());            // default US rules
        assertEquals(new TimeZoneGo.Lookup("AEST", 36000, 1712419200L, 1728144000L, false),
                TimeZoneGo.tzset("AEST-10AEDT,M10.1.0,M4.1.0/3", 0, july2024));
        assertEquals("AEDT", TimeZoneGo.tzset("AEST-10AEDT,M10.1.0,M4.1.0/3", 0, jan2024).name());
        assertEquals(new TimeZoneGo.Lookup("+0545", 20700, 5, TimeZoneGo.OMEGA, false), TimeZoneGo.tzset("<+0545>-5:45", 5, july2024));
        assertNull(TimeZoneGo.tzset("E5", 0, july2024));
        assertNull(TimeZoneGo.tzset("EST5EDT,M13.1.0,M11.1.0", 0, july2024));
        assertNull(TimeZoneGo.tzset("EST5EDT,M3.2.0", 0, july2024));
    }

    @Test
    void malformedTzifIsGosError() {
        TimeZoneGo.ZoneError e = assertThrows(TimeZoneGo.ZoneError.class,
                () -> TimeZoneGo.parse("x", "TZif2\0\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertEquals("malformed time zone information", e.getMessage());
    }

    static final String TABLE = """
time.parse_duration_ns ¦ "1h30m" ⇒ 5400000000000
time.parse_duration_ns ¦ "1.5s" ⇒ 1500000000
time.parse_duration_ns ¦ "300ms" ⇒ 300000000
time.parse_duration_ns ¦ "-2us" ⇒ -2000
time.parse_duration_ns ¦ "1µs" ⇒ 1000
time.parse_duration_ns ¦ "1μs" ⇒ 1000
time.parse_duration_ns ¦ "0" ⇒ 0
time.parse_duration_ns ¦ "-0" ⇒ 0
time.parse_duration_ns ¦ "" ⇒ BUILTIN: time.parse_duration_ns: time: invalid duration ""
time.parse_duration_ns ¦ "1" ⇒ BUILTIN: time.parse_duration_ns: time: missing unit in duration "1"
time.parse_duration_ns ¦ "1x" ⇒ BUILTIN: time.parse_duration_ns: time: unknown unit "x" in duration "1x"
time.parse_duration_ns ¦ ".s" ⇒ BUILTIN: time.parse_duration_ns: time: invalid duration ".s"
time.parse_duration_ns ¦ "1.s" ⇒ 1000000000
time.parse_duration_ns ¦ ".5h" ⇒ 1800000000000
time.parse_duration_ns ¦ "1h2m3s4ms5us6ns" ⇒ 3723004005006
time.parse_duration_ns ¦ "2562047h47m16.854775807s" ⇒ 9223372036854775807
time.parse_duration_ns ¦ "2562047h47m16.854775808s" ⇒ BUILTIN: time.parse_duration_ns: time: invalid duration "2562047h47m16.854775808s"
time.parse_duration_ns ¦ "-2562047h47m16.854775808s" ⇒ -9223372036854775808
time.parse_duration_ns ¦ "9999999999999999999h" ⇒ BUILTIN: time.parse_duration_ns: time: invalid duration "9999999999999999999h"
time.parse_duration_ns ¦ "1.0000000000000000000000001h" ⇒ 3600000000000
time.parse_duration_ns ¦ "+5m" ⇒ 300000000000
time.parse_duration_ns ¦ "5 m" ⇒ BUILTIN: time.parse_duration_ns: time: unknown unit " m" in duration "5 m"
time.parse_duration_ns ¦ "1d" ⇒ BUILTIN: time.parse_duration_ns: time: unknown unit "d" in duration "1d"
time.parse_duration_ns ¦ "3.3333333333333333333h" ⇒ 12000000000000
time.parse_duration_ns ¦ 5 ⇒ TYPE: time.parse_duration_ns: operand 1 must be string but got number
time.parse_rfc3339_ns ¦ "2017-06-02T19:00:00-07:00" ⇒ 1496455200000000000
time.parse_rfc3339_ns ¦ "1970-01-01T00:00:00Z" ⇒ 0
time.parse_rfc3339_ns ¦ "2017-06-02T19:00:00.123456789Z" ⇒ 1496430000123456789
time.parse_rfc3339_ns ¦ "2017-06-02T19:00:00.1234567891Z" ⇒ 1496430000123456789
time.parse_rfc3339_ns ¦ "2017-06-02T19:00:00,5Z" ⇒ 1496430000500000000
time.parse_rfc3339_ns ¦ "2017-06-02T9:00:00Z" ⇒ 1496394000000000000
time.parse_rfc3339_ns ¦ "2017-06-02 19:00:00Z" ⇒ BUILTIN: time.parse_rfc3339_ns: parsing time "2017-06-02 19:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 19:00:00Z" as "T"
time.parse_rfc3339_ns ¦ "2017-06-02T19:00:00" ⇒ BUILTIN: time.parse_rfc3339_ns: parsing time "2017-06-02T19:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"
time.parse_rfc3339_ns ¦ "2017-13-02T19:00:00Z" ⇒ BUILTIN: time.parse_rfc3339_ns: parsing time "2017-13-02T19:00:00Z": month out of range
time.parse_rfc3339_ns ¦ "2017-02-30T19:00:00Z" ⇒ BUILTIN: time.parse_rfc3339_ns: parsing time "2017-02-30T19:00:00Z": day out of range
time.parse_rfc3339_ns ¦ "2017-02-03T24:00:00Z" ⇒ BUILTIN: time.parse_rfc3339_ns: parsing time "2017-02-03T24:00:00Z": hour out of range
time.parse_rfc3339_ns ¦ "2017-02-03T23:60:00Z" ⇒ BUILTIN: time.parse_rfc3339_ns: parsing time "2017-02-03T23:60:00Z": minute out of range
time.parse_rfc3339_ns ¦ "2017-02-03T23:00:60Z" ⇒ BUILTIN: time.parse_rfc3339_ns: parsing time "2017-02-03T23:00:60Z": second out of range
time.parse_rfc3339_ns ¦ "2017-02-03T23:00:00+25:00" ⇒ BUILTIN: time.parse_rfc3339_ns: parsing time "2017-02-03T23:00:00+25:00": time zone offset hour out of range
time.parse_rfc3339_ns ¦ "2017-02-03T23:00:00+05:00x" ⇒ BUILTIN: time.parse_rfc3339_ns: parsing time "2017-02-03T23:00:00+05:00x": extra text: "x"
time.parse_rfc3339_ns ¦ "3000-01-01T00:00:00Z" ⇒ BUILTIN: time.parse_rfc3339_ns: time outside of valid range
time.parse_rfc3339_ns ¦ "1600-01-01T00:00:00Z" ⇒ BUILTIN: time.parse_rfc3339_ns: time outside of valid range
time.parse_rfc3339_ns ¦ "1677-09-21T00:12:43.145224192Z" ⇒ -9223372036854775808
time.parse_rfc3339_ns ¦ "2262-04-11T23:47:16.854775807Z" ⇒ 9223372036854775807
time.parse_rfc3339_ns ¦ "0000-01-01T00:00:00Z" ⇒ BUILTIN: time.parse_rfc3339_ns: time outside of valid range
time.parse_rfc3339_ns ¦ "2017-06-02T19:00:00z" ⇒ BUILTIN: time.parse_rfc3339_ns: parsing time "2017-06-02T19:00:00z" as "2006-01-02T15:04:05Z07:00": cannot parse "z" as "Z07:00"
time.parse_rfc3339_ns ¦ "héllo" ⇒ BUILTIN: time.parse_rfc3339_ns: parsing time "h\\xc3\\xa9llo" as "2006-01-02T15:04:05Z07:00": cannot parse "h\\xc3\\xa9llo" as "2006"
time.parse_rfc3339_ns ¦ "" ⇒ BUILTIN: time.parse_rfc3339_ns: parsing time "" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "2006"
time.parse_rfc3339_ns ¦ 1 ⇒ TYPE: time.parse_rfc3339_ns: operand 1 must be string but got number
time.parse_ns ¦ "2006-01-02" ¦ "1991-07-11" ⇒ 679190400000000000
time.parse_ns ¦ "2006-01-02T15:04:05Z07:00" ¦ "2017-06-02T19:00:00-07:00" ⇒ 1496455200000000000
time.parse_ns ¦ "RFC3339" ¦ "2017-06-02T19:00:00-07:00" ⇒ 1496455200000000000
time.parse_ns ¦ "RFC1123" ¦ "Mon, 02 Jan 2006 15:04:05 MST" ⇒ 1136214245000000000
time.parse_ns ¦ "RFC1123" ¦ "Mon, 02 Jan 2006 15:04:05 GMT+3" ⇒ 1136214245000000000
time.parse_ns ¦ "RFC1123Z" ¦ "Mon, 02 Jan 2006 15:04:05 -0700" ⇒ 1136239445000000000
time.parse_ns ¦ "ANSIC" ¦ "Mon Jan  2 15:04:05 2006" ⇒ 1136214245000000000
time.parse_ns ¦ "UnixDate" ¦ "Mon Jan  2 15:04:05 PST 2006" ⇒ 1136214245000000000
time.parse_ns ¦ "RubyDate" ¦ "Mon Jan 02 15:04:05 -0700 2006" ⇒ 1136239445000000000
time.parse_ns ¦ "RFC822" ¦ "02 Jan 06 15:04 UTC" ⇒ 1136214240000000000
time.parse_ns ¦ "RFC822Z" ¦ "02 Jan 06 15:04 +0100" ⇒ 1136210640000000000
time.parse_ns ¦ "RFC850" ¦ "Monday, 02-Jan-06 15:04:05 UTC" ⇒ 1136214245000000000
time.parse_ns ¦ "RFC3339Nano" ¦ "2006-01-02T15:04:05.999999999Z" ⇒ 1136214245999999999
time.parse_ns ¦ "Jan 2 2006 3:04pm" ¦ "Feb 29 2024 11:59am" ⇒ 1709207940000000000
time.parse_ns ¦ "Jan 2 2006 3:04PM" ¦ "feb 28 2023 12:00AM" ⇒ 1677542400000000000
time.parse_ns ¦ "January 02, 2006" ¦ "MARCH 05, 2020" ⇒ 1583366400000000000
time.parse_ns ¦ "Monday 2006-01-02" ¦ "Friday 2024-01-01" ⇒ 1704067200000000000
time.parse_ns ¦ "Monday 2006-01-02" ¦ "Fryday 2024-01-01" ⇒ BUILTIN: time.parse_ns: parsing time "Fryday 2024-01-01" as "Monday 2006-01-02": cannot parse "Fryday 2024-01-01" as "Monday"
time.parse_ns ¦ "2006-002" ¦ "2024-060" ⇒ 1709164800000000000
time.parse_ns ¦ "2006-002" ¦ "2023-060" ⇒ 1677628800000000000
time.parse_ns ¦ "2006-002" ¦ "2023-366" ⇒ BUILTIN: time.parse_ns: parsing time "2023-366": day-of-year out of range
time.parse_ns ¦ "2006 __2" ¦ "2023  60" ⇒ 1677628800000000000
time.parse_ns ¦ "06-01-02" ¦ "69-01-02" ⇒ -31449600000000000
time.parse_ns ¦ "06-01-02" ¦ "68-01-02" ⇒ 3092688000000000000
time.parse_ns ¦ "15:04:05.000" ¦ "10:11:12.123" ⇒ BUILTIN: time.parse_ns: time outside of valid range
time.parse_ns ¦ "15:04:05.000" ¦ "10:11:12.12" ⇒ BUILTIN: time.parse_ns: parsing time "10:11:12.12" as "15:04:05.000": cannot parse ".12" as ".000"
time.parse_ns ¦ "15:04:05,000" ¦ "10:11:12,123" ⇒ BUILTIN: time.parse_ns: time outside of valid range
time.parse_ns ¦ "15:04:05" ¦ "10:11:12.123456" ⇒ BUILTIN: time.parse_ns: time outside of valid range
time.parse_ns ¦ "15:04:05.999" ¦ "10:11:12" ⇒ BUILTIN: time.parse_ns: time outside of valid range
time.parse_ns ¦ "15:04" ¦ "10:11:12" ⇒ BUILTIN: time.parse_ns: parsing time "10:11:12": extra text: ":12"
time.parse_ns ¦ "2006-01-02 15:04:05 -07" ¦ "2020-01-01 00:00:00 +05" ⇒ 1577818800000000000
time.parse_ns ¦ "2006-01-02 15:04:05 -07:00:00" ¦ "2020-01-01 00:00:00 +05:30:15" ⇒ 1577816985000000000
time.parse_ns ¦ "2006-01-02 15:04:05 -070000" ¦ "2020-01-01 00:00:00 -053015" ⇒ 1577856615000000000
time.parse_ns ¦ "2006-01-02 15:04:05 Z07" ¦ "2020-01-01 00:00:00 Z" ⇒ 1577836800000000000
time.parse_ns ¦ "2006-01-02 15:04:05 MST" ¦ "2020-01-01 00:00:00 CEST" ⇒ 1577836800000000000
time.parse_ns ¦ "2006-01-02 15:04:05 MST" ¦ "2020-01-01 00:00:00 +03" ⇒ 1577836800000000000
time.parse_ns ¦ "2006-01-02 15:04:05 MST" ¦ "2020-01-01 00:00:00 ChST" ⇒ 1577836800000000000
time.parse_ns ¦ "2006-01-02 15:04:05 MST" ¦ "2020-01-01 00:00:00 Ab" ⇒ BUILTIN: time.parse_ns: parsing time "2020-01-01 00:00:00 Ab" as "2006-01-02 15:04:05 MST": cannot parse "Ab" as "MST"
time.parse_ns ¦ "2006-1-2" ¦ "2020-3-4" ⇒ 1583280000000000000
time.parse_ns ¦ "2006-01-02" ¦ "2020-3-4" ⇒ BUILTIN: time.parse_ns: parsing time "2020-3-4" as "2006-01-02": cannot parse "3-4" as "01"
time.parse_ns ¦ "2006-01-_2" ¦ "2020-03- 4" ⇒ 1583280000000000000
time.parse_ns ¦ "2006-01-02" ¦ "2020-00-04" ⇒ BUILTIN: time.parse_ns: parsing time "2020-00-04": month out of range
time.parse_ns ¦ "2006-01-02" ¦ "20201-01-04" ⇒ BUILTIN: time.parse_ns: parsing time "20201-01-04" as "2006-01-02": cannot parse "1-01-04" as "-"
time.parse_ns ¦ "2006-01-02" ¦ "2020-01-04 extra" ⇒ BUILTIN: time.parse_ns: parsing time "2020-01-04 extra": extra text: " extra"
time.parse_ns ¦ "2006  01" ¦ "2020 01" ⇒ 1577836800000000000
time.parse_ns ¦ "2006 01" ¦ "2020   01" ⇒ 1577836800000000000
time.parse_ns ¦ "hello" ¦ "hello" ⇒ BUILTIN: time.parse_ns: time outside of valid range
time.parse_ns ¦ "hello" ¦ "help" ⇒ BUILTIN: time.parse_ns: parsing time "help" as "hello": cannot parse "p" as "hello"
time.parse_ns ¦ "" ¦ "" ⇒ BUILTIN: time.parse_ns: time outside of valid range
time.parse_ns ¦ "15" ¦ "25" ⇒ BUILTIN: time.parse_ns: parsing time "25": hour out of range
time.parse_ns ¦ "3PM" ¦ "13PM" ⇒ BUILTIN: time.parse_ns: parsing time "13PM": hour out of range
time.parse_ns ¦ "_2006" ¦ "_2020" ⇒ 1577836800000000000
time.parse_ns ¦ 1 ¦ "x" ⇒ TYPE: time.parse_ns: operand 1 must be string but got number
time.date ¦ 1582230225000000000 ⇒ [2020,2,20]
time.date ¦ [1582230225000000000, "America/New_York"] ⇒ [2020,2,20]
time.date ¦ [1582230225000000000, "Asia/Kolkata"] ⇒ [2020,2,21]
time.date ¦ [1582230225000000000, ""] ⇒ [2020,2,20]
time.date ¦ [1582230225000000000, "UTC"] ⇒ [2020,2,20]
time.date ¦ [1582230225000000000, "Nope/Zone"] ⇒ BUILTIN: time.date: unknown time zone Nope/Zone
time.date ¦ [1582230225000000000, "../etc"] ⇒ BUILTIN: time.date: time: invalid location name
time.date ¦ [1582230225000000000, 5] ⇒ TYPE: time.date: operand 1 must be string but got number
time.date ¦ [] ⇒ TYPE: time.date: operand 1 must be either number (ns) or [number (ns), string (tz)] but got array
time.date ¦ ["x"] ⇒ TYPE: time.date: operand 1 must be number but got string
time.date ¦ "x" ⇒ TYPE: time.date: operand 1 must be either number (ns) or [number (ns), string (tz)] but got string
time.date ¦ 1.5 ⇒ BUILTIN: time.date: timestamp too big
time.date ¦ 1e30 ⇒ BUILTIN: time.date: timestamp too big
time.date ¦ 1e3 ⇒ [1970,1,1]
time.date ¦ -1 ⇒ [1969,12,31]
time.date ¦ -9223372036854775808 ⇒ [1677,9,21]
time.date ¦ 9223372036854775807 ⇒ [2262,4,11]
time.date ¦ 9223372036854775808 ⇒ BUILTIN: time.date: timestamp too big
time.clock ¦ 1582230225123456789 ⇒ [20,23,45]
time.clock ¦ [1582230225000000000, "Europe/Paris"] ⇒ [21,23,45]
time.clock ¦ [1582230225000000000, "EST"] ⇒ [15,23,45]
time.clock ¦ [1582230225000000000, "Etc/GMT+5"] ⇒ [15,23,45]
time.weekday ¦ 1582230225000000000 ⇒ "Thursday"
time.weekday ¦ [1582230225000000000, "Pacific/Kiritimati"] ⇒ "Friday"
time.weekday ¦ 0 ⇒ "Thursday"
time.add_date ¦ 1582230225000000000 ¦ 1 ¦ 1 ¦ 1 ⇒ 1616358225000000000
time.add_date ¦ 1582230225000000000 ¦ 0 ¦ 0 ¦ 10 ⇒ 1583094225000000000
time.add_date ¦ 1580428800000000000 ¦ 0 ¦ 1 ¦ 0 ⇒ 1583107200000000000
time.add_date ¦ 1582230225000000000 ¦ -1 ¦ -13 ¦ -400 ⇒ 1481919825000000000
time.add_date ¦ 1582230225000000000 ¦ 300 ¦ 0 ¦ 0 ⇒ BUILTIN: time.add_date: time outside of valid range
time.add_date ¦ 1582230225000000000 ¦ 1.5 ¦ 0 ¦ 0 ⇒ TYPE: time.add_date: operand 2 must be integer number but got floating-point number
time.add_date ¦ 1582230225000000000 ¦ 1.0 ¦ 0 ¦ 0 ⇒ TYPE: time.add_date: operand 2 must be integer number but got floating-point number
time.add_date ¦ 1582230225000000000 ¦ "1" ¦ 0 ¦ 0 ⇒ TYPE: time.add_date: operand 2 must be number but got string
time.add_date ¦ "x" ¦ 1 ¦ 0 ¦ 0 ⇒ TYPE: time.add_date: operand 1 must be either number (ns) or [number (ns), string (tz)] but got string
time.diff ¦ 1582230225000000000 ¦ 1580428800000000000 ⇒ [0,0,20,20,23,45]
time.diff ¦ 1580428800000000000 ¦ 1582230225000000000 ⇒ [0,0,20,20,23,45]
time.diff ¦ [1582230225000000000, "America/New_York"] ¦ [1680428800000000000, "Asia/Tokyo"] ⇒ [3,1,10,14,22,55]
time.diff ¦ 1709164800000000000 ¦ 1711843199000000000 ⇒ [0,1,1,23,59,59]
time.diff ¦ 0 ¦ 1 ⇒ [0,0,0,0,0,0]
time.diff ¦ 1 ¦ "x" ⇒ TYPE: time.diff: operand 1 must be either number (ns) or [number (ns), string (tz)] but got string
time.format ¦ 1582230225123456789 ⇒ "2020-02-20T20:23:45.123456789Z"
time.format ¦ 1582230225000000000 ⇒ "2020-02-20T20:23:45Z"
time.format ¦ [1582230225000000000, "America/New_York"] ⇒ "2020-02-20T15:23:45-05:00"
time.format ¦ [1582230225000000000, "America/New_York", "RFC1123"] ⇒ "Thu, 20 Feb 2020 15:23:45 EST"
time.format ¦ [1582230225000000000, "America/New_York", "Mon Jan _2 15:04:05 MST 2006 -07:00 Z0700 pm"] ⇒ "Thu Feb 20 15:23:45 EST 2020 -05:00 -0500 pm"
time.format ¦ [1582230225120000000, "Asia/Kolkata", "2006-01-02 03:04:05.000 .999 ,999999 PM -0700 MST"] ⇒ "2020-02-21 01:53:45.120 .12 ,12 AM +0530 IST"
time.format ¦ [1582230225000000000, "Asia/Dubai", "MST"] ⇒ "+04"
time.format ¦ [1582230225000000000, "Asia/Kathmandu", "MST Z07:00:00 -07 002 __2"] ⇒ "+0545 +05:45:00 +05 052  52"
time.format ¦ [1582230225000000000, "", "January Monday 1 2 3 4 5 06"] ⇒ "February Thursday 2 20 8 23 45 20"
time.format ¦ [1582230225000000000, "UTC", "RFC850"] ⇒ "Thursday, 20-Feb-20 20:23:45 UTC"
time.format ¦ [1582230225000000000, "Europe/London", "ANSIC"] ⇒ "Thu Feb 20 20:23:45 2020"
time.format ¦ [1582230225000000000, "Etc/GMT-14", "MST -07"] ⇒ "+14 +14"
time.format ¦ [1582230225000000000, "UTC", "Jan Janx Monday Month"] ⇒ "Feb Janx Thursday Month"
time.format ¦ [-1, "UTC"] ⇒ "1969-12-31T23:59:59.999999999Z"
time.format ¦ [1582230225000000000, "UTC", 1] ⇒ TYPE: time.format: operand 1 must be string but got number
time.format ¦ {"a": 1} ⇒ TYPE: time.format: operand 1 must be either number (ns) or [number (ns), string (tz)] but got object
""";
}

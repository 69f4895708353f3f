package dev.ecsguard.rego.builtins;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * net.cidr_*: outcomes recorded from OPA 1.4.2 (opaeval -strict-builtin-errors, arguments through
 * input; net.cidr_overlap as Rego v0), plus what OPA cannot answer (it panics or never returns).
 */
class NetBuiltinsTest {
    @TestFactory
    List<DynamicTest> observedOpaOutcomes() {
        return OpaBuiltinsTable.cases(TABLE);
    }

    /** OPA 1.4.2 crashes (Go index out of range in internal/cidr/merge) on these; ecs-guard halts. */
    @Test
    void mergesThatCrashOpaHalt() {
        TestContext ctx = new TestContext();
        for (String arg : List.of(
                "[\"::ffff:1.2.3.0/120\", \"::ffff:1.2.4.0/120\"]",
                "[\"::ffff:1.2.3.0/120\", \"::ffff:1.2.3.0/120\"]",
                "[\"255.255.255.0/24\", \"::1:0:0:0/96\"]")) {
            String err = ctx.error("net.cidr_merge", arg);
            assertTrue(err.startsWith("HALT: net.cidr_merge: "), arg + " -> " + err);
        }
    }

    /** Recorded from OPA 1.4.2 like the table, whose format cannot end a message with a space. */
    @Test
    void emptyStringsAreInvalid() {
        TestContext ctx = new TestContext();
        assertEquals("BUILTIN: net.cidr_contains: not a valid textual representation of an IP address or CIDR: ",
                ctx.error("net.cidr_contains", "\"10.0.0.0/8\"", "\"\""));
        assertEquals("BUILTIN: net.cidr_contains: invalid CIDR address: ", ctx.error("net.cidr_contains", "\"\"", "\"10.0.0.1\""));
    }

    @Test
    void expandChargesEveryAddressBeforeBuildingTheSet() {
        TestContext ctx = new TestContext();
        ctx.callLit("net.cidr_expand", "\"10.0.0.0/24\"");
        assertEquals(256, ctx.charged);
        ctx.callLit("net.cidr_expand", "\"2001:db8::/120\"");
        assertEquals(512, ctx.charged);
    }

    /**
     * OPA 1.4.2 runs until cancelled on these (2^32 addresses, or forever for 0.0.0.0/0): refused by
     * the collection size limit before anything is built, or by the budget below it.
     */
    @Test
    void hugeExpansionsAreRefusedBeforeBuilding() {
        for (String cidr : List.of("0.0.0.0/0", "10.0.0.0/8", "::/0", "::ffff:0:0/96", "::ffff:0:0/95", "2001:db8::/64")) {
            TestContext ctx = new TestContext();
            long t0 = System.nanoTime();
            String err = ctx.error("net.cidr_expand", "\"" + cidr + "\"");
            assertTrue(err.startsWith("LIMIT: result exceeds the maximum collection size"), cidr + " -> " + err);
            assertTrue(System.nanoTime() - t0 < 1_000_000_000L, cidr);
        }
        TestContext small = new TestContext();
        small.budget = 1000;
        assertTrue(small.error("net.cidr_expand", "\"10.0.0.0/20\"").startsWith("HALT: "));
    }

    @Test
    void expansionCountsFollowGoContains() {
        // An IPv6 network stops before ::ffff:0.0.0.0, which Go's Contains never matches in it.
        assertEquals("4294967296", NetBuiltins.expandCount(NetIp.parseCidr("::ffff:0:0/95")).toString());
        assertEquals("281470681743360", NetBuiltins.expandCount(NetIp.parseCidr("::/0")).toString());
        assertEquals("4294967296", NetBuiltins.expandCount(NetIp.parseCidr("::ffff:0:0/96")).toString());
        assertEquals("1", NetBuiltins.expandCount(NetIp.parseCidr("::ffff:1.2.3.4/128")).toString());
        assertEquals("65536", NetBuiltins.expandCount(NetIp.parseCidr("ffff::/112")).toString());
    }

    @Test
    void containsMatchesChargesPairs() {
        TestContext ctx = new TestContext();
        ctx.callLit("net.cidr_contains_matches", "[\"10.0.0.0/8\", \"11.0.0.0/8\"]", "[\"10.1.1.1\", \"11.1.1.1\", \"12.1.1.1\"]");
        assertEquals(6, ctx.charged);
    }

    @Test
    void addressesAreFormattedAsGoDoes() {
        assertEquals("2001:db8::1:0:0:1", NetIp.ipString(NetIp.parseIp("2001:0db8:0000:0000:0001:0000:0000:0001")));
        assertEquals("2001:db8:0:1:1:1:1:1", NetIp.ipString(NetIp.parseIp("2001:db8:0:1:1:1:1:1")));
        assertEquals("::", NetIp.ipString(NetIp.parseIp("::")));
        assertEquals("1.2.3.4", NetIp.ipString(NetIp.parseIp("::ffff:1.2.3.4")));
        assertEquals("::102:304", NetIp.ipString(NetIp.parseIp("::1.2.3.4")));
        assertEquals("fe80::", NetIp.ipString(NetIp.parseIp("FE80:0:0:0:0:0:0:0")));
    }

    static final String TABLE = """
# net.cidr_contains: CIDR or IP in CIDR
net.cidr_contains ¦ "10.0.0.0/8" ¦ "10.1.2.3" ⇒ true
net.cidr_contains ¦ "10.0.0.0/8" ¦ "11.0.0.0" ⇒ false
net.cidr_contains ¦ "10.0.0.0/8" ¦ "10.255.255.255" ⇒ true
net.cidr_contains ¦ "10.1.2.3/8" ¦ "10.200.0.1" ⇒ true
net.cidr_contains ¦ "10.0.0.0/8" ¦ "10.1.0.0/16" ⇒ true
net.cidr_contains ¦ "10.0.0.0/8" ¦ "10.0.0.0/8" ⇒ true
net.cidr_contains ¦ "10.0.0.0/8" ¦ "10.0.0.0/7" ⇒ false
net.cidr_contains ¦ "10.0.0.0/8" ¦ "10.1.2.3/8" ⇒ true
net.cidr_contains ¦ "10.0.0.0/8" ¦ "10.1.2.3/32" ⇒ true
net.cidr_contains ¦ "0.0.0.0/0" ¦ "255.255.255.255" ⇒ true
net.cidr_contains ¦ "0.0.0.0/0" ¦ "0.0.0.0/0" ⇒ true
net.cidr_contains ¦ "192.168.1.0/24" ¦ "192.168.1.128/25" ⇒ true
net.cidr_contains ¦ "192.168.1.0/25" ¦ "192.168.1.0/24" ⇒ false
net.cidr_contains ¦ "192.168.1.1/32" ¦ "192.168.1.1" ⇒ true
net.cidr_contains ¦ "192.168.1.1/32" ¦ "192.168.1.2" ⇒ false
net.cidr_contains ¦ "2001:db8::/32" ¦ "2001:db8:1::1" ⇒ true
net.cidr_contains ¦ "2001:db8::/32" ¦ "2001:db9::1" ⇒ false
net.cidr_contains ¦ "2001:db8::/32" ¦ "2001:db8:ffff::/48" ⇒ true
net.cidr_contains ¦ "2001:db8::/48" ¦ "2001:db8::/32" ⇒ false
net.cidr_contains ¦ "2001:DB8::/32" ¦ "2001:db8::1" ⇒ true
net.cidr_contains ¦ "::/0" ¦ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" ⇒ true
net.cidr_contains ¦ "::/0" ¦ "::/0" ⇒ true
net.cidr_contains ¦ "::1/128" ¦ "::1" ⇒ true
net.cidr_contains ¦ "::/0" ¦ "1.2.3.4" ⇒ false
net.cidr_contains ¦ "::/0" ¦ "::ffff:1.2.3.4" ⇒ false
net.cidr_contains ¦ "::/0" ¦ "1.2.3.0/24" ⇒ false
net.cidr_contains ¦ "::/0" ¦ "::ffff:0:0/96" ⇒ false
net.cidr_contains ¦ "0.0.0.0/0" ¦ "::1" ⇒ false
net.cidr_contains ¦ "0.0.0.0/0" ¦ "::/0" ⇒ false
net.cidr_contains ¦ "1.2.3.0/24" ¦ "::ffff:1.2.3.4" ⇒ true
net.cidr_contains ¦ "1.2.3.0/24" ¦ "::ffff:102:304" ⇒ true
net.cidr_contains ¦ "1.2.3.0/24" ¦ "::1.2.3.4" ⇒ false
net.cidr_contains ¦ "::ffff:1.2.3.0/120" ¦ "1.2.3.4" ⇒ true
net.cidr_contains ¦ "::ffff:1.2.3.0/120" ¦ "1.2.4.4" ⇒ false
net.cidr_contains ¦ "::ffff:0:0/96" ¦ "8.8.8.8" ⇒ true
net.cidr_contains ¦ "::ffff:0:0/96" ¦ "0.0.0.0/0" ⇒ true
net.cidr_contains ¦ "::ffff:0:0/95" ¦ "8.8.8.8" ⇒ false
net.cidr_contains ¦ "::ffff:0:0/95" ¦ "::fffe:1:2" ⇒ true
net.cidr_contains ¦ "1.2.3.0/24" ¦ "::ffff:1.2.3.0/120" ⇒ true
net.cidr_contains ¦ "1.2.3.0/24" ¦ "::ffff:1.2.3.0/121" ⇒ true
net.cidr_contains ¦ "1.2.3.0/24" ¦ "::ffff:1.2.0.0/112" ⇒ false
net.cidr_contains ¦ "10.0.0.0/8" ¦ "10.01.2.3" ⇒ BUILTIN: net.cidr_contains: not a valid textual representation of an IP address or CIDR: 10.01.2.3
net.cidr_contains ¦ "10.0.0.0/8" ¦ "10.1.2" ⇒ BUILTIN: net.cidr_contains: not a valid textual representation of an IP address or CIDR: 10.1.2
net.cidr_contains ¦ "10.0.0.0/8" ¦ "foo" ⇒ BUILTIN: net.cidr_contains: not a valid textual representation of an IP address or CIDR: foo
net.cidr_contains ¦ "10.0.0.0/8" ¦ "10.0.0.0/33" ⇒ BUILTIN: net.cidr_contains: not a valid textual representation of an IP address or CIDR: 10.0.0.0/33
net.cidr_contains ¦ "fe80::/10" ¦ "fe80::1%eth0" ⇒ BUILTIN: net.cidr_contains: not a valid textual representation of an IP address or CIDR: fe80::1%eth0
net.cidr_contains ¦ "fe80::/10" ¦ "fe80::1%eth0/64" ⇒ BUILTIN: net.cidr_contains: not a valid textual representation of an IP address or CIDR: fe80::1%eth0/64
net.cidr_contains ¦ "10.0.0.0" ¦ "10.0.0.1" ⇒ BUILTIN: net.cidr_contains: invalid CIDR address: 10.0.0.0
net.cidr_contains ¦ "10.0.0.0/8x" ¦ "10.0.0.1" ⇒ BUILTIN: net.cidr_contains: invalid CIDR address: 10.0.0.0/8x
net.cidr_contains ¦ "foo" ¦ "bar" ⇒ BUILTIN: net.cidr_contains: invalid CIDR address: foo
net.cidr_contains ¦ 10 ¦ "10.0.0.1" ⇒ TYPE: net.cidr_contains: operand 1 must be string but got number
net.cidr_contains ¦ "10.0.0.0/8" ¦ 10 ⇒ TYPE: net.cidr_contains: operand 1 must be string but got number
net.cidr_contains ¦ "10.0.0.0/8" ¦ null ⇒ TYPE: net.cidr_contains: operand 1 must be string but got null
net.cidr_contains ¦ "10.0.0.0/8" ¦ ["10.0.0.1"] ⇒ TYPE: net.cidr_contains: operand 1 must be string but got array
net.cidr_contains ¦ {"10.0.0.0/8"} ¦ "10.0.0.1" ⇒ TYPE: net.cidr_contains: operand 1 must be string but got set
net.cidr_contains ¦ 1 ¦ 2 ⇒ TYPE: net.cidr_contains: operand 1 must be string but got number
# net.cidr_overlap (v0 only): cidr_contains under its old name
net.cidr_overlap ¦ "1.2.3.0/24" ¦ "1.2.3.4" ⇒ true
net.cidr_overlap ¦ "1.2.3.0/24" ¦ "1.2.4.4" ⇒ false
net.cidr_overlap ¦ "1.2.3.0/24" ¦ "1.2.3.0/25" ⇒ true
net.cidr_overlap ¦ "1.2.3.0/24" ¦ "1.2.0.0/16" ⇒ false
net.cidr_overlap ¦ "foo" ¦ "1.2.3.4" ⇒ BUILTIN: net.cidr_overlap: invalid CIDR address: foo
net.cidr_overlap ¦ "1.2.3.0/24" ¦ "bar" ⇒ BUILTIN: net.cidr_overlap: not a valid textual representation of an IP address or CIDR: bar
net.cidr_overlap ¦ "1.2.3.0/24" ¦ 1 ⇒ TYPE: net.cidr_overlap: operand 1 must be string but got number
# net.cidr_intersects
net.cidr_intersects ¦ "192.168.0.0/16" ¦ "192.168.1.0/24" ⇒ true
net.cidr_intersects ¦ "192.168.1.0/24" ¦ "192.168.0.0/16" ⇒ true
net.cidr_intersects ¦ "192.168.0.0/24" ¦ "192.168.1.0/24" ⇒ false
net.cidr_intersects ¦ "192.168.0.0/23" ¦ "192.168.1.128/25" ⇒ true
net.cidr_intersects ¦ "0.0.0.0/0" ¦ "1.2.3.4/32" ⇒ true
net.cidr_intersects ¦ "2001:db8::/32" ¦ "2001:db8:1::/48" ⇒ true
net.cidr_intersects ¦ "2001:db8::/32" ¦ "2001:db9::/32" ⇒ false
net.cidr_intersects ¦ "::/0" ¦ "0.0.0.0/0" ⇒ false
net.cidr_intersects ¦ "::ffff:0:0/96" ¦ "10.0.0.0/8" ⇒ true
net.cidr_intersects ¦ "10.0.0.0/8" ¦ "::ffff:10.1.0.0/112" ⇒ true
net.cidr_intersects ¦ "10.0.0.0/8" ¦ "10.1.2.3" ⇒ BUILTIN: net.cidr_intersects: invalid CIDR address: 10.1.2.3
net.cidr_intersects ¦ "10.1.2.3" ¦ "10.0.0.0/8" ⇒ BUILTIN: net.cidr_intersects: invalid CIDR address: 10.1.2.3
net.cidr_intersects ¦ "10.0.0.0/8" ¦ "foo" ⇒ BUILTIN: net.cidr_intersects: invalid CIDR address: foo
net.cidr_intersects ¦ "10.0.0.0/8" ¦ "10.0.0.0/-1" ⇒ BUILTIN: net.cidr_intersects: invalid CIDR address: 10.0.0.0/-1
net.cidr_intersects ¦ 1 ¦ "10.0.0.0/8" ⇒ TYPE: net.cidr_intersects: operand 1 must be string but got number
net.cidr_intersects ¦ "10.0.0.0/8" ¦ true ⇒ TYPE: net.cidr_intersects: operand 1 must be string but got boolean
# net.cidr_is_valid: Go's net.ParseCIDR syntax
net.cidr_is_valid ¦ "10.0.0.0/8" ⇒ true
net.cidr_is_valid ¦ "10.1.2.3/8" ⇒ true
net.cidr_is_valid ¦ "0.0.0.0/0" ⇒ true
net.cidr_is_valid ¦ "255.255.255.255/32" ⇒ true
net.cidr_is_valid ¦ "1.2.3.4/33" ⇒ false
net.cidr_is_valid ¦ "1.2.3.4/024" ⇒ true
net.cidr_is_valid ¦ "1.2.3.4/-1" ⇒ false
net.cidr_is_valid ¦ "1.2.3.4/+8" ⇒ false
net.cidr_is_valid ¦ "1.2.3.4/" ⇒ false
net.cidr_is_valid ¦ "1.2.3.4/ 8" ⇒ false
net.cidr_is_valid ¦ "1.2.3.4 /8" ⇒ false
net.cidr_is_valid ¦ " 1.2.3.4/8" ⇒ false
net.cidr_is_valid ¦ "1.2.3.4/8 " ⇒ false
net.cidr_is_valid ¦ "1.2.3.4/8/8" ⇒ false
net.cidr_is_valid ¦ "1.2.3.4/99999999999" ⇒ false
net.cidr_is_valid ¦ "1.2.3.4" ⇒ false
net.cidr_is_valid ¦ "01.2.3.4/8" ⇒ false
net.cidr_is_valid ¦ "0.0.0.00/8" ⇒ false
net.cidr_is_valid ¦ "1.2.3/8" ⇒ false
net.cidr_is_valid ¦ "1.2.3.4.5/8" ⇒ false
net.cidr_is_valid ¦ "1.2.3./8" ⇒ false
net.cidr_is_valid ¦ ".1.2.3/8" ⇒ false
net.cidr_is_valid ¦ "1..2.3/8" ⇒ false
net.cidr_is_valid ¦ "256.1.1.1/8" ⇒ false
net.cidr_is_valid ¦ "0x1.2.3.4/8" ⇒ false
net.cidr_is_valid ¦ "１.2.3.4/8" ⇒ false
net.cidr_is_valid ¦ "1.2.3.4/２4" ⇒ false
net.cidr_is_valid ¦ "/8" ⇒ false
net.cidr_is_valid ¦ "/" ⇒ false
net.cidr_is_valid ¦ "" ⇒ false
net.cidr_is_valid ¦ "localhost/8" ⇒ false
net.cidr_is_valid ¦ "::/0" ⇒ true
net.cidr_is_valid ¦ "::/128" ⇒ true
net.cidr_is_valid ¦ "::/129" ⇒ false
net.cidr_is_valid ¦ "::1/0128" ⇒ true
net.cidr_is_valid ¦ "2001:db8::/32" ⇒ true
net.cidr_is_valid ¦ "2001:DB8::/32" ⇒ true
net.cidr_is_valid ¦ "2001:db8::1:0:0:1/64" ⇒ true
net.cidr_is_valid ¦ "1:2:3:4:5:6:7:8/64" ⇒ true
net.cidr_is_valid ¦ "1:2:3:4:5:6:7::/64" ⇒ true
net.cidr_is_valid ¦ "::2:3:4:5:6:7:8/64" ⇒ true
net.cidr_is_valid ¦ "1:2:3:4:5:6:7:8::/64" ⇒ false
net.cidr_is_valid ¦ "1:2:3:4:5:6:7:8:9/64" ⇒ false
net.cidr_is_valid ¦ "1:2:3:4:5:6:7/64" ⇒ false
net.cidr_is_valid ¦ "1::2::3/64" ⇒ false
net.cidr_is_valid ¦ ":::/64" ⇒ false
net.cidr_is_valid ¦ ":1::/64" ⇒ false
net.cidr_is_valid ¦ "1::/64" ⇒ true
net.cidr_is_valid ¦ "1:/64" ⇒ false
net.cidr_is_valid ¦ "::0001/128" ⇒ true
net.cidr_is_valid ¦ "::00001/128" ⇒ false
net.cidr_is_valid ¦ "::10000/128" ⇒ false
net.cidr_is_valid ¦ "::g/128" ⇒ false
net.cidr_is_valid ¦ "::ffff:1.2.3.4/128" ⇒ true
net.cidr_is_valid ¦ "::ffff:1.2.3.4/129" ⇒ false
net.cidr_is_valid ¦ "::1.2.3.4/128" ⇒ true
net.cidr_is_valid ¦ "1:2:3:4:5:6:1.2.3.4/128" ⇒ true
net.cidr_is_valid ¦ "1:2:3:4:5:6:7:1.2.3.4/128" ⇒ false
net.cidr_is_valid ¦ "1:2:3:4:5:1.2.3.4/128" ⇒ false
net.cidr_is_valid ¦ "::1.2.3.04/128" ⇒ false
net.cidr_is_valid ¦ "::1.2.3/128" ⇒ false
net.cidr_is_valid ¦ "1.2.3.4::/128" ⇒ false
net.cidr_is_valid ¦ "fe80::1%eth0/64" ⇒ false
net.cidr_is_valid ¦ "fe80::1%/64" ⇒ false
net.cidr_is_valid ¦ "%eth0/64" ⇒ false
net.cidr_is_valid ¦ "[::1]/128" ⇒ false
net.cidr_is_valid ¦ 1 ⇒ false
net.cidr_is_valid ¦ null ⇒ false
net.cidr_is_valid ¦ ["10.0.0.0/8"] ⇒ false
# net.cidr_expand
net.cidr_expand ¦ "192.168.0.0/30" ⇒ ["192.168.0.0","192.168.0.1","192.168.0.2","192.168.0.3"]
net.cidr_expand ¦ "192.168.0.1/30" ⇒ ["192.168.0.0","192.168.0.1","192.168.0.2","192.168.0.3"]
net.cidr_expand ¦ "192.168.0.1/32" ⇒ ["192.168.0.1"]
net.cidr_expand ¦ "192.168.0.0/31" ⇒ ["192.168.0.0","192.168.0.1"]
net.cidr_expand ¦ "255.255.255.252/30" ⇒ ["255.255.255.252","255.255.255.253","255.255.255.254","255.255.255.255"]
net.cidr_expand ¦ "0.0.0.0/30" ⇒ ["0.0.0.0","0.0.0.1","0.0.0.2","0.0.0.3"]
net.cidr_expand ¦ "10.0.0.248/29" ⇒ ["10.0.0.248","10.0.0.249","10.0.0.250","10.0.0.251","10.0.0.252","10.0.0.253","10.0.0.254","10.0.0.255"]
net.cidr_expand ¦ "2001:db8::/126" ⇒ ["2001:db8::","2001:db8::1","2001:db8::2","2001:db8::3"]
net.cidr_expand ¦ "2001:db8::1/128" ⇒ ["2001:db8::1"]
net.cidr_expand ¦ "::/127" ⇒ ["::","::1"]
net.cidr_expand ¦ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127" ⇒ ["ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe","ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]
net.cidr_expand ¦ "::ffff:1.2.3.0/126" ⇒ ["1.2.3.0","1.2.3.1","1.2.3.2","1.2.3.3"]
net.cidr_expand ¦ "::ffff:255.255.255.255/128" ⇒ ["255.255.255.255"]
net.cidr_expand ¦ "::fffe:ffff:fffe/127" ⇒ ["::fffe:ffff:fffe","::fffe:ffff:ffff"]
net.cidr_expand ¦ "::fffe:ffff:ffff/127" ⇒ ["::fffe:ffff:fffe","::fffe:ffff:ffff"]
net.cidr_expand ¦ "::1.2.3.4/127" ⇒ ["::102:304","::102:305"]
net.cidr_expand ¦ "2001:db8:0:0:1:0:0:0/126" ⇒ ["2001:db8:0:0:1::","2001:db8::1:0:0:1","2001:db8::1:0:0:2","2001:db8::1:0:0:3"]
net.cidr_expand ¦ "192.168.1.1/33" ⇒ BUILTIN: net.cidr_expand: invalid CIDR address: 192.168.1.1/33
net.cidr_expand ¦ "192.168.1.1" ⇒ BUILTIN: net.cidr_expand: invalid CIDR address: 192.168.1.1
net.cidr_expand ¦ "::1" ⇒ BUILTIN: net.cidr_expand: invalid CIDR address: ::1
net.cidr_expand ¦ "foo" ⇒ BUILTIN: net.cidr_expand: invalid CIDR address: foo
net.cidr_expand ¦ 1 ⇒ TYPE: net.cidr_expand: operand 1 must be string but got number
net.cidr_expand ¦ ["10.0.0.0/32"] ⇒ TYPE: net.cidr_expand: operand 1 must be string but got array
# net.cidr_merge
net.cidr_merge ¦ [] ⇒ []
net.cidr_merge ¦ set() ⇒ []
net.cidr_merge ¦ ["192.0.128.0/24", "192.0.129.0/24"] ⇒ ["192.0.128.0/23"]
net.cidr_merge ¦ {"192.0.128.0/24", "192.0.129.0/24"} ⇒ ["192.0.128.0/23"]
net.cidr_merge ¦ ["192.0.128.0/24", "192.0.130.0/24"] ⇒ ["192.0.128.0/24","192.0.130.0/24"]
net.cidr_merge ¦ ["192.0.129.0/24", "192.0.130.0/24"] ⇒ ["192.0.129.0/24","192.0.130.0/24"]
net.cidr_merge ¦ ["10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24"] ⇒ ["10.0.0.0/8"]
net.cidr_merge ¦ ["10.1.2.3/8"] ⇒ ["10.0.0.0/8"]
net.cidr_merge ¦ ["10.1.2.3/8", "10.0.0.0/8"] ⇒ ["10.0.0.0/8"]
net.cidr_merge ¦ ["192.0.2.112/30", "192.0.2.116/31", "192.0.2.118/31"] ⇒ ["192.0.2.112/29"]
net.cidr_merge ¦ ["192.0.2.112/31", "192.0.2.116/31", "192.0.2.118/31"] ⇒ ["192.0.2.112/31","192.0.2.116/30"]
net.cidr_merge ¦ ["192.0.2.0/26", "192.0.2.64/26", "192.0.2.128/26"] ⇒ ["192.0.2.0/25","192.0.2.128/26"]
net.cidr_merge ¦ ["192.0.2.1/32", "192.0.2.2/31", "192.0.2.4/30", "192.0.2.8/29", "192.0.2.16/28", "192.0.2.32/27"] ⇒ ["192.0.2.1/32","192.0.2.16/28","192.0.2.2/31","192.0.2.32/27","192.0.2.4/30","192.0.2.8/29"]
net.cidr_merge ¦ ["0.0.0.0/1", "128.0.0.0/1"] ⇒ ["0.0.0.0/0"]
net.cidr_merge ¦ ["0.0.0.0/0", "10.0.0.0/8"] ⇒ ["0.0.0.0/0"]
net.cidr_merge ¦ ["255.255.255.255/32", "255.255.255.254/32"] ⇒ ["255.255.255.254/31"]
net.cidr_merge ¦ ["0.0.0.0/32", "0.0.0.1/32"] ⇒ ["0.0.0.0/31"]
net.cidr_merge ¦ ["192.0.2.112"] ⇒ ["192.0.2.112/24"]
net.cidr_merge ¦ ["192.0.2.112", "192.0.2.113"] ⇒ ["192.0.2.0/24"]
net.cidr_merge ¦ ["192.0.2.112", "192.0.2.0/24"] ⇒ ["192.0.2.0/24"]
net.cidr_merge ¦ ["10.1.2.3", "172.16.1.2", "224.0.0.1"] ⇒ ["10.1.2.3/8","172.16.1.2/16","224.0.0.1/24"]
net.cidr_merge ¦ ["10.0.0.1", "10.0.0.2/31"] ⇒ ["10.0.0.0/8"]
net.cidr_merge ¦ ["::ffff:10.1.2.3"] ⇒ ["10.1.2.3/8"]
net.cidr_merge ¦ ["2001:db8::/33", "2001:db8:8000::/33"] ⇒ ["2001:db8::/32"]
net.cidr_merge ¦ ["2001:db8::/48", "2001:db8:1::/48", "2001:db8:2::/47"] ⇒ ["2001:db8::/46"]
net.cidr_merge ¦ ["2001:db8::1/128", "2001:db8::2/127"] ⇒ ["2001:db8::1/128","2001:db8::2/127"]
net.cidr_merge ¦ ["2001:db8::/32", "2001:db8:1::1/128"] ⇒ ["2001:db8::/32"]
net.cidr_merge ¦ ["::/1", "8000::/1"] ⇒ ["::/0"]
net.cidr_merge ¦ ["::1:0/112", "::2:0/112"] ⇒ ["::1:0/112","::2:0/112"]
net.cidr_merge ¦ ["::/0", "fe80::1/128"] ⇒ ["::/0"]
net.cidr_merge ¦ ["fe80::/120", "192.0.2.0/24", "192.0.3.0/24"] ⇒ ["192.0.2.0/23","fe80::/120"]
net.cidr_merge ¦ ["0.0.0.0/0", "::/0"] ⇒ ["::/0"]
net.cidr_merge ¦ ["10.0.0.0/8", "::/0"] ⇒ ["::/0"]
net.cidr_merge ¦ ["::ffff:1.2.3.0/120"] ⇒ ["1.2.3.0/24"]
net.cidr_merge ¦ ["::ffff:1.2.3.0/120", "1.2.3.0/24"] ⇒ ["1.2.3.0/24"]
net.cidr_merge ¦ ["1.2.3.0/25", "1.2.3.128/25", "::ffff:1.2.4.0/120"] ⇒ ["1.2.3.0/24","1.2.4.0/24"]
net.cidr_merge ¦ ["::ffff:0:0/96"] ⇒ ["0.0.0.0/0"]
net.cidr_merge ¦ ["::ffff:0:0/95"] ⇒ ["::fffe:0:0/95"]
net.cidr_merge ¦ ["::1"] ⇒ BUILTIN: net.cidr_merge: IPv6 invalid: needs prefix length
net.cidr_merge ¦ ["10.0.0.0/8", "::1"] ⇒ BUILTIN: net.cidr_merge: IPv6 invalid: needs prefix length
net.cidr_merge ¦ ["foo"] ⇒ BUILTIN: net.cidr_merge: invalid CIDR address: foo
net.cidr_merge ¦ ["10.0.0.0/33"] ⇒ BUILTIN: net.cidr_merge: invalid CIDR address: 10.0.0.0/33
net.cidr_merge ¦ ["10.0.0.0/8", 1] ⇒ BUILTIN: net.cidr_merge: element must be string
net.cidr_merge ¦ [null] ⇒ BUILTIN: net.cidr_merge: element must be string
net.cidr_merge ¦ "10.0.0.0/8" ⇒ BUILTIN: net.cidr_merge: operand must be an array
net.cidr_merge ¦ {"a": "10.0.0.0/8"} ⇒ BUILTIN: net.cidr_merge: operand must be an array
net.cidr_merge ¦ 1 ⇒ BUILTIN: net.cidr_merge: operand must be an array
# net.cidr_contains_matches
net.cidr_contains_matches ¦ "1.1.1.0/24" ¦ "1.1.1.128" ⇒ [["1.1.1.0/24","1.1.1.128"]]
net.cidr_contains_matches ¦ "1.1.1.0/24" ¦ "1.1.2.128" ⇒ []
net.cidr_contains_matches ¦ ["1.1.1.0/24", "1.1.2.0/24"] ¦ "1.1.1.128" ⇒ [[0,"1.1.1.128"]]
net.cidr_contains_matches ¦ ["1.1.1.0/24", "1.1.0.0/16"] ¦ ["1.1.1.128", "1.1.2.0/24", "2.0.0.1"] ⇒ [[0,0],[1,0],[1,1]]
net.cidr_contains_matches ¦ [["1.1.0.0/16", "foo"], ["1.1.2.0/24", "bar"]] ¦ [["1.1.1.128", "x"], ["1.1.2.3", 1, 2]] ⇒ [[0,0],[0,1],[1,1]]
net.cidr_contains_matches ¦ {"1.1.0.0/16", "1.1.2.0/24"} ¦ {"1.1.1.128", "1.1.2.1"} ⇒ [["1.1.0.0/16","1.1.1.128"],["1.1.0.0/16","1.1.2.1"],["1.1.2.0/24","1.1.2.1"]]
net.cidr_contains_matches ¦ {["1.1.0.0/16", "foo"], "1.1.2.0/24"} ¦ {"x": "1.1.1.128", "y": ["1.1.254.254", "bar"]} ⇒ [[["1.1.0.0/16","foo"],"x"],[["1.1.0.0/16","foo"],"y"]]
net.cidr_contains_matches ¦ {"a": "10.0.0.0/8", "b": ["192.168.0.0/16", {"k": 1}]} ¦ {"h1": "10.1.2.3", "h2": "192.168.1.1", "h3": "8.8.8.8"} ⇒ [["a","h1"],["b","h2"]]
net.cidr_contains_matches ¦ {1: "10.0.0.0/8"} ¦ "10.0.0.1" ⇒ [[1,"10.0.0.1"]]
net.cidr_contains_matches ¦ "::/0" ¦ ["::1", "1.2.3.4", "2001:db8::/32"] ⇒ [["::/0",0],["::/0",2]]
net.cidr_contains_matches ¦ ["::ffff:0:0/96", "0.0.0.0/0"] ¦ ["1.2.3.4", "::ffff:1.2.3.4"] ⇒ [[0,0],[0,1],[1,0],[1,1]]
net.cidr_contains_matches ¦ [] ¦ "1.1.1.1" ⇒ []
net.cidr_contains_matches ¦ "1.1.1.0/24" ¦ [] ⇒ []
net.cidr_contains_matches ¦ set() ¦ {} ⇒ []
net.cidr_contains_matches ¦ 1 ¦ "1.1.1.1" ⇒ []
net.cidr_contains_matches ¦ "1.1.1.0/24" ¦ 1 ⇒ []
net.cidr_contains_matches ¦ null ¦ [1] ⇒ []
net.cidr_contains_matches ¦ "1.1.1.0/24" ¦ [1] ⇒ BUILTIN: net.cidr_contains_matches: operand 2: element must be string or non-empty array
net.cidr_contains_matches ¦ [1] ¦ "1.1.1.1" ⇒ BUILTIN: net.cidr_contains_matches: operand 1: element must be string or non-empty array
net.cidr_contains_matches ¦ [[]] ¦ "1.1.1.1" ⇒ BUILTIN: net.cidr_contains_matches: operand 1: element must be string or non-empty array
net.cidr_contains_matches ¦ "1.1.1.0/24" ¦ {[]} ⇒ BUILTIN: net.cidr_contains_matches: operand 2: element must be string or non-empty array
net.cidr_contains_matches ¦ "1.1.1.0/24" ¦ {"a": 1} ⇒ BUILTIN: net.cidr_contains_matches: operand 2: element must be string or non-empty array
net.cidr_contains_matches ¦ [] ¦ [1] ⇒ []
net.cidr_contains_matches ¦ [1] ¦ [] ⇒ BUILTIN: net.cidr_contains_matches: operand 1: element must be string or non-empty array
net.cidr_contains_matches ¦ [[1]] ¦ "1.1.1.1" ⇒ TYPE: net.cidr_contains_matches: operand 1 must be string but got number
net.cidr_contains_matches ¦ "1.1.1.0/24" ¦ [[1]] ⇒ TYPE: net.cidr_contains_matches: operand 1 must be string but got number
net.cidr_contains_matches ¦ "foo" ¦ "1.1.1.1" ⇒ BUILTIN: net.cidr_contains_matches: invalid CIDR address: foo
net.cidr_contains_matches ¦ "1.1.1.0/24" ¦ "foo" ⇒ BUILTIN: net.cidr_contains_matches: not a valid textual representation of an IP address or CIDR: foo
net.cidr_contains_matches ¦ "1.1.1.1" ¦ "1.1.1.1" ⇒ BUILTIN: net.cidr_contains_matches: invalid CIDR address: 1.1.1.1
net.cidr_contains_matches ¦ ["1.1.1.0/24", "bad"] ¦ ["1.1.1.1", "worse"] ⇒ BUILTIN: net.cidr_contains_matches: not a valid textual representation of an IP address or CIDR: worse
net.cidr_contains_matches ¦ ["1.1.1.0/24", "bad"] ¦ [] ⇒ []
""";
}

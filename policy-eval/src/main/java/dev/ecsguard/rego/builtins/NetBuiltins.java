package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.builtins.NetIp.Net;
import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OPA's net.cidr_* builtins (topdown/cidr.go) on Go's net package semantics ({@link NetIp}):
 * strict address syntax (no leading zeros in IPv4 fields, at most four hex digits per IPv6 group,
 * no zones), IPv4-mapped IPv6 addresses and networks matching IPv4 ones, Go's error texts
 * ({@code invalid CIDR address: ...}). {@code net.lookup_ip_addr} is out of scope (DNS).
 *
 * <p>Operand errors are worded as OPA words them, including its quirk of calling every string
 * operand of cidr_contains / cidr_intersects "operand 1". {@code net.cidr_expand} charges the
 * evaluation budget for every address before building the set; OPA 1.4.2 would loop until
 * cancelled on {@code 0.0.0.0/0}.
 */
public final class NetBuiltins implements BuiltinNamespace {
    /** A bound on one expansion, whatever the budget: the largest set this engine can build. */
    static final long MAX_EXPAND = Integer.MAX_VALUE - 8;

    private static final Type MATCH_ELEMENT = Type.anyOf(Type.STRING, Type.ARRAY_ANY);
    private static final Type MATCH_OPERAND = Type.anyOf(
            Type.STRING,
            Type.arrayOf(MATCH_ELEMENT),
            Type.setOf(MATCH_ELEMENT),
            Type.objectOf(Type.STRING, MATCH_ELEMENT));

    @Override
    public void register(BuiltinRegistry r) {
        r.register("net.cidr_contains", Type.BOOLEAN, (a, c) -> contains("net.cidr_contains", a[0], a[1]),
                Type.STRING, Type.STRING);
        // Deprecated v0 name of cidr_contains (the compiler rejects it in Rego v1).
        r.register("net.cidr_overlap", Type.BOOLEAN, (a, c) -> contains("net.cidr_overlap", a[0], a[1]),
                Type.STRING, Type.STRING);
        r.register("net.cidr_intersects", Type.BOOLEAN, NetBuiltins::intersects, Type.STRING, Type.STRING);
        r.register("net.cidr_expand", Type.setOf(Type.STRING), NetBuiltins::expand, Type.STRING);
        r.register("net.cidr_is_valid", Type.BOOLEAN, NetBuiltins::isValid, Type.STRING);
        r.register("net.cidr_merge", Type.setOf(Type.STRING), NetBuiltins::merge,
                Type.anyOf(Type.arrayOf(Type.STRING), Type.setOf(Type.STRING)));
        r.register("net.cidr_contains_matches", Type.setOf(Type.tuple(Type.ANY, Type.ANY)), NetBuiltins::containsMatches,
                MATCH_OPERAND, MATCH_OPERAND);
    }

    // ---- operands ----------------------------------------------------------------------------

    /** OPA's getNetFromOperand: always reports a non-string as operand 1. */
    private static Net net(String name, Value v) {
        String s = string(name, v);
        Net n = NetIp.parseCidr(s);
        if (n == null) throw invalidCidr(name, s);
        return n;
    }

    private static String string(String name, Value v) {
        if (v instanceof StringValue s) return s.value();
        throw BuiltinException.operand(name, 1, "string", v);
    }

    private static BuiltinException invalidCidr(String name, String s) {
        return BuiltinException.failure(name, "invalid CIDR address: " + s);
    }

    // ---- cidr_contains, cidr_intersects, cidr_is_valid -------------------------------------

    private static Value contains(String name, Value cidr, Value cidrOrIp) {
        return BooleanValue.of(contains(name, net(name, cidr), cidrOrIp));
    }

    private static boolean contains(String name, Net a, Value cidrOrIp) {
        String b = string(name, cidrOrIp);
        byte[] ip = NetIp.parseIp(b);
        if (ip != null) return NetIp.contains(a, ip);
        Net bNet = NetIp.parseCidr(b);
        if (bNet == null) {
            throw BuiltinException.failure(name, "not a valid textual representation of an IP address or CIDR: " + b);
        }
        // a contains b when it contains b's first and last addresses.
        return NetIp.contains(a, bNet.ip()) && NetIp.contains(a, lastIp(name, bNet));
    }

    /** OPA's getLastIP: the network's highest address, in the length of its mask. */
    private static byte[] lastIp(String name, Net n) {
        int[] size = NetIp.maskSize(n.mask());
        int ones = size[0], bits = size[1];
        if (ones == 0 && bits == 0) throw BuiltinException.failure(name, "CIDR mask is in non-standard format");
        if (ones == bits) return n.ip();
        BigInteger last = new BigInteger(1, n.ip()).or(BigInteger.ONE.shiftLeft(bits - ones).subtract(BigInteger.ONE));
        byte[] b = last.toByteArray();
        byte[] out = new byte[bits / 8];
        int copy = Math.min(out.length, b.length);
        System.arraycopy(b, b.length - copy, out, out.length - copy, copy);
        return out;
    }

    private static Value intersects(Value[] args, BuiltinContext ctx) {
        String name = "net.cidr_intersects";
        Net a = net(name, args[0]);
        Net b = net(name, args[1]);
        return BooleanValue.of(NetIp.contains(a, b.ip()) || NetIp.contains(b, a.ip()));
    }

    private static Value isValid(Value[] args, BuiltinContext ctx) {
        return BooleanValue.of(args[0] instanceof StringValue s && NetIp.parseCidr(s.value()) != null);
    }

    // ---- cidr_expand -------------------------------------------------------------------------

    private static Value expand(Value[] args, BuiltinContext ctx) {
        String name = "net.cidr_expand";
        String s = string(name, args[0]);
        Net n = NetIp.parseCidr(s);
        if (n == null) throw invalidCidr(name, s);
        BigInteger count = expandCount(n);
        WorkLimits.checkCollection(ctx, count.bitLength() < 63 ? count.longValue() : Long.MAX_VALUE);
        ctx.charge(count.bitLength() < 63 ? count.longValue() : Long.MAX_VALUE);
        if (count.compareTo(BigInteger.valueOf(MAX_EXPAND)) > 0) {
            throw new BuiltinException(BuiltinException.Kind.HALT,
                    name + ": " + s + " has " + count + " addresses, more than can be expanded");
        }
        // OPA: from the network address, add addresses while the network contains them.
        byte[] ip = n.ip().clone();
        Value[] out = new Value[count.intValue()];
        int k = 0;
        while (k < out.length && NetIp.contains(n, ip)) {
            out[k++] = StringValue.of(NetIp.ipString(ip));
            for (int j = ip.length - 1; j >= 0; j--) {
                if (++ip[j] != 0) break;
            }
        }
        if (k != out.length) out = java.util.Arrays.copyOf(out, k);
        return SetValue.fromUnsorted(out);
    }

    /**
     * How many addresses OPA's loop visits: the whole network, except that an IPv6 network (not
     * IPv4-mapped) stops before {@code ::ffff:0.0.0.0}, which Go's Contains never matches there;
     * IPv4 {@code /0} wraps around forever in OPA and counts as 2^32 here.
     */
    static BigInteger expandCount(Net n) {
        byte[] nn = NetIp.networkNumber(n);
        byte[] m = NetIp.networkMask(n);
        if (nn == null) return BigInteger.ZERO;
        int hostBits = nn.length * 8 - NetIp.simpleMaskLength(m);
        BigInteger size = BigInteger.ONE.shiftLeft(hostBits);
        if (nn.length == 16) {
            BigInteger start = new BigInteger(1, nn);
            BigInteger last = start.add(size).subtract(BigInteger.ONE);
            BigInteger mapped = BigInteger.valueOf(0xffff_0000_0000L);
            if (start.compareTo(mapped) < 0 && last.compareTo(mapped) >= 0) return mapped.subtract(start);
        }
        return size;
    }

    // ---- cidr_merge --------------------------------------------------------------------------

    private static Value merge(Value[] args, BuiltinContext ctx) {
        String name = "net.cidr_merge";
        List<Value> elems = switch (args[0]) {
            case ArrayValue a -> a.asList();
            case SetValue s -> s.asList();
            default -> throw BuiltinException.failure(name, "operand must be an array");
        };
        List<Net> networks = new ArrayList<>(elems.size());
        for (Value e : elems) networks.add(mergeElement(name, e));
        List<Net> merged;
        try {
            merged = NetMerge.merge(networks);
        } catch (IndexOutOfBoundsException | NegativeArraySizeException e) {
            // OPA 1.4.2 crashes with a Go runtime panic on these inputs (IPv4-mapped IPv6 networks
            // that need merging, IPv4 ranges adjacent to IPv6 ones): there is no result to match.
            throw new BuiltinException(BuiltinException.Kind.HALT, name
                    + ": these networks cannot be merged (OPA 1.4.2 fails with a runtime panic on them)");
        }
        Value[] out = new Value[merged.size()];
        for (int i = 0; i < out.length; i++) out[i] = StringValue.of(NetIp.netString(merged.get(i)));
        return SetValue.fromUnsorted(out);
    }

    /** OPA's generateIPNet: a CIDR, or an IPv4 address with its classful default mask. */
    private static Net mergeElement(String name, Value v) {
        if (!(v instanceof StringValue sv)) throw BuiltinException.failure(name, "element must be string");
        String s = sv.value();
        byte[] ip = NetIp.parseIp(s);
        if (ip == null) {
            Net n = NetIp.parseCidr(s);
            if (n == null) throw invalidCidr(name, s);
            return n;
        }
        if (NetIp.to4(ip).length != 0) return new Net(ip, NetIp.defaultMask(ip));
        throw BuiltinException.failure(name, "IPv6 invalid: needs prefix length");
    }

    // ---- cidr_contains_matches ---------------------------------------------------------------

    private interface MatchVisitor {
        void visit(Value cidr, Value key);
    }

    private static Value containsMatches(Value[] args, BuiltinContext ctx) {
        String name = "net.cidr_contains_matches";
        SetValue.Builder result = SetValue.builder();
        Map<String, Net> nets = new HashMap<>();
        int inner = size(args[1]);
        visitMatchOperand(name, 1, args[0], (cidr1, key1) -> {
            if (inner > 0) ctx.charge(inner);
            visitMatchOperand(name, 2, args[1], (cidr2, key2) -> {
                Net a = cidr1 instanceof StringValue s ? nets.computeIfAbsent(s.value(), k -> net(name, cidr1)) : net(name, cidr1);
                if (contains(name, a, cidr2)) result.add(ArrayValue.of(key1, key2));
            });
        });
        return result.build();
    }

    private static int size(Value v) {
        return switch (v) {
            case StringValue s -> 1;
            case ArrayValue a -> a.size();
            case SetValue s -> s.size();
            case ObjectValue o -> o.size();
            default -> 0;
        };
    }

    /**
     * OPA's evalNetCIDRContainsMatchesOperand: a string is its own key; array elements are keyed by
     * index, set elements by themselves, object values by their key; an element is a CIDR / IP
     * string or an array whose first item is one. Other operand types contribute nothing.
     */
    private static void visitMatchOperand(String name, int operand, Value v, MatchVisitor f) {
        switch (v) {
            case StringValue s -> f.visit(s, s);
            case ArrayValue a -> {
                for (int i = 0; i < a.size(); i++) f.visit(matchCidr(name, operand, a.get(i)), NumberValue.of(i));
            }
            case SetValue s -> {
                for (int i = 0; i < s.size(); i++) f.visit(matchCidr(name, operand, s.get(i)), s.get(i));
            }
            case ObjectValue o -> {
                for (int i = 0; i < o.size(); i++) f.visit(matchCidr(name, operand, o.valueAt(i)), o.keyAt(i));
            }
            default -> { }
        }
    }

    private static Value matchCidr(String name, int operand, Value element) {
        if (element instanceof StringValue) return element;
        if (element instanceof ArrayValue a && a.size() > 0) return a.get(0);
        throw BuiltinException.failure(name, "operand " + operand + ": element must be string or non-empty array");
    }
}

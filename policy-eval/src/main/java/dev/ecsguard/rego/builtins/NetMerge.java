package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.builtins.NetIp.Net;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code net.cidr_merge}'s algorithm as OPA 1.4.2 runs it (topdown/cidr.go with the range helpers
 * of internal/cidr/merge, after netaddr and Cilium), reproduced step by step on Go's byte-slice
 * semantics ({@link NetIp}) so that its results match OPA's, quirks included:
 * <ul>
 *   <li>IPv4 ranges are compared as IPv4-mapped IPv6 byte strings, so IPv4 and IPv6 networks sort
 *       and merge in one sequence ({@code ["0.0.0.0/0", "::/0"]} gives {@code ["::/0"]});</li>
 *   <li>a network that merges with nothing is printed as given: a bare IPv4 address gets its
 *       classful default mask without being masked ({@code "192.0.2.112"} → {@code "192.0.2.112/24"});</li>
 *   <li>ranges are compared with {@code bytes.Compare}, whatever their lengths; IPv4-mapped IPv6
 *       networks yield 28-byte "addresses" there, and merging two of them (or an IPv4 range with an
 *       adjacent IPv6 one) makes Go index out of range, which crashes OPA. Those paths throw
 *       {@link IndexOutOfBoundsException} or {@link NegativeArraySizeException} here at the same
 *       points, and the builtin reports them as a halting error.</li>
 * </ul>
 * Big integers are Go's {@code big.Int}: {@code SetBytes} reads unsigned big-endian bytes and
 * {@code Bytes} writes the minimal big-endian magnitude (empty for zero).
 */
final class NetMerge {
    private NetMerge() {}

    private static final byte[] DEFAULT_V4 = NetIp.mapped(new byte[4]);
    private static final byte[] DEFAULT_V6 = new byte[16];
    private static final byte[] UPPER_V4 = NetIp.mapped(new byte[] {-1, -1, -1, -1});
    private static final byte[] UPPER_V6 = filled(16, (byte) 0xff);
    private static final byte[] V4_LEADING_ZEROES = new byte[10];

    /** A block of addresses; {@code network} is the input network it came from, null once merged. */
    private record Range(byte[] first, byte[] last, Net network) {}

    /** The merged networks, in OPA's order (the caller makes a set of their strings). */
    static List<Net> merge(List<Net> networks) {
        if (networks.isEmpty()) return List.of();
        List<Range> ranges = new ArrayList<>(networks.size());
        for (Net n : networks) {
            byte[][] r = addressRange(n);
            ranges.add(new Range(r[0], r[1], n));
        }
        // Sort by last address, then first (Go's sort.Sort is not stable, but equal ranges always merge).
        ranges.sort(Comparator.<Range, byte[]>comparing(Range::last, Arrays::compareUnsigned)
                .thenComparing(Range::first, Arrays::compareUnsigned));
        for (int i = ranges.size() - 1; i > 0; i--) {
            Range cur = ranges.get(i), prev = ranges.get(i - 1);
            if (Arrays.compareUnsigned(previousIp(cur.first()), prev.last()) <= 0) {
                byte[] first = Arrays.compareUnsigned(prev.first(), cur.first()) < 0 ? prev.first() : cur.first();
                ranges.set(i - 1, new Range(first.clone(), cur.last().clone(), null));
                ranges.remove(i);
            }
        }
        List<Net> out = new ArrayList<>();
        for (Range r : ranges) {
            if (r.network() != null) out.add(r.network());
            else out.addAll(rangeToCidrs(r.first(), r.last()));
        }
        return out;
    }

    /**
     * {@code GetAddressRange}: first and last address of a network, IPv4 ones in mapped 16-byte
     * form (an IPv4-mapped IPv6 network gets the prefix a second time: 28 bytes, as in Go).
     */
    static byte[][] addressRange(Net n) {
        byte[] first = NetIp.mask(n.ip().clone(), n.mask());
        byte[] last = NetIp.mask(n.ip().clone(), n.mask());
        if (NetIp.to4(first).length != 0) {
            first = concat(NetIp.V4_IN_V6_PREFIX, first);
            last = concat(NetIp.V4_IN_V6_PREFIX, last);
        }
        byte[] inverse = n.mask().clone();
        for (int i = 0; i < inverse.length; i++) {
            int k = inverse.length - i - 1;
            inverse[k] = (byte) ~inverse[k];
            last[16 - i - 1] |= inverse[k];
        }
        return new byte[][] {first, last};
    }

    /** {@code GetPreviousIP}: the address before ip, the lowest IPv4 / IPv6 address unchanged. */
    static byte[] previousIp(byte[] ip) {
        if (NetIp.equal(ip, DEFAULT_V4) || NetIp.equal(ip, DEFAULT_V6)) return ip;
        byte[] prev = ip.clone();
        boolean borrow = false;
        int lower = NetIp.to4(ip).length != 0 ? 16 - 4 : 0;
        for (int i = ip.length - 1; i >= lower; i--) {
            if (borrow || i == ip.length - 1) prev[i]--;
            borrow = ip[i] == 0 && prev[i] == (byte) 0xff;
        }
        return prev;
    }

    /** {@code getNextIP}: the address after ip (wrapping), the highest addresses unchanged. */
    static byte[] nextIp(byte[] ip) {
        if (NetIp.equal(ip, UPPER_V4) || NetIp.equal(ip, UPPER_V6)) return ip;
        if (ip.length != 4 && ip.length != 16) return ip;
        byte[] next = ip.clone();
        for (int i = next.length - 1; i >= 0; i--) {
            if (++next[i] != 0) break;
        }
        return next;
    }

    /** {@code RangeToCIDRs}: the networks exactly covering first..last. */
    static List<Net> rangeToCidrs(byte[] first, byte[] last) {
        Net spanning = spanningCidr(first, last);
        byte[][] span = addressRange(spanning);
        List<Net> list = new ArrayList<>();
        if (Arrays.compareUnsigned(span[0], first) < 0) {
            byte[] prev = previousIp(first);
            int bitLen = NetIp.to4(prev).length != 0 ? 32 : 128;
            List<Net> right = partition(spanning, new Net(prev, NetIp.cidrMask(bitLen, bitLen)))[1];
            list.addAll(right);
            spanning = right.get(0);
            list.remove(0);
        }
        if (Arrays.compareUnsigned(span[1], last) > 0) {
            byte[] next = nextIp(last);
            int bitLen = NetIp.to4(next).length != 0 ? 32 : 128;
            list.addAll(partition(spanning, new Net(next, NetIp.cidrMask(bitLen, bitLen)))[0]);
        } else {
            list.add(spanning);
        }
        return list;
    }

    /** {@code createSpanningCIDR}: the smallest network holding both addresses. */
    static Net spanningCidr(byte[] lowest, byte[] highest) {
        boolean v4 = NetIp.to4(lowest).length != 0;
        int bitLen = v4 ? 32 : 128, byteLen = v4 ? 4 : 16;
        int size = bitLen;
        BigInteger lo = unsigned(lowest), hi = unsigned(highest);
        while (size > 0 && lo.compareTo(hi) < 0) {
            size--;
            hi = hi.and(BigInteger.ONE.shiftLeft(bitLen - size).negate());
        }
        byte[] ip = v4 ? concat(V4_LEADING_ZEROES, bytes(hi)) : bytes(hi);
        if (ip.length == 0) ip = new byte[byteLen];
        return new Net(ip, NetIp.cidrMask(size, bitLen));
    }

    /**
     * {@code partitionCIDR}: the networks of target left and right of exclude (a single address
     * here), as {left, right}.
     */
    @SuppressWarnings("unchecked")
    static List<Net>[] partition(Net target, Net exclude) {
        boolean target4 = NetIp.to4(target.ip()).length != 0;
        byte[][] t = addressRange(target);
        byte[][] e = addressRange(exclude);
        int targetOnes = NetIp.maskSize(target.mask())[0];
        int excludeOnes = NetIp.maskSize(exclude.mask())[0];
        if (Arrays.compareUnsigned(e[1], t[0]) < 0) return new List[] {List.of(), List.of(target)};
        if (Arrays.compareUnsigned(t[1], e[0]) < 0) return new List[] {List.of(target), List.of()};
        if (targetOnes >= excludeOnes) return new List[] {List.of(), List.of()};

        List<Net> left = new ArrayList<>(), right = new ArrayList<>();
        int newPrefix = targetOnes + 1;
        int bitLen = target4 ? 32 : 128;
        int shift = bitLen - newPrefix;
        // Go converts a negative shift to a huge uint and runs out of memory; fail the same path.
        if (shift < 0) throw new IndexOutOfBoundsException("shift " + shift);
        BigInteger lower = unsigned(t[0]);
        BigInteger upper = unsigned(NetIp.to16(t[0])).add(BigInteger.ONE.shiftLeft(shift));
        BigInteger matched;
        while (excludeOnes >= newPrefix) {
            byte[] upperBytes, lowerBytes;
            if (target4) {
                upperBytes = concat(V4_LEADING_ZEROES, bytes(upper));
                lowerBytes = concat(V4_LEADING_ZEROES, bytes(lower));
            } else {
                upperBytes = pad16(bytes(upper));
                lowerBytes = pad16(bytes(lower));
            }
            if (Arrays.compareUnsigned(e[0], upperBytes) >= 0) {
                left.add(new Net(lowerBytes, NetIp.cidrMask(newPrefix, bitLen)));
                matched = upper;
            } else {
                right.add(new Net(upperBytes, NetIp.cidrMask(newPrefix, bitLen)));
                matched = lower;
            }
            newPrefix++;
            if (newPrefix > bitLen) break;
            lower = matched;
            upper = matched.add(BigInteger.ONE.shiftLeft(bitLen - newPrefix));
        }
        return new List[] {left, right};
    }

    // ---- Go slices and big.Int ---------------------------------------------------------------

    private static byte[] filled(int n, byte b) {
        byte[] a = new byte[n];
        Arrays.fill(a, b);
        return a;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Left-pads to 16 bytes; more than 16 is Go's {@code make} with a negative length. */
    private static byte[] pad16(byte[] b) {
        if (b.length == 16) return b;
        return concat(new byte[16 - b.length], b);
    }

    /** {@code new(big.Int).SetBytes(b)}. */
    private static BigInteger unsigned(byte[] b) {
        return new BigInteger(1, b);
    }

    /** {@code big.Int.Bytes()}: minimal big-endian magnitude, empty for zero. */
    private static byte[] bytes(BigInteger v) {
        byte[] b = v.abs().toByteArray();
        int skip = 0;
        while (skip < b.length && b[skip] == 0) skip++;
        return Arrays.copyOfRange(b, skip, b.length);
    }
}

package dev.ecsguard.rego.builtins;

import java.util.Arrays;

/**
 * Go's {@code net.IP}, {@code net.IPMask} and {@code net.IPNet} (Go 1.2x, which OPA 1.4.2 is built
 * with) on byte arrays, for the net.cidr_* builtins. Addresses are parsed here, as text: nothing in
 * this class resolves names.
 *
 * <p>A Go slice is a {@code byte[]} of exactly its length, and a nil slice is {@link #NIL} (Go
 * treats nil and empty alike for everything used here). The length carries meaning as in Go: an
 * IPv4 address is 4 bytes or 16 bytes with the {@code ::ffff:0:0/96} prefix ("IPv4-mapped"), and
 * {@link #to4}, {@link #mask} and {@link #contains} convert between the two forms exactly where Go
 * does, which is what makes {@code ::ffff:10.0.0.0/104} contain {@code 10.1.2.3} while
 * {@code ::/0} contains neither {@code 10.1.2.3} nor {@code ::ffff:10.1.2.3}.
 */
final class NetIp {
    private NetIp() {}

    /** Go's nil slice. */
    static final byte[] NIL = new byte[0];

    /** {@code v4InV6Prefix}: the first 12 bytes of an IPv4-mapped IPv6 address. */
    static final byte[] V4_IN_V6_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    /** {@code net.IPNet}: a network number and a mask (either may have any length, as in Go). */
    record Net(byte[] ip, byte[] mask) {}

    // ---- parsing (net.ParseIP, net.ParseCIDR on net/netip's parser) ----------------------------

    /** {@code net.ParseIP}: the 16-byte form of a textual IPv4 or IPv6 address, or null. */
    static byte[] parseIp(String s) {
        Addr a = parseAddr(s);
        return a == null ? null : a.as16;
    }

    /**
     * {@code net.ParseCIDR}'s network, or null where Go returns {@code invalid CIDR address: s}.
     * An IPv4 prefix gives a 4-byte network and mask; an IPv6 one (IPv4-mapped included) 16 bytes.
     */
    static Net parseCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) return null;
        Addr a = parseAddr(s.substring(0, slash));
        if (a == null) return null;
        String m = s.substring(slash + 1);
        // dtoi: decimal digits (leading zeros allowed), stopping below 0xFFFFFF.
        int n = 0, i = 0;
        for (; i < m.length() && m.charAt(i) >= '0' && m.charAt(i) <= '9'; i++) {
            n = n * 10 + (m.charAt(i) - '0');
            if (n >= 0xFFFFFF) return null;
        }
        int bits = a.is4 ? 32 : 128;
        if (i == 0 || i != m.length() || n > bits) return null;
        byte[] mask = cidrMask(n, bits);
        return new Net(mask(a.as16, mask), mask);
    }

    /** A parsed netip.Addr: its 16-byte form and whether it is IPv4 (not IPv4-mapped IPv6). */
    private record Addr(byte[] as16, boolean is4) {}

    /** {@code netip.ParseAddr}, rejecting zones as ParseIP and ParseCIDR do; null when invalid. */
    private static Addr parseAddr(String s) {
        for (int i = 0; i < s.length(); i++) {
            switch (s.charAt(i)) {
                case '.' -> {
                    byte[] v4 = parseV4(s);
                    return v4 == null ? null : new Addr(mapped(v4), true);
                }
                case ':' -> {
                    byte[] v6 = parseV6(s);
                    return v6 == null ? null : new Addr(v6, false);
                }
                case '%' -> {
                    return null;
                }
                default -> { }
            }
        }
        return null;
    }

    /** Dotted decimal, exactly four fields, no leading zeros, each at most 255. */
    private static byte[] parseV4(String s) {
        byte[] f = new byte[4];
        int val = 0, pos = 0, digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 1 && val == 0) return null;
                val = val * 10 + (c - '0');
                digits++;
                if (val > 255) return null;
            } else if (c == '.') {
                if (i == 0 || i == s.length() - 1 || s.charAt(i - 1) == '.') return null;
                if (pos == 3) return null;
                f[pos++] = (byte) val;
                val = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        if (pos < 3) return null;
        f[3] = (byte) val;
        return f;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /**
     * RFC 4291 text: groups of 1 to 4 hex digits, one {@code ::} standing for at least one zero
     * group, an optional dotted IPv4 tail in the last 32 bits. A zone ({@code %eth0}) is never
     * accepted here (ParseIP and ParseCIDR reject it, and an empty zone is a syntax error).
     */
    private static byte[] parseV6(String in) {
        if (in.indexOf('%') >= 0) return null;
        String s = in;
        byte[] ip = new byte[16];
        int ellipsis = -1;
        if (s.length() >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
            ellipsis = 0;
            s = s.substring(2);
            if (s.isEmpty()) return ip;
        }
        int i = 0;
        while (i < 16) {
            int off = 0, acc = 0;
            for (; off < s.length(); off++) {
                int d = hexDigit(s.charAt(off));
                if (d < 0) break;
                if (off > 3) return null; // more than four digits in a group
                acc = (acc << 4) + d;
            }
            if (off == 0) return null;
            if (off < s.length() && s.charAt(off) == '.') {
                if (ellipsis < 0 && i != 12) return null;
                if (i + 4 > 16) return null;
                byte[] v4 = parseV4(s);
                if (v4 == null) return null;
                System.arraycopy(v4, 0, ip, i, 4);
                s = "";
                i += 4;
                break;
            }
            ip[i] = (byte) (acc >> 8);
            ip[i + 1] = (byte) acc;
            i += 2;
            s = s.substring(off);
            if (s.isEmpty()) break;
            if (s.charAt(0) != ':' || s.length() == 1) return null;
            s = s.substring(1);
            if (s.charAt(0) == ':') {
                if (ellipsis >= 0) return null;
                ellipsis = i;
                s = s.substring(1);
                if (s.isEmpty()) break;
            }
        }
        if (!s.isEmpty()) return null;
        if (i < 16) {
            if (ellipsis < 0) return null;
            int n = 16 - i;
            for (int j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
            for (int j = ellipsis + n - 1; j >= ellipsis; j--) ip[j] = 0;
        } else if (ellipsis >= 0) {
            return null;
        }
        return ip;
    }

    // ---- net.IP ----------------------------------------------------------------------------

    static byte[] mapped(byte[] v4) {
        byte[] p = Arrays.copyOf(V4_IN_V6_PREFIX, 16);
        System.arraycopy(v4, 0, p, 12, 4);
        return p;
    }

    private static boolean hasV4Prefix(byte[] ip) {
        return Arrays.equals(ip, 0, 12, V4_IN_V6_PREFIX, 0, 12);
    }

    /** {@code IP.To4}: the 4-byte form of an IPv4 (or IPv4-mapped) address, else {@link #NIL}. */
    static byte[] to4(byte[] ip) {
        if (ip.length == 4) return ip;
        if (ip.length == 16 && hasV4Prefix(ip)) return Arrays.copyOfRange(ip, 12, 16);
        return NIL;
    }

    /** {@code IP.To16}: a 4-byte address in mapped form, a 16-byte one as is, else {@link #NIL}. */
    static byte[] to16(byte[] ip) {
        if (ip.length == 4) return mapped(ip);
        if (ip.length == 16) return ip;
        return NIL;
    }

    /** {@code IP.Equal}: same bytes, or the same IPv4 address in its 4- and 16-byte forms. */
    static boolean equal(byte[] a, byte[] b) {
        if (a.length == b.length) return Arrays.equals(a, b);
        if (a.length == 4 && b.length == 16) return hasV4Prefix(b) && Arrays.equals(a, 0, 4, b, 12, 16);
        if (a.length == 16 && b.length == 4) return hasV4Prefix(a) && Arrays.equals(a, 12, 16, b, 0, 4);
        return false;
    }

    /** {@code IP.Mask}: a new slice, or {@link #NIL} when the lengths do not fit. */
    static byte[] mask(byte[] ip, byte[] mask) {
        if (mask.length == 16 && ip.length == 4 && allFF(mask, 12)) mask = Arrays.copyOfRange(mask, 12, 16);
        if (mask.length == 4 && ip.length == 16 && hasV4Prefix(ip)) ip = Arrays.copyOfRange(ip, 12, 16);
        if (ip.length != mask.length) return NIL;
        byte[] out = new byte[ip.length];
        for (int i = 0; i < out.length; i++) out[i] = (byte) (ip[i] & mask[i]);
        return out;
    }

    private static boolean allFF(byte[] b, int n) {
        for (int i = 0; i < n; i++) if (b[i] != (byte) 0xff) return false;
        return true;
    }

    /** {@code IP.DefaultMask}: the classful mask of an IPv4 address, else {@link #NIL}. */
    static byte[] defaultMask(byte[] ip) {
        byte[] v4 = to4(ip);
        if (v4.length == 0) return NIL;
        int first = v4[0] & 0xff;
        if (first < 0x80) return new byte[] {(byte) 0xff, 0, 0, 0};
        if (first < 0xC0) return new byte[] {(byte) 0xff, (byte) 0xff, 0, 0};
        return new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0};
    }

    /** {@code CIDRMask(ones, bits)}; {@link #NIL} unless bits is 32 or 128 and 0 <= ones <= bits. */
    static byte[] cidrMask(int ones, int bits) {
        if (bits != 32 && bits != 128) return NIL;
        if (ones < 0 || ones > bits) return NIL;
        byte[] m = new byte[bits / 8];
        int n = ones;
        for (int i = 0; i < m.length; i++) {
            if (n >= 8) {
                m[i] = (byte) 0xff;
                n -= 8;
                continue;
            }
            m[i] = (byte) ~(0xff >> n);
            n = 0;
        }
        return m;
    }

    /** {@code simpleMaskLength}: the number of leading ones, or -1 if the mask is not ones-then-zeros. */
    static int simpleMaskLength(byte[] mask) {
        int n = 0;
        for (int i = 0; i < mask.length; i++) {
            int v = mask[i] & 0xff;
            if (v == 0xff) {
                n += 8;
                continue;
            }
            while ((v & 0x80) != 0) {
                n++;
                v = (v << 1) & 0xff;
            }
            if (v != 0) return -1;
            for (i++; i < mask.length; i++) if (mask[i] != 0) return -1;
            break;
        }
        return n;
    }

    /** {@code IPMask.Size}: {ones, bits}, or {0, 0} for a non-canonical mask. */
    static int[] maskSize(byte[] mask) {
        int ones = simpleMaskLength(mask);
        return ones == -1 ? new int[] {0, 0} : new int[] {ones, mask.length * 8};
    }

    /** {@code networkNumberAndMask}: {ip, mask} with an IPv4 network in 4-byte form, or null. */
    private static byte[][] networkNumberAndMask(Net n) {
        byte[] ip = to4(n.ip());
        if (ip.length == 0) {
            ip = n.ip();
            if (ip.length != 16) return null;
        }
        byte[] m = n.mask();
        switch (m.length) {
            case 4 -> {
                if (ip.length != 4) return null;
            }
            case 16 -> {
                if (ip.length == 4) m = Arrays.copyOfRange(m, 12, 16);
            }
            default -> {
                return null;
            }
        }
        return new byte[][] {ip, m};
    }

    /** The network number as {@link #contains} compares it: 4 bytes for IPv4 networks, else 16, or null. */
    static byte[] networkNumber(Net n) {
        byte[][] nm = networkNumberAndMask(n);
        return nm == null ? null : nm[0];
    }

    /** The mask in {@link #networkNumber}'s length, or null. */
    static byte[] networkMask(Net n) {
        byte[][] nm = networkNumberAndMask(n);
        return nm == null ? null : nm[1];
    }

    /** {@code IPNet.Contains}: IPv4 (and IPv4-mapped) addresses only ever match IPv4 networks. */
    static boolean contains(Net n, byte[] ip) {
        byte[][] nm = networkNumberAndMask(n);
        byte[] nn = nm == null ? NIL : nm[0];
        byte[] m = nm == null ? NIL : nm[1];
        byte[] x = to4(ip);
        if (x.length != 0) ip = x;
        if (ip.length != nn.length) return false;
        for (int i = 0; i < ip.length; i++) {
            if ((nn[i] & m[i]) != (ip[i] & m[i])) return false;
        }
        return true;
    }

    /** {@code IP.String}: dotted decimal for IPv4 and IPv4-mapped, RFC 5952 for IPv6. */
    static String ipString(byte[] ip) {
        if (ip.length == 0) return "<nil>";
        if (ip.length != 4 && ip.length != 16) return "?" + hex(ip);
        byte[] v4 = to4(ip);
        if (v4.length == 4) {
            return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
        }
        // The longest run of two or more zero groups (the first of equal runs) becomes "::".
        int zeroStart = -1, zeroEnd = -1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && group(ip, j) == 0) j++;
            if (j - i >= 2 && j - i > zeroEnd - zeroStart) {
                zeroStart = i;
                zeroEnd = j;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == zeroStart) {
                sb.append("::");
                i = zeroEnd;
                if (i >= 8) break;
            } else if (i > 0) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(group(ip, i)));
        }
        return sb.toString();
    }

    private static int group(byte[] ip, int i) {
        return ((ip[2 * i] & 0xff) << 8) | (ip[2 * i + 1] & 0xff);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        return sb.toString();
    }

    /** {@code IPNet.String}: "ip/ones", "ip/hexmask" for a non-canonical mask, or "&lt;nil&gt;". */
    static String netString(Net n) {
        byte[][] nm = networkNumberAndMask(n);
        if (nm == null) return "<nil>";
        int l = simpleMaskLength(nm[1]);
        if (l == -1) return ipString(nm[0]) + "/" + (nm[1].length == 0 ? "<nil>" : hex(nm[1]));
        return ipString(nm[0]) + "/" + l;
    }
}

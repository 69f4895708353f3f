package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Signature;
import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.Locale;

/**
 * {@code uuid.rfc4122(k)}: a version 4 UUID from the evaluation's random source, the same for the
 * same k within one evaluation. {@code uuid.parse}: the fields OPA reports (version, variant, and
 * for versions 1 and 2 time, clock sequence, node id, MAC flags, plus domain and id for version 2);
 * an unparsable string is undefined.
 */
public final class UuidBuiltins implements BuiltinNamespace {
    @Override
    public void register(BuiltinRegistry r) {
        r.register(new Builtin("uuid.rfc4122", Signature.of(Type.STRING, Type.STRING), (a, ctx) -> {
            String k = RegexBuiltins.str("uuid.rfc4122", a, 0);
            return RandBuiltins.perEvaluation(ctx, "uuid.rfc4122\u0000" + k, () -> StringValue.of(random(ctx)));
        }, false, null));
        r.register("uuid.parse", Type.objectOf(Type.STRING, Type.ANY), UuidBuiltins::parse, Type.STRING);
    }

    private static String random(BuiltinContext ctx) {
        byte[] b = new byte[16];
        ctx.random().nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        return format(b);
    }

    private static String format(byte[] b) {
        StringBuilder sb = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) sb.append('-');
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        return sb.toString();
    }

    /** google/uuid's Parse: 36-char, {36}, urn:uuid:36, or 32 hex digits. */
    static byte[] parseBytes(String s) {
        switch (s.length()) {
            case 36 -> { }
            case 38 -> {
                if (s.charAt(0) != '{' || s.charAt(37) != '}') return null;
                s = s.substring(1, 37);
            }
            case 45 -> {
                if (!s.substring(0, 9).toLowerCase(Locale.ROOT).equals("urn:uuid:")) return null;
                s = s.substring(9);
            }
            case 32 -> {
                byte[] out = new byte[16];
                for (int i = 0; i < 16; i++) {
                    int v = hex(s, 2 * i);
                    if (v < 0) return null;
                    out[i] = (byte) v;
                }
                return out;
            }
            default -> { return null; }
        }
        if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') return null;
        int[] pos = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            int v = hex(s, pos[i]);
            if (v < 0) return null;
            out[i] = (byte) v;
        }
        return out;
    }

    private static int hex(String s, int i) {
        int a = hexDigit(s.charAt(i)), b = hexDigit(s.charAt(i + 1));
        return a < 0 || b < 0 ? -1 : a * 16 + b;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private static Value parse(Value[] args, BuiltinContext ctx) {
        byte[] u = parseBytes(RegexBuiltins.str("uuid.parse", args, 0));
        if (u == null) return null;
        int version = (u[6] & 0xff) >> 4;
        int b8 = u[8] & 0xff;
        String variant;
        if ((b8 & 0xc0) == 0x80) variant = "RFC4122";
        else if ((b8 & 0xe0) == 0xc0) variant = "Microsoft";
        else if ((b8 & 0xe0) == 0xe0) variant = "Future";
        else variant = "Reserved";
        ObjectValue.Builder o = ObjectValue.builder();
        o.put(StringValue.of("version"), NumberValue.of(version));
        o.put(StringValue.of("variant"), StringValue.of(variant));
        if (version == 1 || version == 2) {
            long t = (be(u, 0, 4)) | (be(u, 4, 2) << 32) | ((be(u, 6, 2) & 0xfff) << 48);
            long since1970 = t - 122192928000000000L;
            long sec = since1970 / 10_000_000L, nsec = (since1970 % 10_000_000L) * 100;
            o.put(StringValue.of("time"), NumberValue.of(java.math.BigInteger.valueOf(sec)
                    .multiply(java.math.BigInteger.valueOf(1_000_000_000L)).add(java.math.BigInteger.valueOf(nsec))));
            o.put(StringValue.of("clocksequence"), NumberValue.of(be(u, 8, 2) & 0x3fff));
            StringBuilder node = new StringBuilder();
            for (int i = 10; i < 16; i++) {
                if (i > 10) node.append('-');
                node.append(String.format("%02x", u[i] & 0xff));
            }
            o.put(StringValue.of("nodeid"), StringValue.of(node.toString()));
            int n0 = u[10] & 0xff;
            o.put(StringValue.of("macvariables"), StringValue.of(((n0 & 0x02) != 0 ? "local" : "global") + ":"
                    + ((n0 & 0x01) != 0 ? "multicast" : "unicast")));
            if (version == 2) {
                int d = u[9] & 0xff;
                String domain = switch (d) {
                    case 0 -> "Person";
                    case 1 -> "Group";
                    case 2 -> "Org";
                    default -> "Domain" + d;
                };
                o.put(StringValue.of("domain"), StringValue.of(domain));
                o.put(StringValue.of("id"), NumberValue.of(be(u, 0, 4)));
            }
        }
        return o.build();
    }

    private static long be(byte[] b, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) v = (v << 8) | (b[off + i] & 0xff);
        return v;
    }
}

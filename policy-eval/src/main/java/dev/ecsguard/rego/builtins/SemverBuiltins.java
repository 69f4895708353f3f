package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.regex.Pattern;

/**
 * {@code semver.is_valid} and {@code semver.compare} with the parser OPA uses (a port of
 * coreos/go-semver): "MAJOR.MINOR.PATCH[-pre][+meta]" where the numbers are Go int64s (so
 * {@code 01} and {@code +1} pass) and identifiers match {@code [0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*}.
 */
public final class SemverBuiltins implements BuiltinNamespace {
    @Override
    public void register(BuiltinRegistry r) {
        r.register("semver.is_valid", Type.BOOLEAN, SemverBuiltins::isValid, Type.ANY);
        r.register("semver.compare", Type.NUMBER, SemverBuiltins::compare, Type.STRING, Type.STRING);
    }

    private static final Pattern IDENTIFIER = Pattern.compile("^[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*$");

    record Version(long[] nums, String pre, String meta) {}

    /** Returns null when the string is not a version OPA accepts. */
    static Version parse(String version) {
        String meta = "";
        int plus = version.indexOf('+');
        if (plus >= 0) {
            meta = version.substring(plus + 1);
            version = version.substring(0, plus);
        }
        String pre = "";
        int dash = version.indexOf('-');
        if (dash >= 0) {
            pre = version.substring(dash + 1);
            version = version.substring(0, dash);
        }
        String[] dot = version.split("\\.", 3);
        if (dot.length != 3) return null;
        if (!pre.isEmpty() && !IDENTIFIER.matcher(pre).matches()) return null;
        if (!meta.isEmpty() && !IDENTIFIER.matcher(meta).matches()) return null;
        long[] nums = new long[3];
        for (int i = 0; i < 3; i++) {
            Long v = goParseInt(dot[i]);
            if (v == null) return null;
            nums[i] = v;
        }
        return new Version(nums, pre, meta);
    }

    /** strconv.ParseInt(s, 10, 64). */
    static Long goParseInt(String s) {
        if (s.isEmpty()) return null;
        int i = (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (i == s.length()) return null;
        for (int j = i; j < s.length(); j++) if (s.charAt(j) < '0' || s.charAt(j) > '9') return null;
        try {
            return Long.parseLong(s.charAt(0) == '+' ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static int compare(Version a, Version b) {
        for (int i = 0; i < 3; i++) {
            int c = Long.compare(a.nums[i], b.nums[i]);
            if (c != 0) return c;
        }
        if (a.pre.isEmpty() && !b.pre.isEmpty()) return 1;
        if (b.pre.isEmpty() && !a.pre.isEmpty()) return -1;
        String[] pa = a.pre.split("\\.", -1), pb = b.pre.split("\\.", -1);
        int i = 0;
        while (true) {
            if (i == pa.length) return i == pb.length ? 0 : -1;
            if (i == pb.length) return 1;
            String x = pa[i], y = pb[i];
            Long xi = goAtoi(x), yi = goAtoi(y);
            if (xi != null && yi == null) return -1;
            if (xi == null && yi != null) return 1;
            if (xi != null) {
                int c = Long.compare(xi, yi);
                if (c != 0) return c;
            }
            int c = x.compareTo(y);
            if (c != 0) return c > 0 ? 1 : -1;
            i++;
        }
    }

    private static Long goAtoi(String s) { return goParseInt(s); }

    private static Value isValid(Value[] args, BuiltinContext ctx) {
        return BooleanValue.of(args[0] instanceof StringValue s && parse(s.value()) != null);
    }

    private static Value compare(Value[] args, BuiltinContext ctx) {
        String name = "semver.compare";
        String a = RegexBuiltins.str(name, args, 0);
        String b = RegexBuiltins.str(name, args, 1);
        Version va = parse(a);
        if (va == null) throw BuiltinException.failure(name, "operand 1: string " + RegexSupport.goQuote(a) + " is not a valid SemVer");
        Version vb = parse(b);
        if (vb == null) throw BuiltinException.failure(name, "operand 2: string " + RegexSupport.goQuote(b) + " is not a valid SemVer");
        return NumberValue.of(compare(va, vb));
    }
}

package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.Arrays;

/**
 * {@code glob.match} and {@code glob.quote_meta}, with the glob syntax of the library OPA uses
 * (see {@link GlobPattern}). Delimiters: {@code null} means none, an empty array means
 * {@code ["."]}. Each (pattern, delimiters) pair is compiled once per policy.
 */
public final class GlobBuiltins implements BuiltinNamespace {
    private static final int[] DOT = {'.'};
    private static final int[] NONE = {};

    @Override
    public void register(BuiltinRegistry r) {
        r.register("glob.match", Type.BOOLEAN, GlobBuiltins::match,
                Type.STRING, Type.anyOf(Type.NULL, Type.arrayOf(Type.STRING)), Type.STRING);
        r.register("glob.quote_meta", Type.STRING, GlobBuiltins::quoteMeta, Type.STRING);
    }

    private record Key(String pattern, int[] delimiters) implements BuiltinCache.Sized {
        @Override public int keyLength() { return pattern.length(); }
        @Override public boolean equals(Object o) {
            return o instanceof Key k && k.pattern.equals(pattern) && Arrays.equals(k.delimiters, delimiters);
        }
        @Override public int hashCode() { return pattern.hashCode() * 31 + Arrays.hashCode(delimiters); }
        // Caches may key on the text form: make it content-based, like OPA's "pattern-delims" id.
        @Override public String toString() { return pattern + "\u0000" + Arrays.toString(delimiters); }
    }

    private static Value match(Value[] args, BuiltinContext ctx) {
        String name = "glob.match";
        String pattern = RegexBuiltins.str(name, args, 0);
        int[] delimiters;
        if (args[1] instanceof NullValue) {
            delimiters = NONE;
        } else if (args[1] instanceof ArrayValue a) {
            delimiters = new int[a.size()];
            for (int i = 0; i < a.size(); i++) {
                if (!(a.get(i) instanceof StringValue s)) {
                    throw BuiltinException.type(name, "operand 2 must be array of strings but got array containing "
                            + a.get(i).typeName());
                }
                if (s.value().codePointCount(0, s.value().length()) != 1) {
                    throw BuiltinException.type(name, "operand 2 must be array of runes but got array containing string");
                }
                delimiters[i] = s.value().codePointAt(0);
            }
            if (delimiters.length == 0) delimiters = DOT;
        } else {
            throw BuiltinException.operand(name, 2, "one of {array, null}", args[1]);
        }
        String match = RegexBuiltins.str(name, args, 2);
        Key key = new Key(pattern, delimiters);
        GlobPattern.Matcher glob = (GlobPattern.Matcher) RegexSupport.checked(name,
                RegexSupport.compiled(ctx, "glob", key, k -> GlobPattern.compile(k.pattern(), k.delimiters())));
        return BooleanValue.of(MatchMemo.answer(ctx, "glob", key, pattern.length(), match, s -> glob.matches(s, ctx)));
    }

    private static Value quoteMeta(Value[] args, BuiltinContext ctx) {
        return StringValue.of(GlobPattern.quoteMeta(RegexBuiltins.str("glob.quote_meta", args, 0)));
    }
}

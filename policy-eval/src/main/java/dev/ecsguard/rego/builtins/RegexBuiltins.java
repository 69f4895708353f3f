package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.List;

/**
 * OPA's regex builtins on Go RE2 semantics (RE2J): unanchored matching, {@code .} not matching
 * {@code \n} unless {@code (?s)}, no backreferences or lookaround (a pattern using them is an
 * eval_builtin_error with Go's message, undefined unless strict). Patterns are compiled once per
 * policy through {@link BuiltinContext#cached}.
 */
public final class RegexBuiltins implements BuiltinNamespace {
    @Override
    public void register(BuiltinRegistry r) {
        r.register("regex.match", Type.BOOLEAN, RegexBuiltins::match, Type.STRING, Type.STRING);
        r.register("re_match", Type.BOOLEAN, RegexBuiltins::reMatch, Type.STRING, Type.STRING);
        // Declared string (constant non-strings are type errors); at run time a non-string is just invalid.
        r.register("regex.is_valid", Type.BOOLEAN, RegexBuiltins::isValid, Type.STRING);
        r.register("regex.find_n", Type.arrayOf(Type.STRING), RegexBuiltins::findN,
                Type.STRING, Type.STRING, Type.NUMBER);
        r.register("regex.find_all_string_submatch_n", Type.arrayOf(Type.arrayOf(Type.STRING)),
                RegexBuiltins::findAllSubmatch, Type.STRING, Type.STRING, Type.NUMBER);
        r.register("regex.replace", Type.STRING, RegexBuiltins::replace, Type.STRING, Type.STRING, Type.STRING);
        r.register("regex.split", Type.arrayOf(Type.STRING), RegexBuiltins::split, Type.STRING, Type.STRING);
        r.register("regex.template_match", Type.BOOLEAN, RegexBuiltins::templateMatch,
                Type.STRING, Type.STRING, Type.STRING, Type.STRING);
        r.register("regex.globs_match", Type.BOOLEAN, RegexBuiltins::globsMatch, Type.STRING, Type.STRING);
    }

    // ---- operand helpers shared by the namespaces of this package (OPA's builtins.*Operand) ----

    static String str(String builtin, Value[] args, int i) {
        if (args[i] instanceof StringValue s) return s.value();
        throw BuiltinException.operand(builtin, i + 1, "string", args[i]);
    }

    static NumberValue num(String builtin, Value[] args, int i) {
        if (args[i] instanceof NumberValue n) return n;
        throw BuiltinException.operand(builtin, i + 1, "number", args[i]);
    }

    /** OPA's IntOperand: a number that is an integer fitting Go's int. */
    static long intOperand(String builtin, Value[] args, int i) {
        NumberValue n = num(builtin, args, i);
        Long v = ArithmeticBuiltins.goInt64(n);
        if (v == null) {
            throw BuiltinException.type(builtin, "operand " + (i + 1) + " must be integer number but got floating-point number");
        }
        return v;
    }

    private static Value match(Value[] args, BuiltinContext ctx) { return doMatch("regex.match", args, ctx); }

    private static Value reMatch(Value[] args, BuiltinContext ctx) { return doMatch("re_match", args, ctx); }

    private static Value doMatch(String name, Value[] args, BuiltinContext ctx) {
        String pattern = str(name, args, 0);
        String value = str(name, args, 1);
        RegexSupport.Compiled re = RegexSupport.get(ctx, name, pattern);
        return BooleanValue.of(MatchMemo.answer(ctx, "regex", pattern, pattern.length(), value,
                s -> RegexSupport.matches(re, s, ctx)));
    }

    private static Value isValid(Value[] args, BuiltinContext ctx) {
        if (!(args[0] instanceof StringValue s)) return BooleanValue.FALSE;
        Object o = RegexSupport.compiled(ctx, "regex", s.value(), RegexSupport::compile);
        // A pattern over one of the engine's limits is an error, not "invalid": Go would accept it.
        if (o instanceof RegexSupport.PatternLimit) RegexSupport.unwrap("regex.is_valid", o);
        return BooleanValue.of(o instanceof RegexSupport.Compiled);
    }

    private static int limit(long n) {
        return n < 0 || n > Integer.MAX_VALUE ? -1 : (int) n;
    }

    private static Value findN(Value[] args, BuiltinContext ctx) {
        List<int[]> ms = findAll("regex.find_n", args, ctx);
        String value = ((StringValue) args[1]).value();   // checked by findAll
        Value[] out = new Value[ms.size()];
        for (int i = 0; i < out.length; i++) out[i] = StringValue.of(value.substring(ms.get(i)[0], ms.get(i)[1]));
        return ArrayValue.wrap(out);
    }

    private static Value findAllSubmatch(Value[] args, BuiltinContext ctx) {
        List<int[]> ms = findAll("regex.find_all_string_submatch_n", args, ctx);
        String value = ((StringValue) args[1]).value();   // checked by findAll
        Value[] out = new Value[ms.size()];
        long chars = 0;
        for (int i = 0; i < out.length; i++) {
            int[] m = ms.get(i);
            // Nested groups repeat the same text: bound the copies' total length.
            for (int g = 0; g < m.length; g += 2) if (m[g] >= 0) chars += m[g + 1] - m[g];
            WorkLimits.checkString(ctx, chars);
            Value[] inner = new Value[m.length / 2];
            for (int g = 0; g < inner.length; g++) {
                inner[g] = m[2 * g] < 0 ? StringValue.EMPTY : StringValue.of(value.substring(m[2 * g], m[2 * g + 1]));
            }
            out[i] = ArrayValue.wrap(inner);
        }
        ctx.charge(chars / WorkLimits.UNIT);
        return ArrayValue.wrap(out);
    }

    /** The matches (group offsets) of {@code (pattern, value, n)}, operands checked in OPA's order. */
    private static List<int[]> findAll(String name, Value[] args, BuiltinContext ctx) {
        String pattern = str(name, args, 0);
        String value = str(name, args, 1);
        long n = intOperand(name, args, 2);
        return RegexSupport.findAll(RegexSupport.get(ctx, name, pattern), value, limit(n), ctx);
    }

    private static Value replace(Value[] args, BuiltinContext ctx) {
        String name = "regex.replace";
        String base = str(name, args, 0);
        String pattern = str(name, args, 1);
        String value = str(name, args, 2);
        RegexSupport.Compiled c = RegexSupport.get(ctx, name, pattern);
        String res = RegexSupport.replaceAll(c, base, value, ctx);
        return res.equals(base) ? args[0] : StringValue.of(res);
    }

    private static Value split(Value[] args, BuiltinContext ctx) {
        String name = "regex.split";
        String pattern = str(name, args, 0);
        String value = str(name, args, 1);
        RegexSupport.Compiled c = RegexSupport.get(ctx, name, pattern);
        List<String> parts = RegexSupport.split(c, value, ctx);
        Value[] out = new Value[parts.size()];
        for (int i = 0; i < out.length; i++) out[i] = StringValue.of(parts.get(i));
        return ArrayValue.wrap(out);
    }

    private record TemplateKey(String pattern, char start, char end) implements BuiltinCache.Sized {
        @Override public int keyLength() { return pattern.length(); }
        @Override public String toString() { return pattern; }
    }

    private static Value templateMatch(Value[] args, BuiltinContext ctx) {
        String name = "regex.template_match";
        String pattern = str(name, args, 0);
        String match = str(name, args, 1);
        String start = str(name, args, 2);
        String end = str(name, args, 3);
        int startLen = utf8Length(start);
        if (startLen != 1) {
            throw BuiltinException.failure(name, "start delimiter has to be exactly one character long but is " + startLen + " long");
        }
        if (utf8Length(end) != 1) {
            // OPA reports the start delimiter's length here too.
            throw BuiltinException.failure(name, "end delimiter has to be exactly one character long but is " + startLen + " long");
        }
        RegexSupport.Compiled c = RegexSupport.unwrap(name, RegexSupport.compiled(ctx, "regex.template",
                new TemplateKey(pattern, start.charAt(0), end.charAt(0)),
                k -> RegexSupport.compileTemplate(k.pattern(), k.start(), k.end())));
        return BooleanValue.of(RegexSupport.matches(c, match, ctx));
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        }
        return n;
    }

    private static Value globsMatch(Value[] args, BuiltinContext ctx) {
        String name = "regex.globs_match";
        String a = str(name, args, 0);
        String b = str(name, args, 1);
        try {
            return BooleanValue.of(RegexGlobsIntersect.nonEmpty(a, b));
        } catch (RegexGlobsIntersect.GlobException e) {
            throw BuiltinException.failure(name, e.getMessage());
        }
    }
}

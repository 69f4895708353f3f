package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A {@link BuiltinContext} for unit tests, plus helpers to call a standard builtin on values
 * written in Rego literal notation ({@code v("{1, 2}")}, {@code v("set()")}, {@code v("{1: \"a\"}")}).
 */
public final class TestContext implements BuiltinContext {
    public long nowNs = 1_700_000_000_000_000_000L;
    public final Random random = new Random(42);
    public boolean strict = true;
    public Value runtime = ObjectValue.EMPTY;
    public final List<String> printed = new ArrayList<>();
    public long budget = 10_000_000L;
    public long charged;
    public int maxStringLength = dev.ecsguard.rego.eval.EvalOptions.DEFAULT_MAX_STRING_LENGTH;
    public int maxCollectionSize = dev.ecsguard.rego.eval.EvalOptions.DEFAULT_MAX_COLLECTION_SIZE;
    /** Wall-clock deadline (System.nanoTime), Long.MAX_VALUE for none. */
    public long deadline = Long.MAX_VALUE;
    public final BuiltinCache cache = new BuiltinCache(true);

    @Override public long nowNs() { return nowNs; }
    @Override public Random random() { return random; }
    @Override public boolean strictBuiltinErrors() { return strict; }
    @Override public Value runtime() { return runtime; }
    @Override public void print(String line) { printed.add(line); }

    @Override
    public <K, V> V cached(String namespace, K key, Function<K, V> compute) {
        return cache.get(namespace, key, compute);
    }

    @Override
    public void charge(long units) {
        charged += units;
        if (charged > budget) throw new BuiltinException(BuiltinException.Kind.HALT, "evaluation budget exceeded");
        checkDeadline();
    }

    @Override
    public void checkDeadline() {
        if (System.nanoTime() > deadline) throw new BuiltinException(BuiltinException.Kind.HALT, "deadline passed");
    }

    @Override public int maxStringLength() { return maxStringLength; }
    @Override public int maxCollectionSize() { return maxCollectionSize; }

    // ---- helpers ---------------------------------------------------------------------------

    /** Calls the standard builtin {@code name} on the given values; null = undefined. */
    public Value call(String name, Value... args) {
        Builtin b = BuiltinRegistry.standard().lookup(name);
        if (b == null) throw new AssertionError("no builtin " + name);
        if (b.arity() != args.length) throw new AssertionError(name + " has arity " + b.arity());
        return b.impl().call(args, this);
    }

    /** Calls {@code name} on arguments written as Rego literals. */
    public Value callLit(String name, String... args) {
        Value[] vs = new Value[args.length];
        for (int i = 0; i < args.length; i++) vs[i] = v(args[i]);
        return call(name, vs);
    }

    /** The result as JSON (as opa eval prints it), "undefined" for null. */
    public String json(String name, String... args) {
        Value r = callLit(name, args);
        return r == null ? "undefined" : Json.write(r);
    }

    /** The error message of a failing call, or "no error: RESULT". Kind is prefixed: "TYPE: ...". */
    public String error(String name, String... args) {
        try {
            Value r = callLit(name, args);
            return "no error: " + (r == null ? "undefined" : Json.write(r));
        } catch (BuiltinException e) {
            return e.kind() + ": " + e.getMessage();
        }
    }

    /** Parses a Rego literal: JSON plus sets ({1, 2}, set()) and non-string object keys. */
    public static Value v(String text) {
        Lit p = new Lit(text);
        Value v = p.value();
        p.ws();
        if (p.i != text.length()) throw new IllegalArgumentException("trailing text at " + p.i + ": " + text);
        return v;
    }

    /** Parses a comma-separated list of Rego literals (a call's arguments). */
    public static Value[] args(String text) {
        Lit p = new Lit(text);
        List<Value> out = new ArrayList<>();
        p.ws();
        if (p.i == text.length()) return new Value[0];
        do { out.add(p.value()); } while (p.eat(','));
        p.ws();
        if (p.i != text.length()) throw new IllegalArgumentException("trailing text at " + p.i + ": " + text);
        return out.toArray(new Value[0]);
    }

    public static Value s(String str) { return StringValue.of(str); }

    private static final class Lit {
        final String t;
        int i;

        Lit(String t) { this.t = t; }

        void ws() { while (i < t.length() && Character.isWhitespace(t.charAt(i))) i++; }

        boolean eat(char c) {
            ws();
            if (i < t.length() && t.charAt(i) == c) { i++; return true; }
            return false;
        }

        Value value() {
            ws();
            char c = t.charAt(i);
            if (c == '[') {
                i++;
                List<Value> items = new ArrayList<>();
                if (!eat(']')) {
                    do { items.add(value()); } while (eat(','));
                    if (!eat(']')) throw err();
                }
                return ArrayValue.of(items);
            }
            if (c == '{') {
                i++;
                if (eat('}')) return ObjectValue.EMPTY;
                Value first = value();
                if (eat(':')) {
                    ObjectValue.Builder b = ObjectValue.builder();
                    b.put(first, value());
                    while (eat(',')) {
                        Value k = value();
                        if (!eat(':')) throw err();
                        b.put(k, value());
                    }
                    if (!eat('}')) throw err();
                    return b.build();
                }
                SetValue.Builder b = SetValue.builder().add(first);
                while (eat(',')) b.add(value());
                if (!eat('}')) throw err();
                return b.build();
            }
            if (c == '"') {
                int start = i;
                i++;
                while (t.charAt(i) != '"') i += t.charAt(i) == '\\' ? 2 : 1;
                i++;
                return Json.parse(t.substring(start, i));
            }
            if (t.startsWith("set()", i)) { i += 5; return SetValue.EMPTY; }
            if (t.startsWith("true", i)) { i += 4; return BooleanValue.TRUE; }
            if (t.startsWith("false", i)) { i += 5; return BooleanValue.FALSE; }
            if (t.startsWith("null", i)) { i += 4; return NullValue.INSTANCE; }
            int start = i;
            while (i < t.length() && "+-.0123456789eE".indexOf(t.charAt(i)) >= 0) i++;
            if (start == i) throw err();
            return NumberValue.parse(t.substring(start, i));
        }

        IllegalArgumentException err() { return new IllegalArgumentException("bad literal at " + i + ": " + t); }
    }
}

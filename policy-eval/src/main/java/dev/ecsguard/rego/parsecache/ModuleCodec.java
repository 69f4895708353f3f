package dev.ecsguard.rego.parsecache;

import dev.ecsguard.rego.ast.Annotations;
import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Import;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.ast.With;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compact binary form of a parsed {@link Module}, written and read without reflection, so that
 * reading it back in a fresh JVM costs a fraction of parsing the source. Decoding gives a module
 * equal to the one encoded, number literals' text included. Strings are written once and then
 * referred to by index (every {@link Location} names its file).
 *
 * <p>The switches are exhaustive over the AST's sealed types and the records are built with their
 * canonical constructors: a change to the AST does not compile until this class follows it. Bump
 * {@link #FORMAT} whenever the encoding changes.
 */
public final class ModuleCodec {
    /** Version of the encoding; part of every cache key. */
    public static final int FORMAT = 1;

    private ModuleCodec() {}

    /** Thrown when bytes are not a module this codec wrote. */
    public static final class MalformedException extends Exception {
        MalformedException(String message) { super(message); }
    }

    public static byte[] encode(Module m) {
        Writer w = new Writer();
        w.module(m);
        return w.toByteArray();
    }

    /** @throws MalformedException when the bytes are truncated, have trailing bytes or an unknown tag */
    public static Module decode(byte[] bytes) throws MalformedException {
        Reader r = new Reader(bytes);
        try {
            Module m = r.module();
            if (r.pos != bytes.length) throw new MalformedException("trailing bytes after the module");
            return m;
        } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException | IllegalArgumentException
                 | NullPointerException | ClassCastException | ArithmeticException e) {
            throw new MalformedException("malformed module encoding: " + e);
        }
    }

    // Term tags; 0 is null everywhere a tag is read.
    private static final int T_SCALAR = 1, T_VAR = 2, T_REF = 3, T_ARRAY = 4, T_SET = 5, T_OBJECT = 6,
            T_ARRAY_COMPR = 7, T_SET_COMPR = 8, T_OBJECT_COMPR = 9, T_CALL = 10;
    private static final int K_TERM = 1, K_UNIFY = 2, K_ASSIGN = 3, K_SOME = 4, K_SOME_IN = 5, K_EVERY = 6;
    private static final int V_NULL = 1, V_FALSE = 2, V_TRUE = 3, V_LONG = 4, V_DECIMAL = 5, V_LITERAL = 6,
            V_STRING = 7, V_ARRAY = 8, V_OBJECT = 9, V_SET = 10;

    private static final class Writer {
        private byte[] buf = new byte[4096];
        private int pos;
        private final Map<String, Integer> strings = new HashMap<>();

        byte[] toByteArray() { return Arrays.copyOf(buf, pos); }

        private void ensure(int n) {
            if (pos + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }

        void u8(int b) {
            ensure(1);
            buf[pos++] = (byte) b;
        }

        /** Unsigned LEB128 of a non-negative int. */
        void uint(int v) {
            ensure(5);
            while ((v & ~0x7F) != 0) {
                buf[pos++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }

        /** Zig-zag, then unsigned LEB128 (rows, columns, slots, longs). */
        void sint(long v) {
            long z = (v << 1) ^ (v >> 63);
            ensure(10);
            while ((z & ~0x7FL) != 0) {
                buf[pos++] = (byte) ((z & 0x7F) | 0x80);
                z >>>= 7;
            }
            buf[pos++] = (byte) z;
        }

        void bool(boolean b) { u8(b ? 1 : 0); }

        /** 0 for null, 1 + index of a string already written, or 1 + the next index and the UTF-8 bytes. */
        void string(String s) {
            if (s == null) {
                uint(0);
                return;
            }
            Integer idx = strings.get(s);
            if (idx != null) {
                uint(idx + 1);
                return;
            }
            int next = strings.size();
            strings.put(s, next);
            uint(next + 1);
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            uint(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        void loc(Location l) {
            if (l == null) {
                u8(0);
                return;
            }
            u8(1);
            string(l.file());
            sint(l.row());
            sint(l.col());
        }

        void module(Module m) {
            string(m.file());
            term(m.pkg());
            uint(m.imports().size());
            for (Import i : m.imports()) {
                term(i.path());
                string(i.alias());
                loc(i.loc());
            }
            uint(m.rules().size());
            for (Rule r : m.rules()) rule(r);
            uint(m.annotations().size());
            for (Annotations a : m.annotations()) annotations(a);
            u8(m.version() == null ? 0 : m.version().ordinal() + 1);
            loc(m.loc());
        }

        void annotations(Annotations a) {
            if (a == null) {
                u8(0);
                return;
            }
            u8(1);
            string(a.scope());
            value(a.value());
            loc(a.loc());
        }

        void rule(Rule r) {
            if (r == null) {
                u8(0);
                return;
            }
            u8(1 + r.kind().ordinal());
            term(r.head());
            terms(r.args());
            term(r.key());
            term(r.value());
            body(r.body());
            bool(r.isDefault());
            rule(r.elseRule());
            bool(r.assignOp());
            loc(r.loc());
            string(r.file());
            annotations(r.annotations());
        }

        void body(Body b) {
            if (b == null) {
                uint(0);
                return;
            }
            uint(b.exprs().size() + 1);
            for (Expr e : b.exprs()) expr(e);
        }

        void expr(Expr e) {
            switch (e.kind()) {
                case Expr.TermExpr k -> { u8(K_TERM); term(k.term()); }
                case Expr.Unify k -> { u8(K_UNIFY); term(k.left()); term(k.right()); }
                case Expr.Assign k -> { u8(K_ASSIGN); term(k.left()); term(k.right()); }
                case Expr.SomeDecl k -> { u8(K_SOME); uint(k.vars().size()); for (Term.Var v : k.vars()) term(v); }
                case Expr.SomeIn k -> { u8(K_SOME_IN); term(k.key()); term(k.value()); term(k.collection()); }
                case Expr.Every k -> { u8(K_EVERY); term(k.key()); term(k.value()); term(k.domain()); body(k.body()); }
            }
            bool(e.negated());
            uint(e.withs().size());
            for (With w : e.withs()) {
                term(w.target());
                term(w.value());
                loc(w.loc());
            }
            loc(e.loc());
            sint(e.index());
        }

        void terms(List<? extends Term> ts) {
            uint(ts.size());
            for (Term t : ts) term(t);
        }

        void term(Term t) {
            if (t == null) {
                u8(0);
                return;
            }
            switch (t) {
                case Term.Scalar s -> { u8(T_SCALAR); value(s.value()); }
                case Term.Var v -> { u8(T_VAR); string(v.name()); sint(v.slot()); }
                case Term.Ref r -> { u8(T_REF); term(r.head()); terms(r.path()); }
                case Term.ArrayTerm a -> { u8(T_ARRAY); terms(a.elems()); }
                case Term.SetTerm s -> { u8(T_SET); terms(s.elems()); }
                case Term.ObjectTerm o -> { u8(T_OBJECT); terms(o.keys()); terms(o.values()); }
                case Term.ArrayCompr c -> { u8(T_ARRAY_COMPR); term(c.head()); body(c.body()); }
                case Term.SetCompr c -> { u8(T_SET_COMPR); term(c.head()); body(c.body()); }
                case Term.ObjectCompr c -> { u8(T_OBJECT_COMPR); term(c.key()); term(c.value()); body(c.body()); }
                case Term.Call c -> { u8(T_CALL); term(c.operator()); terms(c.args()); }
            }
            loc(t.loc());
        }

        void value(Value v) {
            switch (v) {
                case NullValue n -> u8(V_NULL);
                case BooleanValue b -> u8(b.value() ? V_TRUE : V_FALSE);
                case NumberValue n -> {
                    if (n.literal() != null) {
                        u8(V_LITERAL);
                        string(n.literal());
                    } else if (n.isLong()) {
                        u8(V_LONG);
                        sint(n.longValue());
                    } else {
                        u8(V_DECIMAL);
                        string(n.bigDecimal().toString());
                    }
                }
                case StringValue s -> { u8(V_STRING); string(s.value()); }
                case ArrayValue a -> {
                    u8(V_ARRAY);
                    uint(a.size());
                    for (int i = 0; i < a.size(); i++) value(a.get(i));
                }
                case ObjectValue o -> {
                    u8(V_OBJECT);
                    uint(o.size());
                    o.forEach((k, x) -> {
                        value(k);
                        value(x);
                    });
                }
                case SetValue s -> {
                    u8(V_SET);
                    uint(s.size());
                    for (int i = 0; i < s.size(); i++) value(s.get(i));
                }
            }
        }
    }

    private static final class Reader {
        private final byte[] buf;
        int pos;
        private final List<String> strings = new ArrayList<>();

        Reader(byte[] buf) { this.buf = buf; }

        int u8() { return buf[pos++] & 0xFF; }

        int uint() throws MalformedException {
            int v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = buf[pos++];
                v |= (b & 0x7F) << shift;
                if (b >= 0) {
                    if (v < 0) throw new MalformedException("negative length");
                    return v;
                }
            }
            throw new MalformedException("varint too long");
        }

        long sint() throws MalformedException {
            long z = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                int b = buf[pos++];
                z |= (long) (b & 0x7F) << shift;
                if (b >= 0) return (z >>> 1) ^ -(z & 1);
            }
            throw new MalformedException("varint too long");
        }

        int int32() throws MalformedException {
            long v = sint();
            if (v != (int) v) throw new MalformedException("int out of range");
            return (int) v;
        }

        boolean bool() throws MalformedException {
            int b = u8();
            if (b > 1) throw new MalformedException("bad boolean " + b);
            return b == 1;
        }

        String string() throws MalformedException {
            int ref = uint();
            if (ref == 0) return null;
            if (ref <= strings.size()) return strings.get(ref - 1);
            if (ref != strings.size() + 1) throw new MalformedException("string index " + ref + " out of order");
            int len = uint();
            if (len > buf.length - pos) throw new MalformedException("string runs past the end");
            String s = new String(buf, pos, len, StandardCharsets.UTF_8);
            pos += len;
            strings.add(s);
            return s;
        }

        /** A count of items that each take at least one byte: never more than the bytes left. */
        int count() throws MalformedException {
            int n = uint();
            if (n > buf.length - pos) throw new MalformedException("count " + n + " runs past the end");
            return n;
        }

        Location loc() throws MalformedException {
            return switch (u8()) {
                case 0 -> null;
                case 1 -> new Location(string(), int32(), int32());
                default -> throw new MalformedException("bad location tag");
            };
        }

        Module module() throws MalformedException {
            String file = string();
            Term.Ref pkg = ref(term());
            int ni = count();
            List<Import> imports = new ArrayList<>(ni);
            for (int i = 0; i < ni; i++) imports.add(new Import(ref(term()), string(), loc()));
            int nr = count();
            List<Rule> rules = new ArrayList<>(nr);
            for (int i = 0; i < nr; i++) rules.add(rule());
            int na = count();
            List<Annotations> annotations = new ArrayList<>(na);
            for (int i = 0; i < na; i++) annotations.add(annotations());
            int v = u8();
            RegoVersion version = v == 0 ? null : RegoVersion.values()[v - 1];
            return new Module(file, pkg, imports, rules, annotations, version, loc());
        }

        Annotations annotations() throws MalformedException {
            return switch (u8()) {
                case 0 -> null;
                case 1 -> {
                    String scope = string();
                    if (!(value() instanceof ObjectValue o)) throw new MalformedException("annotations are not an object");
                    yield new Annotations(scope, o, loc());
                }
                default -> throw new MalformedException("bad annotations tag");
            };
        }

        Rule rule() throws MalformedException {
            int tag = u8();
            if (tag == 0) return null;
            Rule.Kind kind = Rule.Kind.values()[tag - 1];
            Term.Ref head = ref(term());
            List<Term> args = terms();
            Term key = term();
            Term value = term();
            Body body = body();
            boolean isDefault = bool();
            Rule elseRule = rule();
            boolean assignOp = bool();
            Location loc = loc();
            String file = string();
            return new Rule(kind, head, args, key, value, body, isDefault, elseRule, assignOp, loc, file, annotations());
        }

        Body body() throws MalformedException {
            int n = count();
            if (n == 0) return null;
            List<Expr> exprs = new ArrayList<>(n - 1);
            for (int i = 1; i < n; i++) exprs.add(expr());
            return new Body(exprs);
        }

        Expr expr() throws MalformedException {
            Expr.Kind kind = switch (u8()) {
                case K_TERM -> new Expr.TermExpr(term());
                case K_UNIFY -> new Expr.Unify(term(), term());
                case K_ASSIGN -> new Expr.Assign(term(), term());
                case K_SOME -> {
                    int n = count();
                    List<Term.Var> vars = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        if (!(term() instanceof Term.Var v)) throw new MalformedException("some declares a non-variable");
                        vars.add(v);
                    }
                    yield new Expr.SomeDecl(vars);
                }
                case K_SOME_IN -> new Expr.SomeIn(term(), term(), term());
                case K_EVERY -> new Expr.Every(term(), term(), term(), body());
                default -> throw new MalformedException("bad expression tag");
            };
            boolean negated = bool();
            int nw = count();
            List<With> withs = new ArrayList<>(nw);
            for (int i = 0; i < nw; i++) withs.add(new With(ref(term()), term(), loc()));
            return new Expr(kind, negated, withs, loc(), int32());
        }

        List<Term> terms() throws MalformedException {
            int n = count();
            List<Term> ts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) ts.add(term());
            return ts;
        }

        Term.Ref ref(Term t) throws MalformedException {
            if (t instanceof Term.Ref r) return r;
            if (t == null) return null;
            throw new MalformedException("expected a reference, found " + t.getClass().getSimpleName());
        }

        Term term() throws MalformedException {
            int tag = u8();
            return switch (tag) {
                case 0 -> null;
                case T_SCALAR -> { Value v = value(); yield new Term.Scalar(v, loc()); }
                case T_VAR -> { String n = string(); int slot = int32(); yield new Term.Var(n, slot, loc()); }
                case T_REF -> { Term h = term(); List<Term> p = terms(); yield new Term.Ref(h, p, loc()); }
                case T_ARRAY -> { List<Term> e = terms(); yield new Term.ArrayTerm(e, loc()); }
                case T_SET -> { List<Term> e = terms(); yield new Term.SetTerm(e, loc()); }
                case T_OBJECT -> { List<Term> k = terms(); List<Term> v = terms(); yield new Term.ObjectTerm(k, v, loc()); }
                case T_ARRAY_COMPR -> { Term h = term(); Body b = body(); yield new Term.ArrayCompr(h, b, loc()); }
                case T_SET_COMPR -> { Term h = term(); Body b = body(); yield new Term.SetCompr(h, b, loc()); }
                case T_OBJECT_COMPR -> {
                    Term k = term(); Term v = term(); Body b = body();
                    yield new Term.ObjectCompr(k, v, b, loc());
                }
                case T_CALL -> { Term.Ref op = ref(term()); List<Term> a = terms(); yield new Term.Call(op, a, loc()); }
                default -> throw new MalformedException("bad term tag " + tag);
            };
        }

        Value value() throws MalformedException {
            int tag = u8();
            return switch (tag) {
                case V_NULL -> NullValue.INSTANCE;
                case V_FALSE -> BooleanValue.FALSE;
                case V_TRUE -> BooleanValue.TRUE;
                case V_LONG -> NumberValue.of(sint());
                case V_DECIMAL -> NumberValue.of(new BigDecimal(nonNull(string())));
                case V_LITERAL -> NumberValue.parse(nonNull(string()));
                case V_STRING -> StringValue.of(nonNull(string()));
                case V_ARRAY -> {
                    Value[] a = new Value[count()];
                    for (int i = 0; i < a.length; i++) a[i] = value();
                    yield ArrayValue.wrap(a);
                }
                case V_OBJECT -> {
                    int n = count();
                    Value[] k = new Value[n], v = new Value[n];
                    for (int i = 0; i < n; i++) {
                        k[i] = value();
                        v[i] = value();
                        if (i > 0 && k[i - 1].compareTo(k[i]) >= 0) throw new MalformedException("object keys out of order");
                    }
                    yield ObjectValue.wrapSorted(k, v);
                }
                case V_SET -> {
                    Value[] a = new Value[count()];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = value();
                        if (i > 0 && a[i - 1].compareTo(a[i]) >= 0) throw new MalformedException("set elements out of order");
                    }
                    yield SetValue.wrapSorted(a);
                }
                default -> throw new MalformedException("bad value tag " + tag);
            };
        }

        private static String nonNull(String s) throws MalformedException {
            if (s == null) throw new MalformedException("missing string");
            return s;
        }
    }
}

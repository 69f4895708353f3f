package dev.ecsguard.rego.ast;

import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.List;

/** A Rego term: a scalar, variable, reference, composite, comprehension or call. Immutable. */
public sealed interface Term {
    Location loc();

    /** A constant: null, boolean, number or string. */
    record Scalar(Value value, Location loc) implements Term {
        @Override public String toString() { return value.toRego(); }
    }

    /**
     * A variable. {@code slot} is assigned by the compiler (index into the evaluation frame);
     * -1 before compilation. Names starting with '$' are generated (wildcards, rewrites).
     */
    record Var(String name, int slot, Location loc) implements Term {
        public Var(String name, Location loc) { this(name, -1, loc); }
        public boolean isWildcard() { return name.startsWith("$_"); }
        public boolean isGenerated() { return name.startsWith("$"); }
        public Var withSlot(int s) { return new Var(name, s, loc); }
        @Override public String toString() { return isWildcard() ? "_" : name; }
    }

    /** {@code head.path[0][path[1]]...}. A dotted segment {@code .x} is a string scalar in the path. */
    record Ref(Term head, List<Term> path, Location loc) implements Term {
        public Ref {
            path = List.copyOf(path);
        }
        /** The head variable's name, or null when the head is not a variable. */
        public String rootName() { return head instanceof Var v ? v.name() : null; }
        public Ref append(Term t) {
            var p = new java.util.ArrayList<>(path);
            p.add(t);
            return new Ref(head, p, loc);
        }
        /** True when every path element is a string scalar, e.g. data.a.b. */
        public boolean isGroundPath() {
            for (Term t : path) if (!(t instanceof Scalar)) return false;
            return true;
        }
        /** "data.a.b" for display, as OPA prints refs: string segments that are identifiers and not keywords are dotted. */
        @Override public String toString() {
            StringBuilder sb = new StringBuilder(head.toString());
            for (Term t : path) {
                if (t instanceof Scalar s && s.value() instanceof StringValue str && Lexer.isIdentifier(str.value())
                        && !Parser.KEYWORDS.contains(str.value())) {
                    sb.append('.').append(str.value());
                } else {
                    sb.append('[').append(t).append(']');
                }
            }
            return sb.toString();
        }
    }

    record ArrayTerm(List<Term> elems, Location loc) implements Term {
        public ArrayTerm { elems = List.copyOf(elems); }
        @Override public String toString() { return elems.toString(); }
    }

    record SetTerm(List<Term> elems, Location loc) implements Term {
        public SetTerm { elems = List.copyOf(elems); }
        @Override public String toString() {
            return elems.isEmpty() ? "set()" : "{" + String.join(", ", elems.stream().map(Object::toString).toList()) + "}";
        }
    }

    record ObjectTerm(List<Term> keys, List<Term> values, Location loc) implements Term {
        public ObjectTerm { keys = List.copyOf(keys); values = List.copyOf(values); }
        @Override public String toString() {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(keys.get(i)).append(": ").append(values.get(i));
            }
            return sb.append('}').toString();
        }
    }

    record ArrayCompr(Term head, Body body, Location loc) implements Term {
        @Override public String toString() { return "[" + head + " | " + body + "]"; }
    }

    record SetCompr(Term head, Body body, Location loc) implements Term {
        @Override public String toString() { return "{" + head + " | " + body + "}"; }
    }

    record ObjectCompr(Term key, Term value, Body body, Location loc) implements Term {
        @Override public String toString() { return "{" + key + ": " + value + " | " + body + "}"; }
    }

    /**
     * A call {@code operator(args...)}. The operator is a ref: a builtin name ({@code count},
     * {@code strings.replace_n}) or, after compilation, a rule ref ({@code data.p.f}).
     */
    record Call(Ref operator, List<Term> args, Location loc) implements Term {
        public Call { args = List.copyOf(args); }
        public String operatorName() { return operator.toString(); }
        @Override public String toString() {
            return operator + "(" + String.join(", ", args.stream().map(Object::toString).toList()) + ")";
        }
    }

    static Scalar string(String s, Location loc) { return new Scalar(StringValue.of(s), loc); }
}

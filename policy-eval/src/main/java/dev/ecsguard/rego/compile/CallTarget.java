package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.builtins.BuiltinRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * What a call site invokes, resolved once when the policy is compiled so that evaluation does
 * not look names up per call: a user function's rule node, a builtin, or one of the calls the
 * evaluator implements itself.
 */
public sealed interface CallTarget {
    /** Number of input arguments; -1 when any number is accepted (print) or unknown. */
    int arity();

    /** A user-defined function: the rule node at its data path (null, and arity -1, when none is there: undefined). */
    record Function(RuleTree.Node node, int arity) implements CallTarget {}

    /** A builtin from the registry. */
    record Builtin(dev.ecsguard.rego.builtins.Builtin builtin) implements CallTarget {
        @Override public int arity() { return builtin.arity(); }
    }

    /** {@code internal.member_2/3}, the compiled form of {@code x in xs} and {@code k, v in xs}. */
    record Member(int arity) implements CallTarget {}

    /** {@code print(...)}: output, never part of the result. */
    record Print() implements CallTarget {
        @Override public int arity() { return -1; }
    }

    /** {@code walk(x)} / {@code walk(x, [path, value])}: a relation, enumerated. */
    record Walk() implements CallTarget {
        @Override public int arity() { return 1; }
    }

    /** A name that resolves to nothing (a function with no rules, or an unknown builtin). */
    record Unresolved(String name) implements CallTarget {
        @Override public int arity() { return -1; }
    }

    /** Resolves a call operator against the rule tree and the builtins. */
    public static CallTarget resolve(Term.Ref op, RuleTree tree, BuiltinRegistry builtins) {
        String root = op.rootName();
        if ("data".equals(root) && op.head() instanceof Term.Var v && v.slot() < 0) {
            List<dev.ecsguard.rego.value.Value> path = new ArrayList<>(op.path().size());
            for (Term t : op.path()) {
                if (!(t instanceof Term.Scalar s)) return new Function(null, -1);
                path.add(s.value());
            }
            RuleTree.Node n = tree.find(path);
            if (n == null) return new Function(null, -1);
            int arity = -1;
            for (RuleTree.CRule r : n.rules()) { arity = r.args().size(); break; }
            if (arity < 0 && n.defaultRule() != null) arity = n.defaultRule().args().size();
            return new Function(n, arity);
        }
        if (root == null) return new Unresolved(op.toString());
        return switch (root) {
            case "internal.member_2" -> new Member(2);
            case "internal.member_3" -> new Member(3);
            case "print" -> new Print();
            case "walk" -> new Walk();
            default -> {
                dev.ecsguard.rego.builtins.Builtin b = builtins.lookup(root);
                yield b == null ? new Unresolved(root) : new Builtin(b);
            }
        };
    }
}

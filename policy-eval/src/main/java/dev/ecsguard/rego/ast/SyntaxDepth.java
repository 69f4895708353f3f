package dev.ecsguard.rego.ast;

import dev.ecsguard.rego.errors.Location;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The nesting depth of a parsed program, measured without recursion (so a program too deep for
 * the parser's callers is measured safely): a rule is level 1; its body, head terms and
 * {@code else} branch one level below it; an expression below its body; a term below the
 * expression or term that holds it. Operator chains ({@code a + b + c} is {@code plus(plus(a, b),
 * c)}) and {@code else} chains are as deep as they are long, which is how the compiler and the
 * evaluator recurse over them.
 */
public final class SyntaxDepth {
    private SyntaxDepth() {}

    private record Node(Object node, int depth) {}

    /** The deepest level of a module; throws the limit's parse error at the first node beyond it. */
    public static int check(Module m, SourceLimits limits) {
        ArrayDeque<Node> todo = new ArrayDeque<>();
        for (Rule r : m.rules()) todo.push(new Node(r, 1));
        return walk(todo, limits);
    }

    /** The deepest level of a query (its body is level 1). */
    public static int check(Body query, SourceLimits limits) {
        ArrayDeque<Node> todo = new ArrayDeque<>();
        todo.push(new Node(query, 1));
        return walk(todo, limits);
    }

    private static int walk(ArrayDeque<Node> todo, SourceLimits limits) {
        int deepest = 0;
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            int d = n.depth();
            if (d > limits.maxDepth()) throw limits.tooDeep(location(n.node()));
            deepest = Math.max(deepest, d);
            int c = d + 1;
            switch (n.node()) {
                case Rule r -> {
                    push(todo, r.head(), c);
                    for (Term t : r.args()) push(todo, t, c);
                    push(todo, r.key(), c);
                    push(todo, r.value(), c);
                    push(todo, r.body(), c);
                    push(todo, r.elseRule(), c);
                }
                case Body b -> {
                    for (Expr e : b.exprs()) push(todo, e, c);
                }
                case Expr e -> {
                    switch (e.kind()) {
                        case Expr.TermExpr t -> push(todo, t.term(), c);
                        case Expr.Unify u -> { push(todo, u.left(), c); push(todo, u.right(), c); }
                        case Expr.Assign a -> { push(todo, a.left(), c); push(todo, a.right(), c); }
                        case Expr.SomeDecl s -> { }
                        case Expr.SomeIn s -> { push(todo, s.key(), c); push(todo, s.value(), c); push(todo, s.collection(), c); }
                        case Expr.Every ev -> {
                            push(todo, ev.key(), c);
                            push(todo, ev.value(), c);
                            push(todo, ev.domain(), c);
                            push(todo, ev.body(), c);
                        }
                    }
                    for (With w : e.withs()) { push(todo, w.target(), c); push(todo, w.value(), c); }
                }
                case Term.Scalar s -> { }
                case Term.Var v -> { }
                case Term.Ref r -> { push(todo, r.head(), c); pushAll(todo, r.path(), c); }
                case Term.ArrayTerm a -> pushAll(todo, a.elems(), c);
                case Term.SetTerm s -> pushAll(todo, s.elems(), c);
                case Term.ObjectTerm o -> { pushAll(todo, o.keys(), c); pushAll(todo, o.values(), c); }
                case Term.ArrayCompr a -> { push(todo, a.head(), c); push(todo, a.body(), c); }
                case Term.SetCompr s -> { push(todo, s.head(), c); push(todo, s.body(), c); }
                case Term.ObjectCompr o -> { push(todo, o.key(), c); push(todo, o.value(), c); push(todo, o.body(), c); }
                case Term.Call call -> { push(todo, call.operator(), c); pushAll(todo, call.args(), c); }
                default -> { }
            }
        }
        return deepest;
    }

    private static void push(ArrayDeque<Node> todo, Object node, int depth) {
        if (node != null && !(node instanceof Term.Scalar) && !(node instanceof Term.Var)) {
            todo.push(new Node(node, depth));
        }
    }

    private static void pushAll(ArrayDeque<Node> todo, List<? extends Term> terms, int depth) {
        for (Term t : terms) push(todo, t, depth);
    }

    private static Location location(Object node) {
        return switch (node) {
            case Rule r -> r.loc();
            case Expr e -> e.loc();
            case Term t -> t.loc();
            case Body b -> b.exprs().isEmpty() ? Location.NONE : b.exprs().get(0).loc();
            default -> Location.NONE;
        };
    }
}

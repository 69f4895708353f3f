package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code graph.reachable} and {@code graph.reachable_paths} over an adjacency object, as OPA. */
public final class GraphBuiltins implements BuiltinNamespace {
    private static final Type VERTICES = Type.anyOf(Type.ARRAY_ANY, Type.SET_ANY);

    @Override
    public void register(BuiltinRegistry r) {
        r.register("graph.reachable", Type.SET_ANY, GraphBuiltins::reachable,
                Type.objectOf(Type.ANY, VERTICES), VERTICES);
        r.register("graph.reachable_paths", Type.setOf(Type.ARRAY_ANY), GraphBuiltins::reachablePaths,
                Type.objectOf(Type.ANY, VERTICES), VERTICES);
    }

    private static List<Value> vertices(Value v) {
        if (v instanceof ArrayValue a) return a.asList();
        if (v instanceof SetValue s) return s.asList();
        return List.of();
    }

    private static ObjectValue graph(String name, Value[] args) {
        if (args[0] instanceof ObjectValue o) return o;
        throw BuiltinException.operand(name, 1, "object", args[0]);
    }

    private static List<Value> initial(String name, Value[] args) {
        if (args[1] instanceof ArrayValue || args[1] instanceof SetValue) return vertices(args[1]);
        throw BuiltinException.operand(name, 2, "{array, set}", args[1]);
    }

    private static Value reachable(Value[] args, BuiltinContext ctx) {
        String name = "graph.reachable";
        ObjectValue graph = graph(name, args);
        ArrayDeque<Value> queue = new ArrayDeque<>(initial(name, args));
        Set<Value> reached = new HashSet<>();
        long work = 0;
        while (!queue.isEmpty()) {
            Value node = queue.poll();
            if (reached.contains(node)) continue;
            Value edges = graph.get(node);
            if (edges == null) continue;
            reached.add(node);
            for (Value n : vertices(edges)) {
                if (!reached.contains(n)) queue.add(n);
                if (++work % 4096 == 0) ctx.charge(4096);
            }
        }
        return SetValue.of(reached);
    }

    private static Value reachablePaths(Value[] args, BuiltinContext ctx) {
        String name = "graph.reachable_paths";
        ObjectValue graph = graph(name, args);
        List<Value> queue = initial(name, args);
        Set<Value> result = new HashSet<>();
        for (Value node : queue) {
            Value edges = graph.get(node);
            if (edges == null) continue;
            List<Value> es = vertices(edges);
            if (es.isEmpty()) {
                result.add(ArrayValue.of(node));
                continue;
            }
            for (Value n : es) {
                Set<Value> reached = new HashSet<>();
                reached.add(node);
                build(graph, n, List.of(node), result, reached, ctx);
            }
        }
        return SetValue.of(result);
    }

    /**
     * OPA 1.4.2's pathBuilder, quirks included: {@code reached} is one set shared by the whole
     * walk from a start edge and gets a node only when a neighbour is followed (so a self-loop is
     * walked once more: [a, b, b]), and the paths a node commits accumulate (a second cycle back
     * from the same node commits the path twice over).
     */
    private static void build(ObjectValue graph, Value root, List<Value> path, Set<Value> out, Set<Value> reached,
                              BuiltinContext ctx) {
        ctx.charge(path.size() + 1);
        WorkLimits.checkCollection(ctx, out.size());
        List<Value> paths = new ArrayList<>();
        Value edges = graph.get(root);
        if (edges == null) {
            out.add(ArrayValue.of(path));
            return;
        }
        List<Value> p = new ArrayList<>(path);
        p.add(root);
        List<Value> es = vertices(edges);
        if (es.isEmpty()) {
            out.add(ArrayValue.of(p));
            return;
        }
        for (Value n : es) {
            if (reached.contains(n)) {
                paths.addAll(p);
                ctx.charge(paths.size());
                out.add(ArrayValue.of(paths));
            } else {
                reached.add(root);
                build(graph, n, p, out, reached, ctx);
            }
        }
    }
}

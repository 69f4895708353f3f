package dev.ecsguard.rego.builtins;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

/** Outcomes recorded from OPA 1.4.2 (opaeval -strict-builtin-errors, arguments via input). */
class GraphBuiltinsTest {
    @TestFactory
    List<DynamicTest> observedOpaOutcomes() {
        return OpaBuiltinsTable.cases(TABLE);
    }

    static final String TABLE = """
graph.reachable ¦ {"a": ["b"], "b": ["c"], "c": [], "d": ["a"]} ¦ ["a"] ⇒ ["a","b","c"]
graph.reachable ¦ {"a": ["b"], "b": ["a"]} ¦ ["a"] ⇒ ["a","b"]
graph.reachable ¦ {"a": ["b", "x"], "b": ["a"]} ¦ ["a", "z"] ⇒ ["a","b"]
graph.reachable ¦ {"a": {"b"}, "b": {"c"}} ¦ {"a"} ⇒ ["a","b"]
graph.reachable ¦ {"a": ["a"]} ¦ [] ⇒ []
graph.reachable ¦ {} ¦ ["a"] ⇒ []
graph.reachable ¦ {"a": ["b"]} ¦ "a" ⇒ TYPE: graph.reachable: operand 2 must be {array, set} but got string
graph.reachable ¦ [] ¦ ["a"] ⇒ TYPE: graph.reachable: operand 1 must be object but got array
graph.reachable_paths ¦ {"a": ["b", "c"], "b": ["d"], "c": [], "d": []} ¦ ["a"] ⇒ [["a","b","d"],["a","c"]]
graph.reachable_paths ¦ {"a": ["b"], "b": ["a"]} ¦ ["a"] ⇒ [["a","b"]]
graph.reachable_paths ¦ {"a": ["b", "x"], "b": []} ¦ ["a"] ⇒ [["a"],["a","b"]]
graph.reachable_paths ¦ {"a": [], "b": ["a"]} ¦ ["a", "b", "z"] ⇒ [["a"],["b","a"]]
graph.reachable_paths ¦ {"a": ["b"], "b": ["c"], "c": ["a", "d"]} ¦ {"a", "c"} ⇒ [["a","b","c"],["c"],["c","a","b"]]
# OPA 1.4.2's pathBuilder: self-loops walked once more, shared reached set, repeated commits
graph.reachable_paths ¦ {"a": {"c", "b"}, "b": {"d", "c"}, "d": ["d"]} ¦ ["a"] ⇒ [["a"],["a","b"],["a","b","d","d"]]
graph.reachable_paths ¦ {"a": ["a"], "b": {"a", "d"}, "d": {"a", "b"}} ¦ {"b"} ⇒ [["b","a","a"],["b","d"],["b","d","a","a"]]
graph.reachable_paths ¦ {"c": [], "a": {"a", "b"}, "b": {"b", "c"}} ¦ ["a"] ⇒ [["a","a"],["a","a","b","b"],["a","a","b","b","c"],["a","a","b","c"],["a","b","b"],["a","b","b","c"],["a","b","c"]]
graph.reachable_paths ¦ {"a": ["b", "c"], "b": ["a", "a"], "c": ["a"]} ¦ ["a"] ⇒ [["a","b"],["a","b","a","b"],["a","c"]]
graph.reachable_paths ¦ {"a": ["b"]} ¦ 1 ⇒ TYPE: graph.reachable_paths: operand 2 must be {array, set} but got number
""";
}

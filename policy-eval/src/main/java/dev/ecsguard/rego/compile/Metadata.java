package dev.ecsguard.rego.compile;

import dev.ecsguard.rego.ast.Annotations;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of {@code rego.metadata.rule()} and {@code rego.metadata.chain()}. Both depend only
 * on where the call is written, so the compiler replaces each call by a constant.
 */
final class Metadata {
    private final Map<List<Value>, ObjectValue> documents = new HashMap<>();
    private final Map<List<Value>, ObjectValue> packages = new HashMap<>();
    private final Map<List<Value>, ObjectValue> subpackages = new HashMap<>();

    Metadata(List<Module> modules) {
        for (Module m : modules) {
            List<Value> pkg = SetRuleTree.pathValues(m.pkg());
            for (Annotations a : m.annotations()) {
                switch (a.scope()) {
                    case "package" -> packages.put(pkg, normalise(a));
                    case "subpackages" -> subpackages.put(pkg, normalise(a));
                    default -> { }
                }
            }
            for (Rule r : m.rules()) {
                if (r.annotations() != null && r.annotations().scope().equals("document")) {
                    documents.put(rulePath(pkg, r), normalise(r.annotations()));
                }
            }
        }
    }

    static List<Value> rulePath(List<Value> pkg, Rule r) {
        List<Value> p = new ArrayList<>(pkg);
        p.add(StringValue.of(r.head().rootName()));
        for (Term t : r.head().path()) {
            if (t instanceof Term.Scalar s) p.add(s.value()); else break;
        }
        return p;
    }

    /** rego.metadata.rule(): the rule's own rule-scoped annotations, or {}. */
    Value rule(Rule r) {
        return r.annotations() != null && r.annotations().scope().equals("rule") ? normalise(r.annotations()) : ObjectValue.EMPTY;
    }

    /** rego.metadata.chain(): rule, document, package and enclosing subpackages annotations, innermost first. */
    Value chain(List<Value> pkg, Rule r) {
        List<Value> out = new ArrayList<>();
        List<Value> path = rulePath(pkg, r);
        ObjectValue ruleAnn = r.annotations() != null && r.annotations().scope().equals("rule") ? normalise(r.annotations()) : null;
        out.add(entry(path, ruleAnn));
        ObjectValue doc = documents.get(path);
        if (doc != null) out.add(entry(path, doc));
        ObjectValue p = packages.get(pkg);
        if (p != null) out.add(entry(pkg, p));
        for (int n = pkg.size(); n >= 0; n--) {
            List<Value> prefix = pkg.subList(0, n);
            ObjectValue s = subpackages.get(prefix);
            if (s != null) out.add(entry(prefix, s));
        }
        return ArrayValue.of(out);
    }

    private static Value entry(List<Value> path, ObjectValue annotations) {
        ObjectValue e = ObjectValue.EMPTY.with(StringValue.of("path"), ArrayValue.of(path));
        return annotations == null ? e : e.with(StringValue.of("annotations"), annotations);
    }

    /** OPA's JSON form: scope always present, authors as {name, email}, related_resources as {ref}. */
    private static ObjectValue normalise(Annotations a) {
        ObjectValue v = a.value().with(StringValue.of("scope"), StringValue.of(a.scope()));
        Value authors = v.get("authors");
        if (authors instanceof ArrayValue arr) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) out.add(author(arr.get(i)));
            v = v.with(StringValue.of("authors"), ArrayValue.of(out));
        } else if (authors instanceof StringValue) {
            v = v.with(StringValue.of("authors"), ArrayValue.of(author(authors)));
        }
        Value related = v.get("related_resources");
        if (related instanceof ArrayValue arr) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) {
                Value x = arr.get(i);
                out.add(x instanceof StringValue s ? ObjectValue.EMPTY.with(StringValue.of("ref"), s) : x);
            }
            v = v.with(StringValue.of("related_resources"), ArrayValue.of(out));
        }
        return v;
    }

    private static Value author(Value v) {
        if (!(v instanceof StringValue s)) return v;
        String text = s.value().strip();
        int lt = text.lastIndexOf('<');
        ObjectValue o = ObjectValue.EMPTY;
        if (lt >= 0 && text.endsWith(">")) {
            String name = text.substring(0, lt).strip();
            String email = text.substring(lt + 1, text.length() - 1).strip();
            if (!name.isEmpty()) o = o.with(StringValue.of("name"), StringValue.of(name));
            return o.with(StringValue.of("email"), StringValue.of(email));
        }
        return o.with(StringValue.of("name"), StringValue.of(text));
    }
}

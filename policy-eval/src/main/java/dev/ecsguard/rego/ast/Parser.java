package dev.ecsguard.rego.ast;

import dev.ecsguard.rego.ast.Lexer.T;
import dev.ecsguard.rego.ast.Lexer.Token;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoError;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for Rego v1 and v0 modules and queries. Precedence follows OPA's
 * parser: {@code in} < relations < {@code |} < {@code &} < {@code + -} < {@code * / %}.
 */
public final class Parser {
    /** Deepest term nesting accepted; deeper input is a parse error, never a stack overflow. */
    public static final int MAX_NESTING = 256;

    private final List<Token> toks;
    private final List<Lexer.Comment> comments;
    private final String file;
    private RegoVersion version;
    private int p;
    private int nest;          // > 0 inside (), [] and {} terms, where newlines do not end expressions
    private int depth;
    private int wildcards;
    private final Set<String> keywords = new HashSet<>();
    private final List<RegoError> errors = new ArrayList<>();

    private Parser(String src, String file, RegoVersion version) {
        Lexer lx = new Lexer(src, file).run();
        this.toks = lx.tokens();
        this.comments = lx.comments();
        this.file = file;
        setVersion(version);
    }

    private void setVersion(RegoVersion v) {
        this.version = v;
        keywords.clear();
        if (v == RegoVersion.V1) keywords.addAll(List.of("if", "contains", "in", "every"));
    }

    /** Parses a module in the given version, or detects it (v1 unless only v0 parses) when null. */
    public static Module parseModule(String src, String file, RegoVersion version) {
        if (version != null) return new Parser(src, file, version).module();
        try {
            return new Parser(src, file, RegoVersion.V1).module();
        } catch (RegoException v1Error) {
            try {
                return new Parser(src, file, RegoVersion.V0).module();
            } catch (RegoException v0Error) {
                throw v1Error;
            }
        }
    }

    /** Parses a query: a body of one or more expressions. */
    public static Body parseQuery(String src, RegoVersion version) {
        Parser ps = new Parser(src, "", version == null ? RegoVersion.V1 : version);
        if (version == RegoVersion.V0) ps.keywords.addAll(List.of("if", "contains", "in", "every"));
        Body b = ps.bodyUntil(T.EOF);
        if (b.exprs().isEmpty()) throw ps.err("empty query", ps.peek());
        return b;
    }

    // ---------------------------------------------------------------- tokens

    private Token peek() { return toks.get(p); }
    private Token peek(int k) { return toks.get(Math.min(p + k, toks.size() - 1)); }
    private Token next() { Token t = toks.get(p); if (t.type() != T.EOF) p++; return t; }
    private boolean at(T t) { return peek().type() == t; }
    private boolean atKw(String kw) {
        Token t = peek();
        return t.type() == T.IDENT && t.text().equals(kw) && isKeyword(kw);
    }
    private boolean isKeyword(String w) {
        return switch (w) {
            case "if", "contains", "in", "every" -> keywords.contains(w);
            default -> true;
        };
    }
    private boolean accept(T t) { if (at(t)) { next(); return true; } return false; }
    private boolean acceptKw(String kw) { if (atKw(kw)) { next(); return true; } return false; }

    private Token expect(T t, String what) {
        if (!at(t)) throw unexpected(what);
        return next();
    }

    private Location loc(Token t) { return new Location(file, t.row(), t.col()); }

    private RegoException err(String msg, Token at) {
        return new RegoException(ErrorKind.PARSE, msg, loc(at));
    }

    private RegoException unexpected(String expected) {
        Token t = peek();
        String what = t.type() == T.EOF ? "eof" : t.text();
        String kind = switch (t.type()) {
            case IDENT -> "ident";
            case STRING, RAWSTRING -> "string";
            case NUMBER -> "number";
            case EOF -> "eof";
            default -> what;
        };
        String msg = "unexpected " + kind + " token";
        if (t.type() == T.IDENT) msg = "unexpected identifier token";
        if (expected != null) msg += ": expected " + expected;
        return err(msg, t);
    }

    private Term.Var wildcard(Location l) { return new Term.Var("$_" + (wildcards++), l); }

    // ---------------------------------------------------------------- module

    private Module module() {
        Token start = peek();
        if (!(at(T.IDENT) && peek().text().equals("package"))) {
            throw err("package expected", start);
        }
        next();
        Term.Ref pkg = packagePath();
        List<Import> imports = new ArrayList<>();
        while (at(T.IDENT) && peek().text().equals("import")) {
            imports.add(importDecl());
        }
        List<Rule> rules = new ArrayList<>();
        while (!at(T.EOF)) {
            rules.addAll(rule());
        }
        if (!errors.isEmpty()) throw new RegoException(errors);
        Annotations.Collector ac = new Annotations.Collector(comments, file, start.row());
        List<Annotations> all = ac.collect();
        rules = ac.attach(rules);
        return new Module(file, pkg, imports, rules, all, version, loc(start));
    }

    private Term.Ref packagePath() {
        Token t = peek();
        if (!at(T.IDENT)) throw unexpected("package name");
        List<Term> path = new ArrayList<>();
        Token first = next();
        path.add(Term.string(first.text(), loc(first)));
        while (true) {
            if (at(T.DOT) && !peek().spaceBefore()) {
                next();
                Token id = expect(T.IDENT, "identifier");
                path.add(Term.string(id.text(), loc(id)));
            } else if (at(T.LBRACK) && !peek().spaceBefore()) {
                next();
                Token s = peek();
                if (s.type() != T.STRING) throw unexpected("string");
                next();
                path.add(Term.string(s.text(), loc(s)));
                expect(T.RBRACK, "]");
            } else break;
        }
        return new Term.Ref(new Term.Var("data", loc(t)), path, loc(t));
    }

    private Import importDecl() {
        Token kw = next();
        Token t = peek();
        if (!at(T.IDENT)) throw unexpected("import path");
        Term term = refOrVar(new Term.Var(next().text(), loc(t)), true);
        Term.Ref ref = term instanceof Term.Ref r ? r : new Term.Ref(term, List.of(), loc(t));
        String root = ref.rootName();
        if (!("data".equals(root) || "input".equals(root) || "future".equals(root) || "rego".equals(root))) {
            throw err("unexpected import path, must begin with one of: {data, future, input, rego}, got: " + root, t);
        }
        String alias = null;
        if (at(T.IDENT) && peek().text().equals("as") && !peek().newlineBefore()) {
            next();
            alias = expect(T.IDENT, "alias").text();
        }
        String path = ref.toString();
        if (path.equals("rego.v1")) {
            if (version == RegoVersion.V0) {
                // import rego.v1 in a v0 module demands v1 syntax from here on
                setVersion(RegoVersion.V1);
            }
        } else if (path.startsWith("future.keywords")) {
            if (path.equals("future.keywords")) keywords.addAll(List.of("if", "contains", "in", "every"));
            else {
                String kwName = path.substring("future.keywords.".length());
                if (!List.of("if", "contains", "in", "every").contains(kwName)) {
                    throw err("unexpected keyword, must be one of [contains every if in]", t);
                }
                keywords.add(kwName);
                if (kwName.equals("every")) keywords.add("in");
            }
        } else if (root.equals("future") || root.equals("rego")) {
            throw err("invalid import " + path, t);
        }
        return new Import(ref, alias, loc(kw));
    }

    // ---------------------------------------------------------------- rules

    private List<Rule> rule() {
        Token start = peek();
        boolean isDefault = false;
        if (at(T.IDENT) && start.text().equals("default") && !(peek(1).type() == T.ASSIGN || peek(1).type() == T.UNIFY)) {
            next();
            isDefault = true;
        }
        Token nameTok = peek();
        if (!at(T.IDENT)) throw unexpected(null);
        if (nameTok.text().equals("package") || nameTok.text().equals("import")) {
            throw err("unexpected " + nameTok.text() + " keyword", nameTok);
        }
        if (version == RegoVersion.V1 && nameTok.text().equals("contains") && !isDefault) {
            // handled below via keyword check on names
        }
        next();
        List<Term> headPath = new ArrayList<>();
        Term.Var root = new Term.Var(nameTok.text(), loc(nameTok));
        boolean lastBracket = false;
        if (isKeywordName(nameTok.text())) {
            throw err(nameTok.text() + " keyword cannot be used for rule name", nameTok);
        }
        while (true) {
            if (at(T.DOT) && !peek().spaceBefore()) {
                next();
                Token id = expect(T.IDENT, "identifier");
                headPath.add(Term.string(id.text(), loc(id)));
                lastBracket = false;
            } else if (at(T.LBRACK) && !peek().spaceBefore()) {
                next();
                nest++;
                headPath.add(term());
                nest--;
                expect(T.RBRACK, "]");
                lastBracket = true;
            } else break;
        }
        Term.Ref head = new Term.Ref(root, headPath, loc(nameTok));
        List<Term> args = null;
        if (at(T.LPAREN) && !peek().spaceBefore()) {
            next();
            nest++;
            args = new ArrayList<>();
            while (!at(T.RPAREN)) {
                args.add(term());
                if (!accept(T.COMMA)) break;
            }
            nest--;
            expect(T.RPAREN, ")");
        }
        Term key = null, value = null;
        boolean assign = false;
        boolean containsKw = false;
        if (atKw("contains")) {
            next();
            containsKw = true;
            key = term();
        } else if (at(T.ASSIGN) || at(T.UNIFY)) {
            assign = next().type() == T.ASSIGN;
            value = term();
        }
        Location l = loc(start);
        if (isDefault) {
            if (value == null) throw err("illegal default rule (must have a value)", start);
            checkDefaultValue(value, start);
            if (args != null) {
                for (Term a : args) {
                    if (!(a instanceof Term.Var)) {
                        throw err("illegal default rule (arguments cannot contain " + termKindName(a) + ")", start);
                    }
                }
            }
            Rule.Kind kind = args != null ? Rule.Kind.FUNCTION : Rule.Kind.SINGLE;
            return List.of(new Rule(kind, head, args == null ? List.of() : args, null, value,
                    Body.of(trueExpr(l)), true, null, assign, l, file, null));
        }

        // Body
        List<Body> bodies = new ArrayList<>();
        boolean hasIf = false;
        if (atKw("if")) {
            next();
            hasIf = true;
            bodies.add(ifBody());
        } else if (at(T.LBRACE) && !peek().newlineBefore()) {
            if (version == RegoVersion.V1) {
                List<RegoError> errs = new ArrayList<>();
                errs.add(new RegoError(ErrorKind.PARSE, "`if` keyword is required before rule body", loc(start)));
                if (key == null && value == null && args == null && !headPath.isEmpty()) {
                    errs.add(new RegoError(ErrorKind.PARSE, "`contains` keyword is required for partial set rules", loc(start)));
                }
                if (args != null) {
                    errs.set(0, new RegoError(ErrorKind.PARSE, "`if` keyword is required before function body", loc(start)));
                }
                throw new RegoException(errs);
            }
            bodies.add(braceBody());
            // v0 allows several bodies: p { a } { b }
            while (at(T.LBRACE) && !peek().newlineBefore()) bodies.add(braceBody());
        }
        if (version == RegoVersion.V1 && key == null && value == null && args == null && !hasIf) {
            if (!headPath.isEmpty() || bodies.isEmpty()) {
                // `p` or `p[x]` alone: in v1 a bare ref head is a single-value rule with value true
                if (headPath.isEmpty() && bodies.isEmpty()) {
                    throw err("rule must have value assignment and/or body", start);
                }
            }
        }
        Rule.Kind kind;
        if (args != null) kind = Rule.Kind.FUNCTION;
        else if (containsKw) kind = Rule.Kind.MULTI;
        else if (version == RegoVersion.V0 && value == null && !hasIf && (lastBracket || headPath.size() == 1)) {
            // v0 `p[x] { ... }` and `p["a"]` are partial set rules
            kind = Rule.Kind.MULTI;
            key = headPath.remove(headPath.size() - 1);
            head = new Term.Ref(root, headPath, loc(nameTok));
        } else kind = Rule.Kind.SINGLE;
        if (value == null && kind != Rule.Kind.MULTI) value = new Term.Scalar(BooleanValue.TRUE, l);
        if (bodies.isEmpty()) bodies.add(Body.of(trueExpr(l)));

        // else chain
        Rule elseRule = null;
        if (atKw("else") || (at(T.IDENT) && peek().text().equals("else"))) {
            if (kind == Rule.Kind.MULTI) throw err("else keyword cannot be used on multi-value rules", peek());
            elseRule = elseChain(kind, head, args, assign);
        }
        List<Rule> out = new ArrayList<>();
        for (Body b : bodies) {
            out.add(new Rule(kind, head, args == null ? List.of() : args, key, value, b, false, elseRule, assign, l, file, null));
        }
        return out;
    }

    private boolean isKeywordName(String name) {
        if (version == RegoVersion.V1) {
            return name.equals("contains") || name.equals("if") || name.equals("in") || name.equals("every")
                    || name.equals("some") || name.equals("not") || name.equals("with") || name.equals("as")
                    || name.equals("else") || name.equals("null") || name.equals("true") || name.equals("false");
        }
        return keywords.contains(name) || name.equals("some") || name.equals("not") || name.equals("with");
    }

    private Rule elseChain(Rule.Kind kind, Term.Ref head, List<Term> args, boolean assign) {
        Token kw = next(); // else
        Term value = null;
        boolean a = assign;
        if (at(T.ASSIGN) || at(T.UNIFY)) {
            a = next().type() == T.ASSIGN;
            value = term();
        }
        Location l = loc(kw);
        if (value == null) value = new Term.Scalar(BooleanValue.TRUE, l);
        Body body;
        if (atKw("if")) {
            next();
            body = ifBody();
        } else if (at(T.LBRACE) && !peek().newlineBefore()) {
            if (version == RegoVersion.V1) throw err("`if` keyword is required before else body", peek());
            body = braceBody();
        } else {
            body = Body.of(trueExpr(l));
        }
        Rule next = null;
        if (at(T.IDENT) && peek().text().equals("else")) next = elseChain(kind, head, args, a);
        return new Rule(kind, head, args == null ? List.of() : args, null, value, body, false, next, a, l, file, null);
    }

    private void checkDefaultValue(Term t, Token at) {
        switch (t) {
            case Term.Ref r -> throw err("illegal default rule (value cannot contain ref)", at);
            case Term.Var v -> throw err("illegal default rule (value cannot contain var)", at);
            case Term.Call c -> throw err("illegal default rule (value cannot contain call)", at);
            case Term.ArrayTerm a -> a.elems().forEach(e -> checkDefaultValue(e, at));
            case Term.SetTerm s -> s.elems().forEach(e -> checkDefaultValue(e, at));
            case Term.ObjectTerm o -> { o.keys().forEach(e -> checkDefaultValue(e, at)); o.values().forEach(e -> checkDefaultValue(e, at)); }
            case Term.ArrayCompr c -> { }
            case Term.SetCompr c -> { }
            case Term.ObjectCompr c -> { }
            default -> { }
        }
    }

    private static String termKindName(Term t) {
        return switch (t) {
            case Term.Scalar s -> s.value().typeName();
            case Term.Ref r -> "ref";
            case Term.Call c -> "call";
            case Term.ArrayTerm a -> "array";
            case Term.SetTerm s -> "set";
            case Term.ObjectTerm o -> "object";
            default -> "term";
        };
    }

    private Expr trueExpr(Location l) {
        return new Expr(new Expr.TermExpr(new Term.Scalar(BooleanValue.TRUE, l)), l);
    }

    private Body ifBody() {
        if (at(T.LBRACE)) return braceBody();
        Expr e = literal();
        return new Body(List.of(e));
    }

    private Body braceBody() {
        Token open = expect(T.LBRACE, "{");
        int savedNest = nest;
        nest = 0;
        Body b = bodyUntil(T.RBRACE);
        nest = savedNest;
        expect(T.RBRACE, "}");
        if (b.exprs().isEmpty()) throw err("found empty body", open);
        return b;
    }

    /** Expressions separated by ';' or newlines, up to (not including) the closing token. */
    private Body bodyUntil(T close) {
        List<Expr> exprs = new ArrayList<>();
        while (!at(close)) {
            if (at(T.EOF)) throw unexpected(close == T.RBRACE ? "}" : close == T.RBRACK ? "]" : null);
            Expr e = literal();
            exprs.add(e.withIndex(exprs.size()));
            if (accept(T.SEMI)) continue;
            if (at(close)) break;
            if (!peek().newlineBefore()) throw unexpected(null);
        }
        return new Body(exprs);
    }

    // ---------------------------------------------------------------- expressions

    private Expr literal() {
        Token start = peek();
        Location l = loc(start);
        boolean negated = false;
        if (at(T.IDENT) && start.text().equals("not") && !isAssignAhead()) {
            next();
            negated = true;
            if (atKw("every")) throw err("illegal negation of 'every'", start);
        }
        Expr.Kind kind;
        if (at(T.IDENT) && peek().text().equals("some") && !isAssignAhead()) {
            if (negated) throw err("unexpected some keyword", peek());
            kind = some();
        } else if (atKw("every") && !isAssignAhead()) {
            kind = every();
        } else {
            kind = exprKind();
        }
        List<With> withs = new ArrayList<>();
        // `with` cannot start an expression, so it may continue the previous line.
        while (at(T.IDENT) && peek().text().equals("with")) {
            Token w = next();
            Term target = term();
            if (!(target instanceof Term.Ref || target instanceof Term.Var)) {
                throw err("expected with target path", w);
            }
            Term.Ref ref = target instanceof Term.Ref r ? r : new Term.Ref(target, List.of(), target.loc());
            if (!(at(T.IDENT) && peek().text().equals("as"))) throw unexpected("as");
            next();
            Term value = term();
            withs.add(new With(ref, value, loc(w)));
        }
        return new Expr(kind, negated, withs, l, 0);
    }

    /** True when the next tokens are `name :=` or `name =`, i.e. a keyword used as a v0 variable. */
    private boolean isAssignAhead() {
        T n = peek(1).type();
        return version == RegoVersion.V0 && (n == T.ASSIGN || n == T.UNIFY) && !peek().text().equals("not");
    }

    private Expr.Kind some() {
        Token kw = next();
        List<Term> terms = new ArrayList<>();
        do { terms.add(termNoIn()); } while (accept(T.COMMA));
        if (atKw("in")) {
            next();
            if (terms.size() > 2) throw err("unexpected , token", kw);
            Term coll = termNoIn();
            Term key = terms.size() == 2 ? terms.get(0) : null;
            Term value = terms.get(terms.size() - 1);
            return new Expr.SomeIn(key, value, coll);
        }
        List<Term.Var> vars = new ArrayList<>();
        for (Term t : terms) {
            if (!(t instanceof Term.Var v)) {
                if (t instanceof Term.Call c && c.operatorName().equals("internal.member_2")) {
                    throw err("unexpected identifier token (hint: `import future.keywords.in` for `some x in xs` expressions)", kw);
                }
                throw err("expected var", kw);
            }
            vars.add(v);
        }
        if (version == RegoVersion.V0 && at(T.IDENT) && peek().text().equals("in") && !peek().newlineBefore()) {
            throw err("unexpected identifier token: expected \\n or ; or } (hint: `import future.keywords.in` for `some x in xs` expressions)", peek());
        }
        return new Expr.SomeDecl(vars);
    }

    private Expr.Kind every() {
        Token kw = next();
        Term first = termNoIn();
        Term key = null, value = first;
        if (accept(T.COMMA)) {
            key = first;
            value = termNoIn();
        }
        if (!atKw("in")) throw unexpected("in");
        next();
        Term domain = termNoIn();
        if (!at(T.LBRACE)) throw unexpected("{");
        Body body = braceBody();
        return new Expr.Every(key, value, domain, body);
    }

    private Expr.Kind exprKind() {
        Term left = memberTerm();
        if (at(T.ASSIGN)) {
            next();
            return new Expr.Assign(left, memberTerm());
        }
        if (at(T.UNIFY)) {
            next();
            return new Expr.Unify(left, memberTerm());
        }
        return new Expr.TermExpr(left);
    }

    /** A term that may be the key/value membership form {@code k, v in coll} (expression level). */
    private Term memberTerm() {
        Term left = termInfix();
        if (at(T.COMMA) && nest == 0 && keywords.contains("in")) {
            next();
            Term v = termRelation();
            if (!atKw("in")) throw unexpected("in");
            Token in = next();
            left = call("internal.member_3", loc(in), left, v, termRelation());
            while (atKw("in")) {
                Token in2 = next();
                left = call("internal.member_2", loc(in2), left, termRelation());
            }
        }
        return left;
    }

    private Term.Call call(String op, Location l, Term... args) {
        String[] parts = op.split("\\.");
        List<Term> path = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) path.add(Term.string(parts[i], l));
        return new Term.Call(new Term.Ref(new Term.Var(parts[0], l), path, l), List.of(args), l);
    }

    /** A full term including `in` membership and infix operators. */
    public Term term() { return termInfix(); }

    private Term termInfix() {
        Term lhs = termRelation();
        while (atKw("in") && continues()) {
            Token in = next();
            Term rhs = termRelation();
            lhs = call("internal.member_2", loc(in), lhs, rhs);
        }
        return lhs;
    }

    private Term termNoIn() { return termRelation(); }

    /** Infix operators continue an expression across newlines, as in OPA's parser. */
    private boolean continues() { return true; }

    private boolean noBar;

    private Term termRelation() {
        Term lhs = termOr();
        while (continues()) {
            String op = switch (peek().type()) {
                case EQ -> "equal";
                case NEQ -> "neq";
                case LT -> "lt";
                case LTE -> "lte";
                case GT -> "gt";
                case GTE -> "gte";
                default -> null;
            };
            if (op == null) break;
            Token t = next();
            lhs = call(op, lhs.loc(), lhs, termOr());
        }
        return lhs;
    }

    private Term termOr() {
        Term lhs = termAnd();
        while (at(T.BAR) && !noBar && continues()) {
            Token t = next();
            lhs = call("or", lhs.loc(), lhs, termAnd());
        }
        return lhs;
    }

    private Term termAnd() {
        Term lhs = termArith();
        while (at(T.AMP) && continues()) {
            Token t = next();
            lhs = call("and", lhs.loc(), lhs, termArith());
        }
        return lhs;
    }

    private Term termArith() {
        Term lhs = termFactor();
        while ((at(T.PLUS) || at(T.MINUS)) && continues()) {
            Token t = next();
            lhs = call(t.type() == T.PLUS ? "plus" : "minus", lhs.loc(), lhs, termFactor());
        }
        return lhs;
    }

    private Term termFactor() {
        Term lhs = primary();
        while ((at(T.STAR) || at(T.SLASH) || at(T.PERCENT)) && continues()) {
            Token t = next();
            String op = t.type() == T.STAR ? "mul" : t.type() == T.SLASH ? "div" : "rem";
            lhs = call(op, lhs.loc(), lhs, primary());
        }
        return lhs;
    }

    private Term primary() {
        if (++depth > MAX_NESTING) throw err("term nesting too deep (limit " + MAX_NESTING + ")", peek());
        try {
            Term t = primaryInner();
            return refOrVar(t, false);
        } finally {
            depth--;
        }
    }

    private Term primaryInner() {
        Token t = peek();
        Location l = loc(t);
        switch (t.type()) {
            case NUMBER -> { next(); return new Term.Scalar(number(t.text(), t), l); }
            case STRING, RAWSTRING -> { next(); return new Term.Scalar(StringValue.of(t.text()), l); }
            case MINUS -> {
                // Unary minus applies to number literals only (whitespace allowed between).
                Token n = peek(1);
                if (n.type() == T.NUMBER) {
                    next();
                    next();
                    return new Term.Scalar(number("-" + n.text(), n), l);
                }
                next();
                String kind = switch (n.type()) {
                    case IDENT -> "identifier";
                    case MINUS -> "minus";
                    case STRING, RAWSTRING -> "string";
                    case EOF -> "eof";
                    default -> n.text();
                };
                throw err("unexpected " + kind + " token: expected number", n);
            }
            case LPAREN -> {
                next();
                int sn = nest;
                nest++;
                boolean sb = noBar;
                noBar = false;
                Term inner = termInfix();
                if (at(T.COMMA) && keywords.contains("in")) {
                    // (k, v in coll)
                    next();
                    Term v = termRelation();
                    if (!atKw("in")) throw unexpected("in");
                    Token in = next();
                    inner = call("internal.member_3", loc(in), inner, v, termRelation());
                }
                noBar = sb;
                nest = sn;
                expect(T.RPAREN, ")");
                return inner;
            }
            case LBRACK -> { return arrayOrCompr(); }
            case LBRACE -> { return objectOrSet(); }
            case IDENT -> {
                String s = t.text();
                switch (s) {
                    case "true" -> { next(); return new Term.Scalar(BooleanValue.TRUE, l); }
                    case "false" -> { next(); return new Term.Scalar(BooleanValue.FALSE, l); }
                    case "null" -> { next(); return new Term.Scalar(NullValue.INSTANCE, l); }
                    default -> { }
                }
                if (s.equals("set") && peek(1).type() == T.LPAREN && peek(2).type() == T.RPAREN) {
                    next(); next(); next();
                    return new Term.SetTerm(List.of(), l);
                }
                if (isReservedInTerm(s)) throw unexpected(null);
                next();
                if (s.equals("_")) return wildcard(l);
                return new Term.Var(s, l);
            }
            default -> throw unexpected(null);
        }
    }

    private boolean isReservedInTerm(String s) {
        return switch (s) {
            case "not", "some", "with", "as", "else", "default", "package", "import" -> !(version == RegoVersion.V0 && peek(1).type() == T.ASSIGN);
            case "contains" -> keywords.contains(s) && peek(1).type() != T.LPAREN;
            case "if", "in", "every" -> keywords.contains(s);
            default -> false;
        };
    }

    private Value number(String text, Token t) {
        try {
            return NumberValue.parse(text);
        } catch (NumberFormatException e) {
            throw err("invalid number " + text, t);
        }
    }

    /** Continues a term with `.field`, `[expr]` and call parentheses. */
    private Term refOrVar(Term head, boolean importPath) {
        if (head instanceof Term.Scalar sc && (at(T.LBRACK) || at(T.DOT)) && !peek().spaceBefore()) {
            throw new RegoException(ErrorKind.PARSE, "illegal ref (head cannot be " + sc.value().typeName() + ")", sc.loc());
        }
        List<Term> path = new ArrayList<>();
        Term cur = head;
        while (true) {
            Token t = peek();
            if (t.type() == T.DOT && !t.spaceBefore()) {
                next();
                Token id = peek();
                if (id.type() != T.IDENT) throw unexpected("identifier");
                next();
                path.add(Term.string(id.text(), loc(id)));
            } else if (t.type() == T.LBRACK && !t.spaceBefore()) {
                next();
                int sn = nest;
                nest++;
                boolean sb = noBar;
                noBar = false;
                path.add(termInfix());
                noBar = sb;
                nest = sn;
                expect(T.RBRACK, "]");
            } else if (t.type() == T.LPAREN && !t.spaceBefore() && !importPath
                    && (cur instanceof Term.Var || cur instanceof Term.Ref) && allDotted(path)) {
                Term.Ref op = cur instanceof Term.Ref r ? appendAll(r, path) : new Term.Ref(cur, path, cur.loc());
                next();
                int sn = nest;
                nest++;
                boolean sb = noBar;
                noBar = false;
                List<Term> args = new ArrayList<>();
                while (!at(T.RPAREN)) {
                    args.add(termInfix());
                    if (!accept(T.COMMA)) break;
                }
                noBar = sb;
                nest = sn;
                expect(T.RPAREN, ")");
                cur = new Term.Call(op, args, cur.loc());
                path = new ArrayList<>();
            } else break;
        }
        if (path.isEmpty()) return cur;
        if (cur instanceof Term.Ref r) return appendAll(r, path);
        return new Term.Ref(cur, path, cur.loc());
    }

    private static boolean allDotted(List<Term> path) {
        for (Term t : path) if (!(t instanceof Term.Scalar s && s.value() instanceof StringValue)) return false;
        return true;
    }

    private static Term.Ref appendAll(Term.Ref r, List<Term> more) {
        List<Term> p = new ArrayList<>(r.path());
        p.addAll(more);
        return new Term.Ref(r.head(), p, r.loc());
    }

    private Term arrayOrCompr() {
        Token open = next();
        Location l = loc(open);
        int sn = nest;
        nest++;
        boolean sb = noBar;
        try {
            if (accept(T.RBRACK)) return new Term.ArrayTerm(List.of(), l);
            noBar = true;
            Term first = termInfix();
            noBar = false;
            if (at(T.BAR)) return new Term.ArrayCompr(first, comprehensionBody(open, T.RBRACK, "]"), l);
            return new Term.ArrayTerm(elements(first, T.RBRACK, "]"), l);
        } finally {
            nest = sn;
            noBar = sb;
        }
    }

    /** After `|`: a comprehension body up to the closing bracket (newlines separate expressions again). */
    private Body comprehensionBody(Token open, T close, String closeText) {
        expect(T.BAR, "|");
        nest = 0;
        Body body = bodyUntil(close);
        expect(close, closeText);
        if (body.exprs().isEmpty()) throw err("empty comprehension body", open);
        return body;
    }

    /** The rest of a comma-separated array or set literal after its first element (trailing comma allowed). */
    private List<Term> elements(Term first, T close, String closeText) {
        List<Term> elems = new ArrayList<>();
        elems.add(first);
        while (accept(T.COMMA)) {
            if (at(close)) break;
            elems.add(termInfix());
        }
        expect(close, closeText);
        return elems;
    }

    /** Object literals keep the last value of a repeated constant key, as OPA's parser does. */
    private static void putEntry(List<Term> keys, List<Term> vals, Term k, Term v) {
        if (k instanceof Term.Scalar ks) {
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i) instanceof Term.Scalar ek && ek.value().equals(ks.value())) {
                    vals.set(i, v);
                    return;
                }
            }
        }
        keys.add(k);
        vals.add(v);
    }

    private Term objectOrSet() {
        Token open = next();
        Location l = loc(open);
        int sn = nest;
        nest++;
        boolean sb = noBar;
        try {
            if (accept(T.RBRACE)) return new Term.ObjectTerm(List.of(), List.of(), l);
            noBar = true;
            Term first = termInfix();
            if (accept(T.COLON)) {
                Term v = termInfix();
                noBar = false;
                if (at(T.BAR)) return new Term.ObjectCompr(first, v, comprehensionBody(open, T.RBRACE, "}"), l);
                List<Term> keys = new ArrayList<>(), vals = new ArrayList<>();
                putEntry(keys, vals, first, v);
                while (accept(T.COMMA)) {
                    if (at(T.RBRACE)) break;
                    Term k = termInfix();
                    expect(T.COLON, ":");
                    putEntry(keys, vals, k, termInfix());
                }
                expect(T.RBRACE, "}");
                return new Term.ObjectTerm(keys, vals, l);
            }
            noBar = false;
            if (at(T.BAR)) return new Term.SetCompr(first, comprehensionBody(open, T.RBRACE, "}"), l);
            return new Term.SetTerm(elements(first, T.RBRACE, "}"), l);
        } finally {
            nest = sn;
            noBar = sb;
        }
    }

    /** Converts a ground term (no vars, refs or calls) to a value, or null. */
    public static Value groundValue(Term t) {
        switch (t) {
            case Term.Scalar s -> { return s.value(); }
            case Term.ArrayTerm a -> {
                Value[] out = new Value[a.elems().size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = groundValue(a.elems().get(i));
                    if (out[i] == null) return null;
                }
                return ArrayValue.wrap(out);
            }
            case Term.SetTerm s -> {
                Value[] out = new Value[s.elems().size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = groundValue(s.elems().get(i));
                    if (out[i] == null) return null;
                }
                return dev.ecsguard.rego.value.SetValue.fromUnsorted(out);
            }
            case Term.ObjectTerm o -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (int i = 0; i < o.keys().size(); i++) {
                    Value k = groundValue(o.keys().get(i)), v = groundValue(o.values().get(i));
                    if (k == null || v == null) return null;
                    b.put(k, v);
                }
                return b.build();
            }
            default -> { return null; }
        }
    }
}

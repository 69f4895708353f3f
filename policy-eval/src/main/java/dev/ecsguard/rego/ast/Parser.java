package dev.ecsguard.rego.ast;

import dev.ecsguard.rego.ast.Lexer.T;
import dev.ecsguard.rego.ast.Lexer.Token;
import dev.ecsguard.rego.builtins.BuiltinRegistry;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoError;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.stack.DeepStack;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser for Rego v1 and v0 modules and queries, shaped after OPA 1.4.2's
 * parser so that the same text parses to the same thing and fails with the same first error:
 * <ul>
 *   <li>a module is a sequence of statements: package, import, rule, or else a "body" that is
 *       turned into a rule afterwards ({@code p := 1}, {@code p.a}, {@code f(x) = y}), with OPA's
 *       messages for bodies that cannot be rules ("var cannot be used for rule name");</li>
 *   <li>the Rego v1 rule checks run after parsing ("`if` keyword is required before rule body",
 *       "`contains` keyword is required for partial set rules", ...), for v1 modules and for v0
 *       modules importing {@code rego.v1};</li>
 *   <li>terms: refs continue only on a directly following {@code . [ (}; infix precedence
 *       {@code in} &lt; relations &lt; {@code |} &lt; {@code &} &lt; {@code + -} &lt; {@code * / %};
 *       in {@code [ ]} and <code>{ }</code> the first element is a single term, so {@code [a | b]}
 *       is a comprehension, with OPA's fallbacks to a literal when the comprehension body fails.</li>
 * </ul>
 * Errors are thrown at the first one OPA records (speculative parses are undone on failure).
 */
public final class Parser {
    /** OPA's token kinds (keywords resolved against the keywords in force). */
    private enum K {
        ILLEGAL("illegal"), EOF("eof"), IDENT("identifier"), NUMBER("number"), STRING("string"),
        PACKAGE("package"), IMPORT("import"), AS("as"), DEFAULT("default"), ELSE("else"), NOT("not"),
        SOME("some"), WITH("with"), NULL("null"), TRUE("true"), FALSE("false"),
        IN("in"), EVERY("every"), CONTAINS("contains"), IF("if"),
        LBRACK("["), RBRACK("]"), LBRACE("{"), RBRACE("}"), LPAREN("("), RPAREN(")"), COMMA(","), COLON(":"),
        PLUS("plus"), MINUS("minus"), MUL("mul"), QUO("div"), REM("rem"), AND("and"), OR("or"),
        UNIFY("eq"), EQUAL("equal"), ASSIGN("assign"), NEQ("neq"), GT("gt"), LT("lt"), GTE("gte"), LTE("lte"),
        DOT("."), SEMI(";");

        final String name;
        K(String name) { this.name = name; }

        boolean isKeyword() { return ordinal() >= PACKAGE.ordinal() && ordinal() <= IF.ordinal(); }
    }

    private static final List<String> FUTURE_KEYWORDS = List.of("contains", "every", "if", "in");
    /** Words OPA prints in brackets in refs ({@code a["if"]}): keywords of either version. */
    public static final Set<String> KEYWORDS = Set.of("package", "import", "as", "default", "else", "not", "some",
            "with", "null", "true", "false", "if", "contains", "in", "every");

    private final List<Token> toks;
    private final List<Lexer.Comment> comments;
    private final String file;
    private final RegoVersion version;
    private final SourceLimits limits;
    /** A v0 module that imported rego.v1: v1's rule checks apply. */
    private boolean regoV1Compat;
    private final Set<String> futureKw = new HashSet<>();
    private int p;
    private int depth;
    private int wildcards;
    private List<String> hints = List.of();
    /** Errors that do not stop parsing (bad future/rego imports), as OPA records them. */
    private final List<RegoError> softErrors = new ArrayList<>();
    /** What OPA's rego v1 checks need to know about each parsed rule. */
    private final Map<Rule, RuleFlags> flags = new IdentityHashMap<>();

    private record RuleFlags(boolean genBody, boolean genValue, boolean hasIf, boolean hasContains) {}

    private record State(int p, int wildcards, List<String> hints, RegoException pending) {}

    /**
     * The first error of the statement being parsed when OPA's parser records an error and goes
     * on (an operator whose right operand fails yields its left one): the statement fails with
     * it unless a speculative parse around it is undone. Any later error is this one.
     */
    private RegoException pending;

    /** Checks the source limits (size, line length, bracket nesting) and scans the source. */
    private Parser(String src, String file, RegoVersion version, SourceLimits limits, String what) {
        limits.checkText(src, file, what);
        Lexer lx = new Lexer(src, file).run();
        this.toks = lx.tokens();
        this.comments = lx.comments();
        this.file = file;
        this.version = version;
        this.limits = limits;
        limits.checkBrackets(toks, file);
        if (version == RegoVersion.V1) futureKw.addAll(FUTURE_KEYWORDS);
    }

    /** Parses a module in the given version, or detects it (v1 unless only v0 parses) when null. */
    public static Module parseModule(String src, String file, RegoVersion version) {
        return parseModule(src, file, version, SourceLimits.DEFAULT);
    }

    /**
     * Parses a module within source limits: a module over them is a parse error at the place the
     * limit is crossed, found before parsing for size, lines and brackets, after for the program's
     * nesting ({@link SyntaxDepth}).
     */
    public static Module parseModule(String src, String file, RegoVersion version, SourceLimits limits) {
        if (version != null) return new Parser(src, file, version, limits, "module").checkedModule();
        Parser v1 = new Parser(src, file, RegoVersion.V1, limits, "module");
        try {
            return v1.checkedModule();
        } catch (SourceLimits.Exceeded overLimit) {
            throw overLimit;
        } catch (RegoException v1Error) {
            try {
                return new Parser(src, file, RegoVersion.V0, limits, "module").checkedModule();
            } catch (RegoException v0Error) {
                throw v1Error;
            }
        }
    }

    /** Parses a query: one or more expressions (statements need no separator, as in OPA). */
    public static Body parseQuery(String src, RegoVersion version) {
        return parseQuery(src, version, SourceLimits.DEFAULT);
    }

    /** Parses a query within source limits (see {@link #parseModule(String, String, RegoVersion, SourceLimits)}). */
    public static Body parseQuery(String src, RegoVersion version, SourceLimits limits) {
        Parser ps = new Parser(src, "", RegoVersion.V1, limits, "query");
        Body body = ps.onStackFor(ps::query);
        SyntaxDepth.check(body, limits);
        return body;
    }

    private Body query() {
        start();
        List<Expr> exprs = new ArrayList<>();
        while (kind() != K.EOF) {
            for (Expr e : parseQuery(true, K.EOF).exprs()) exprs.add(e.withIndex(exprs.size()));
            endStatement();
        }
        if (exprs.isEmpty()) throw err("empty query", cur());
        return new Body(exprs);
    }

    private Module checkedModule() {
        Module m = onStackFor(this::module);
        SyntaxDepth.check(m, limits);
        return m;
    }

    /** Runs a parse in place when the brackets nest shallowly, else on a deep-stack thread. */
    private <T> T onStackFor(java.util.function.Supplier<T> parse) {
        java.util.function.Supplier<T> guarded = () -> {
            try {
                return parse.get();
            } catch (StackOverflowError e) {
                // Only with -Decsguard.stackBytes far below the default; never a JVM trace.
                throw new SourceLimits.Exceeded("source nests too deeply for the parser's stack", loc(toks.get(0)));
            }
        };
        // The parser recurses a few frames per level of brackets or operand of an operator chain,
        // never more levels than there are tokens.
        return DeepStack.callFor(toks.size(), guarded);
    }

    // ---------------------------------------------------------------- tokens

    private Token cur() { return toks.get(p); }

    private K kind() { return kindOf(cur()); }

    /**
     * The token after an import path: OPA scans it while the path is parsed without future
     * keywords, so it is an identifier even when it spells one ({@code every[x] := 1} right after
     * {@code import future.keywords.every} is a rule named every).
     */
    private Token afterImport;

    private K kindOf(Token t) {
        if (t == afterImport && t.type() == T.IDENT && FUTURE_KEYWORDS.contains(t.text())) return K.IDENT;
        return switch (t.type()) {
            case IDENT -> switch (t.text()) {
                case "package" -> K.PACKAGE;
                case "import" -> K.IMPORT;
                case "as" -> K.AS;
                case "default" -> K.DEFAULT;
                case "else" -> K.ELSE;
                case "not" -> K.NOT;
                case "some" -> K.SOME;
                case "with" -> K.WITH;
                case "null" -> K.NULL;
                case "true" -> K.TRUE;
                case "false" -> K.FALSE;
                case "in" -> futureKw.contains("in") ? K.IN : K.IDENT;
                case "every" -> futureKw.contains("every") ? K.EVERY : K.IDENT;
                case "contains" -> futureKw.contains("contains") ? K.CONTAINS : K.IDENT;
                case "if" -> futureKw.contains("if") ? K.IF : K.IDENT;
                default -> K.IDENT;
            };
            case STRING, RAWSTRING -> K.STRING;
            case NUMBER -> K.NUMBER;
            case DOT -> K.DOT;
            case COMMA -> K.COMMA;
            case SEMI -> K.SEMI;
            case COLON -> K.COLON;
            case ASSIGN -> K.ASSIGN;
            case UNIFY -> K.UNIFY;
            case EQ -> K.EQUAL;
            case NEQ -> K.NEQ;
            case LT -> K.LT;
            case LTE -> K.LTE;
            case GT -> K.GT;
            case GTE -> K.GTE;
            case PLUS -> K.PLUS;
            case MINUS -> K.MINUS;
            case STAR -> K.MUL;
            case SLASH -> K.QUO;
            case PERCENT -> K.REM;
            case AMP -> K.AND;
            case BAR -> K.OR;
            case LPAREN -> K.LPAREN;
            case RPAREN -> K.RPAREN;
            case LBRACK -> K.LBRACK;
            case RBRACK -> K.RBRACK;
            case LBRACE -> K.LBRACE;
            case RBRACE -> K.RBRACE;
            case ILLEGAL -> K.ILLEGAL;
            case EOF -> K.EOF;
        };
    }

    /** Reports a scanner error when its token becomes the current one, as OPA's scan does. */
    private void start() {
        checkScanError();
    }

    private void scan() {
        if (cur().type() != T.EOF) p++;
        checkScanError();
    }

    private void checkScanError() {
        Token t = cur();
        if (t.type() == T.ILLEGAL && t.error() != null) throw err(t.error(), t);
    }

    /** True when the current token directly follows the previous one (no whitespace between). */
    private boolean adjacent() { return !cur().spaceBefore(); }

    private State save() { return new State(p, wildcards, hints, pending); }

    private void restore(State s) {
        p = s.p();
        wildcards = s.wildcards();
        hints = s.hints();
        pending = s.pending();
    }

    private void hint(String h) {
        List<String> n = new ArrayList<>(hints);
        n.add(h);
        hints = List.copyOf(n);
    }

    private Location loc(Token t) { return new Location(file, t.row(), t.col()); }

    private RegoException err(String msg, Token at) { return err(msg, loc(at)); }

    private RegoException err(String msg, Location at) {
        if (pending != null) return pending;
        return new RegoException(ErrorKind.PARSE, withHints(msg), at);
    }

    private String withHints(String msg) {
        if (hints.isEmpty()) return msg;
        if (hints.size() == 1) return msg + " (hint: " + hints.get(0) + ")";
        return msg + " (hints: " + String.join(", ", hints) + ")";
    }

    /** OPA's {@code illegal}: "unexpected X token: note" about the current token. */
    private RegoException illegal(String note) {
        Token t = cur();
        K k = kindOf(t);
        if (k == K.ILLEGAL) return err("illegal token", t);
        String type = k.isKeyword() ? "keyword" : "token";
        String msg = "unexpected " + k.name + " " + type;
        if (note != null && !note.isEmpty()) msg += ": " + note;
        return err(msg, t);
    }

    private Term.Var wildcard(Location l) { return new Term.Var("$_" + (wildcards++), l); }

    // ---------------------------------------------------------------- module

    /** A parsed statement and where it started. */
    private record Stmt(Object node, Token start) {}

    private Module module() {
        List<Stmt> stmts = new ArrayList<>();
        try {
            statements(stmts);
        } catch (RegoException e) {
            if (softErrors.isEmpty()) throw e;
            List<RegoError> all = new ArrayList<>(softErrors);
            all.addAll(e.errors());
            throw new RegoException(all);
        }
        return finishModule(stmts);
    }

    /** OPA's statement loop: package, import, rule, or else a body. */
    private void statements(List<Stmt> stmts) {
        start();
        while (kind() != K.EOF) {
            Token st = cur();
            if (kind() == K.PACKAGE) {
                stmts.add(new Stmt(parsePackage(), st));
                endStatement();
                continue;
            }
            if (kind() == K.IMPORT) {
                Import imp = parseImport();
                endStatement();
                String root = imp.path().rootName();
                if ("rego".equals(root)) regoV1Import(imp);
                if ("future".equals(root)) futureImport(imp);
                stmts.add(new Stmt(imp, st));
                continue;
            }
            State s = save();
            List<Rule> rules = parseRules();
            endStatement();
            if (rules != null) {
                for (Rule r : rules) stmts.add(new Stmt(r, st));
                continue;
            }
            if (!softErrors.isEmpty()) break;
            restore(s);
            stmts.add(new Stmt(parseQuery(true, K.EOF), st));
            endStatement();
        }
    }

    private Module finishModule(List<Stmt> stmts) {
        if (!softErrors.isEmpty()) throw new RegoException(softErrors);
        if (stmts.isEmpty()) throw new RegoException(ErrorKind.PARSE, "empty module", new Location(file, 0, 0));

        List<RegoError> errs = new ArrayList<>();
        Term.Ref pkg = null;
        Location pkgLoc = null;
        if (stmts.get(0).node() instanceof Term.Ref r) {
            pkg = r;
            pkgLoc = loc(stmts.get(0).start());
        } else {
            errs.add(new RegoError(ErrorKind.PARSE, "package expected", loc(stmts.get(0).start())));
        }
        List<Import> imports = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        for (int i = 1; i < stmts.size(); i++) {
            Object n = stmts.get(i).node();
            switch (n) {
                case Term.Ref r -> errs.add(new RegoError(ErrorKind.PARSE, "unexpected package", loc(stmts.get(i).start())));
                case Import imp -> imports.add(imp);
                case Rule r -> rules.add(r);
                case Body b -> {
                    try {
                        rules.add(ruleFromBody(b));
                    } catch (RegoException e) {
                        errs.addAll(e.errors());
                    }
                }
                default -> throw new IllegalStateException(n.toString());
            }
        }
        if (version == RegoVersion.V1 || regoV1Compat) {
            for (Rule r : rules) {
                for (Rule x = r; x != null; x = x.elseRule()) errs.addAll(checkRegoV1(x));
            }
        }
        if (!errs.isEmpty()) throw new RegoException(errs);
        Annotations.Collector ac = new Annotations.Collector(comments, file, pkgLoc.row());
        List<Annotations> all = ac.collect();
        rules = ac.attach(rules);
        RegoVersion effective = regoV1Compat ? RegoVersion.V1 : version;
        return new Module(file, pkg, imports, rules, all, effective, pkgLoc);
    }

    /** OPA's checkRegoV1Rule. */
    private List<RegoError> checkRegoV1(Rule r) {
        List<RegoError> out = new ArrayList<>();
        RuleFlags f = flags.getOrDefault(r, new RuleFlags(false, false, false, false));
        String t = r.kind() == Rule.Kind.FUNCTION ? "function" : "rule";
        String name = r.head().rootName();
        // OPA: a head ref shorter than 2, and p.a / p[x] single-value heads (their name is kept as p)
        boolean named = r.head().path().isEmpty() || (r.kind() == Rule.Kind.SINGLE && r.head().path().size() == 1);
        if (named && name != null && KEYWORDS.contains(name)) {
            out.add(new RegoError(ErrorKind.PARSE, name + " keyword cannot be used for rule name", r.loc()));
        }
        if (f.genBody() && f.genValue()) {
            out.add(new RegoError(ErrorKind.PARSE, t + " must have value assignment and/or body declaration", r.loc()));
        }
        if (!f.genBody() && !f.hasIf() && !r.isDefault()) {
            out.add(new RegoError(ErrorKind.PARSE, "`if` keyword is required before " + t + " body", r.loc()));
        }
        if (r.kind() == Rule.Kind.MULTI && !f.hasContains()) {
            out.add(new RegoError(ErrorKind.PARSE, "`contains` keyword is required for partial set rules", r.loc()));
        }
        return out;
    }

    private Term.Ref parsePackage() {
        Token kw = cur();
        scan();
        if (kind() != K.IDENT) throw illegal(null);
        Term term = parseTerm();
        Location l = loc(kw);
        if (term instanceof Term.Var v) {
            return new Term.Ref(new Term.Var("data", v.loc()), List.of(Term.string(v.name(), v.loc())), v.loc());
        }
        if (term instanceof Term.Ref r && r.head() instanceof Term.Var hv) {
            List<Term> path = new ArrayList<>();
            path.add(Term.string(hv.name(), hv.loc()));
            for (Term t : r.path()) {
                if (!(t instanceof Term.Scalar s && s.value() instanceof StringValue)) {
                    throw err("unexpected " + valueName(t) + " token: expecting string", t.loc());
                }
                path.add(t);
            }
            return new Term.Ref(new Term.Var("data", hv.loc()), path, hv.loc());
        }
        if (term instanceof Term.Ref r) throw err("unexpected " + valueName(r.head()) + " token: expecting var", r.head().loc());
        throw illegal(null);
    }

    private Import parseImport() {
        Token kw = cur();
        scan();
        if (kind() != K.IDENT) throw err("expected ident", cur());
        // The path is parsed with no future keywords: `import future.keywords.in`.
        Set<String> saved = Set.copyOf(futureKw);
        futureKw.clear();
        Term term;
        try {
            term = parseTerm();
        } finally {
            futureKw.addAll(saved);
        }
        afterImport = cur();
        Term.Ref path = null;
        if (term instanceof Term.Var v) {
            path = new Term.Ref(v, List.of(), v.loc());
        } else if (term instanceof Term.Ref r) {
            for (Term t : r.path()) {
                if (!(t instanceof Term.Scalar s && s.value() instanceof StringValue)) {
                    throw err("unexpected " + valueName(t) + " token: expecting string", t.loc());
                }
            }
            path = r;
        }
        if (path == null) throw err("expected path", cur());
        String root = path.rootName();
        if (!("data".equals(root) || "input".equals(root) || "future".equals(root) || "rego".equals(root))) {
            hint("if this is unexpected, try updating OPA");
            throw err("unexpected import path, must begin with one of: {data, future, input, rego}, got: "
                    + (root == null ? path.head().toString() : root), path.loc());
        }
        String alias = null;
        if (kind() == K.AS) {
            scan();
            if (kind() != K.IDENT) throw illegal("expected var");
            Term a = parseTerm();
            if (!(a instanceof Term.Var av)) throw illegal("expected var");
            alias = av.name();
        }
        return new Import(path, alias, loc(kw));
    }

    /** OPA's regoV1Import: {@code import rego.v1} turns on v1 keywords and checks in a v0 module. */
    private void regoV1Import(Import imp) {
        Term.Ref path = imp.path();
        if (path.path().size() != 1 || !(path.path().get(0) instanceof Term.Scalar s && s.value().equals(StringValue.of("v1")))) {
            softErrors.add(new RegoError(ErrorKind.PARSE, "invalid import `" + refString(path) + "`, must be `rego.v1`", path.loc()));
            return;
        }
        if (version == RegoVersion.V1) return;
        if (imp.alias() != null) {
            softErrors.add(new RegoError(ErrorKind.PARSE, "`rego` imports cannot be aliased", path.loc()));
            return;
        }
        regoV1Compat = true;
        futureKw.addAll(FUTURE_KEYWORDS);
    }

    /** OPA's futureImport: {@code import future.keywords[.kw]}. */
    private void futureImport(Import imp) {
        Term.Ref path = imp.path();
        List<Term> rest = path.path();
        if (rest.isEmpty() || !(rest.get(0) instanceof Term.Scalar s && s.value().equals(StringValue.of("keywords")))) {
            softErrors.add(new RegoError(ErrorKind.PARSE, "invalid import, must be `future.keywords`", path.loc()));
            return;
        }
        if (imp.alias() != null) {
            softErrors.add(new RegoError(ErrorKind.PARSE, "`future` imports cannot be aliased", path.loc()));
            return;
        }
        if (rest.size() == 2) {
            if (!(rest.get(1) instanceof Term.Scalar kw && kw.value() instanceof StringValue ks)) {
                softErrors.add(new RegoError(ErrorKind.PARSE,
                        "invalid import, must be `future.keywords.x`, e.g. `import future.keywords.in`", path.loc()));
                return;
            }
            if (!FUTURE_KEYWORDS.contains(ks.value())) {
                softErrors.add(new RegoError(ErrorKind.PARSE, "unexpected keyword, must be one of [contains every if in]", path.loc()));
                return;
            }
            futureKw.add(ks.value());
            if (ks.value().equals("every")) futureKw.add("in");
            return;
        }
        futureKw.addAll(FUTURE_KEYWORDS);
    }

    // ---------------------------------------------------------------- rules

    /** A rule head while it is parsed (OPA's Head). */
    private static final class Head {
        Term.Var root;
        List<Term> path = new ArrayList<>();
        List<Term> args;      // null: not a call head
        Term key;
        Term value;
        boolean assign;
        boolean genValue;
        Location loc;

        int refLen() { return 1 + path.size(); }
        boolean hasArgs() { return args != null && !args.isEmpty(); }
        Term.Ref ref() { return new Term.Ref(root, path, loc); }

        Head copy() {
            Head h = new Head();
            h.root = root;
            h.path = new ArrayList<>(path);
            h.args = args == null ? null : new ArrayList<>(args);
            h.key = key;
            h.value = value;
            h.assign = assign;
            h.genValue = genValue;
            h.loc = loc;
            return h;
        }
    }

    /** OPA's parseRules: the rule(s) at the current token, or null when this is not a rule statement. */
    private List<Rule> parseRules() {
        Token start = cur();
        Location ruleLoc = loc(start);
        boolean isDefault = false;
        if (kind() == K.DEFAULT) {
            scan();
            isDefault = true;
        }
        if (kind() != K.IDENT) return null;
        Head head = new Head();
        boolean usesContains = parseHead(head, isDefault);
        if (head.root == null) return null;

        if (isDefault) {
            validateDefault(head, ruleLoc);
            Rule r = makeRule(head, Body.of(trueExpr(ruleLoc)), true, null, ruleLoc);
            flags.put(r, new RuleFlags(false, head.genValue, false, false));
            return List.of(r);
        }

        boolean hasIf = kind() == K.IF;
        if (hasIf && !usesContains && head.refLen() == 2) {
            Term v = head.path.get(0);
            if ((!isGround(v) || v instanceof Term.Ref) && !head.hasArgs()) head.key = v;
            if (head.value == null) {
                head.genValue = true;
                head.value = new Term.Scalar(BooleanValue.TRUE, head.loc);
            }
        }
        if (!hasIf && !usesContains && !head.hasArgs() && head.refLen() == 2) {
            head.key = head.path.get(0);
            if (head.value == null) head.path = new ArrayList<>();
        }

        Body body;
        boolean genBody = false;
        if (hasIf) {
            scan();
            State s = save();
            Expr e = null;
            try {
                e = parseLiteral();
            } catch (RegoException ex) {
                e = null;
            }
            if (e != null && !(e.kind() instanceof Expr.TermExpr te && te.term() instanceof Term.SetTerm)) {
                body = new Body(List.of(e));
            } else {
                restore(s);
                scan();
                body = parseBody(K.RBRACE);
                scan();
            }
        } else if (kind() == K.LBRACE) {
            scan();
            body = parseBody(K.RBRACE);
            scan();
        } else if (usesContains) {
            Rule r = makeRule(head, Body.of(trueExpr(head.loc)), false, null, head.loc);
            flags.put(r, new RuleFlags(true, head.genValue, false, true));
            return List.of(r);
        } else {
            return null;
        }

        Rule elseRule = null;
        if (kind() == K.ELSE) {
            if (head.refLen() > 1 && !allGround(head.path)) {
                throw err("else keyword cannot be used on rules with variables in head", cur());
            }
            if (head.key != null) throw err("else keyword cannot be used on multi-value rules", cur());
            elseRule = parseElse(head);
        }
        List<Rule> rules = new ArrayList<>();
        Rule first = makeRule(head, body, false, elseRule, ruleLoc);
        flags.put(first, new RuleFlags(genBody, head.genValue, hasIf, usesContains));
        rules.add(first);
        while (kind() == K.LBRACE) {
            if (elseRule != null) throw err("expected else keyword", cur());
            Token open = cur();
            scan();
            Body more = parseBody(K.RBRACE);
            scan();
            Head h = head.copy();
            if (h.args != null) {
                for (int i = 0; i < h.args.size(); i++) {
                    if (h.args.get(i) instanceof Term.Var v && v.isWildcard()) h.args.set(i, wildcard(v.loc()));
                }
            }
            Rule r = makeRule(h, more, false, null, loc(open));
            flags.put(r, new RuleFlags(false, h.genValue, hasIf, usesContains));
            rules.add(r);
        }
        return rules;
    }

    /** One {@code else} branch parsed, before its rule is made (the rule holds the branch after it). */
    private record ElseBranch(Head head, Body body, Location loc, boolean hasIf) {}

    /**
     * OPA's parseElse, iterative: a chain of {@code else} branches as long as the source allows
     * parses in constant stack (its depth is bounded afterwards by {@link SyntaxDepth}).
     */
    private Rule parseElse(Head head) {
        List<ElseBranch> chain = new ArrayList<>();
        Rule last = null;
        while (true) {
            Token kw = cur();
            Location l = loc(kw);
            Head h = head.copy();
            h.genValue = false;
            if (h.args != null) {
                for (int i = 0; i < h.args.size(); i++) {
                    if (h.args.get(i) instanceof Term.Var v && v.isWildcard()) h.args.set(i, wildcard(v.loc()));
                }
            }
            scan();
            switch (kind()) {
                case LBRACE, IF -> {
                    h.genValue = true;
                    h.value = new Term.Scalar(BooleanValue.TRUE, l);
                }
                case ASSIGN, UNIFY -> {
                    h.assign = kind() == K.ASSIGN;
                    scan();
                    h.value = parseTermInfixCall();
                }
                default -> throw illegal("expected else value term or rule body");
            }
            boolean hasIf = kind() == K.IF;
            boolean hasBrace = kind() == K.LBRACE;
            if (!hasIf && !hasBrace) {
                last = makeRule(h, Body.of(trueExpr(l)), false, null, l);
                flags.put(last, new RuleFlags(true, h.genValue, false, false));
                break;
            }
            if (hasIf) scan();
            Body body;
            if (kind() == K.LBRACE) {
                scan();
                body = parseBody(K.RBRACE);
                scan();
            } else if (kind() != K.EOF) {
                body = new Body(List.of(parseLiteral()));
            } else {
                throw illegal("rule body expected");
            }
            chain.add(new ElseBranch(h, body, l, hasIf));
            if (kind() != K.ELSE) break;
        }
        Rule next = last;
        for (int i = chain.size() - 1; i >= 0; i--) {
            ElseBranch b = chain.get(i);
            Rule r = makeRule(b.head(), b.body(), false, next, b.loc());
            flags.put(r, new RuleFlags(false, b.head().genValue, b.hasIf(), false));
            next = r;
        }
        return next;
    }

    /** OPA's parseHead; returns true when the head uses {@code contains}. Leaves head.root null when it is no head. */
    private boolean parseHead(Head head, boolean isDefault) {
        Token start = cur();
        head.loc = loc(start);
        Term term = parseVar();
        // Rule heads continue with `.`, `[` or `(` even after whitespace.
        if (kind() == K.LPAREN || kind() == K.DOT || kind() == K.LBRACK) term = parseRef(term);
        switch (term) {
            case Term.Var v -> head.root = v;
            case Term.Ref r -> {
                if (!(r.head() instanceof Term.Var rv)) return false;
                head.root = rv;
                head.path = new ArrayList<>(r.path());
            }
            case Term.Call c -> {
                Term.Ref op = c.operator();
                if (!(op.head() instanceof Term.Var rv)) throw illegal("rule head ref " + refString(op) + " invalid");
                head.root = rv;
                head.path = new ArrayList<>(op.path());
                head.args = new ArrayList<>(c.args());
            }
            default -> { return false; }
        }
        String name = refString(head.ref());
        switch (kind()) {
            case CONTAINS -> {
                if (head.args != null) {
                    throw illegal("the contains keyword can only be used with multi-value rule definitions (e.g., "
                            + name + " contains <VALUE> { ... })");
                }
                scan();
                head.key = parseTermInfixCall();
                return true;
            }
            case UNIFY -> {
                scan();
                head.value = parseTermInfixCall();
            }
            case ASSIGN -> {
                scan();
                head.assign = true;
                head.value = parseTermInfixCall();
            }
            default -> { }
        }
        if (head.value == null && head.key == null && (head.refLen() != 2 || head.hasArgs())) {
            head.genValue = true;
            head.value = new Term.Scalar(BooleanValue.TRUE, head.loc);
        }
        return false;
    }

    /** OPA's validateDefaultRuleValue and validateDefaultRuleArgs. */
    private void validateDefault(Head head, Location l) {
        if (head.value == null) throw err("illegal default rule (must have a value)", l);
        checkDefaultValue(head.value, l);
        if (head.hasArgs()) {
            Set<String> seen = new HashSet<>();
            for (Term a : head.args) {
                if (!(a instanceof Term.Var v)) throw err("illegal default rule (arguments cannot contain " + valueName(a) + ")", l);
                if (!seen.add(v.name())) throw err("illegal default rule (arguments cannot be repeated " + v + ")", l);
            }
        }
    }

    private void checkDefaultValue(Term t, Location l) {
        switch (t) {
            case Term.Ref r -> throw err("illegal default rule (value cannot contain ref)", l);
            case Term.Var v -> throw err("illegal default rule (value cannot contain var)", l);
            case Term.Call c -> throw err("illegal default rule (value cannot contain call)", l);
            case Term.ArrayTerm a -> a.elems().forEach(e -> checkDefaultValue(e, l));
            case Term.SetTerm s -> s.elems().forEach(e -> checkDefaultValue(e, l));
            case Term.ObjectTerm o -> {
                for (int i = 0; i < o.keys().size(); i++) {
                    checkDefaultValue(o.keys().get(i), l);
                    checkDefaultValue(o.values().get(i), l);
                }
            }
            default -> { }
        }
    }

    /** Our rule record from an OPA head: multi-value rules keep their key apart from the head ref. */
    private Rule makeRule(Head h, Body body, boolean isDefault, Rule elseRule, Location l) {
        Rule.Kind kind;
        Term key = null;
        Term value = h.value;
        if (h.hasArgs()) kind = Rule.Kind.FUNCTION;
        else if (h.key != null && h.value == null) { kind = Rule.Kind.MULTI; key = h.key; }
        else kind = Rule.Kind.SINGLE;
        if (value == null && kind != Rule.Kind.MULTI) value = new Term.Scalar(BooleanValue.TRUE, l);
        return new Rule(kind, h.ref(), h.hasArgs() ? h.args : List.of(), key, value, body, isDefault, elseRule,
                h.assign, l, file, null);
    }

    // ---------------------------------------------------------------- rules from bodies

    /** OPA's ParseRuleFromBody: a statement that parsed as a body, read as a rule. */
    private Rule ruleFromBody(Body b) {
        Location l = b.exprs().get(0).loc();
        if (b.size() != 1) throw new RegoException(ErrorKind.PARSE, "multiple expressions cannot be used for rule head", l);
        Expr e = b.exprs().get(0);
        if (!e.withs().isEmpty()) throw new RegoException(ErrorKind.PARSE, "expressions using with keyword cannot be used for rule head", l);
        if (e.negated()) throw new RegoException(ErrorKind.PARSE, "negated expressions cannot be used for rule head", l);
        Head h = new Head();
        Rule r;
        switch (e.kind()) {
            case Expr.SomeDecl d -> throw new RegoException(ErrorKind.PARSE, "'some' declarations cannot be used for rule head", l);
            case Expr.SomeIn d -> throw new RegoException(ErrorKind.PARSE, "'some' declarations cannot be used for rule head", l);
            case Expr.Every ev -> throw new RegoException(ErrorKind.PARSE, "expression cannot be used for rule head", l);
            case Expr.Unify u -> r = ruleFromEq(u.left(), u.right(), false, e.loc());
            case Expr.Assign a -> r = ruleFromEq(a.left(), a.right(), true, e.loc());
            case Expr.TermExpr te -> {
                Term t = asRootRef(te.term());
                if (t instanceof Term.Call c) {
                    if (isBuiltinName(c.operatorName())) {
                        throw new RegoException(ErrorKind.PARSE, "rule name conflicts with built-in function", l);
                    }
                    if (c.args().isEmpty()) {
                        throw new RegoException(ErrorKind.PARSE, "rule argument list must take at least one argument", l);
                    }
                    Term.Ref op = c.operator();
                    if (!(op.head() instanceof Term.Var hv)) throw new RegoException(ErrorKind.PARSE, "invalid rule head: " + refString(op), l);
                    Location cl = c.loc();
                    h.root = hv;
                    h.path = new ArrayList<>(op.path());
                    h.args = new ArrayList<>(c.args());
                    h.value = new Term.Scalar(BooleanValue.TRUE, cl);
                    h.loc = cl;
                    r = makeRule(h, Body.of(trueExpr(cl)), false, null, cl);
                    flags.put(r, new RuleFlags(true, false, false, false));
                    return r;
                }
                if (!(t instanceof Term.Ref ref)) {
                    throw new RegoException(ErrorKind.PARSE, valueName(t) + " cannot be used for rule name", l);
                }
                if (ref.path().isEmpty()) throw new RegoException(ErrorKind.PARSE, "refs cannot be used for rule head", l);
                if (!(ref.head() instanceof Term.Var hv)) {
                    throw new RegoException(ErrorKind.PARSE, "invalid rule head: " + refString(ref), l);
                }
                h.root = hv;
                h.loc = t.loc();
                if (ref.path().size() > 1) {
                    // p.a.b: a complete rule with value true, and no value or body written
                    h.path = new ArrayList<>(ref.path());
                    h.value = new Term.Scalar(BooleanValue.TRUE, t.loc());
                    h.genValue = true;
                    r = makeRule(h, Body.of(trueExpr(t.loc())), false, null, t.loc());
                    flags.put(r, new RuleFlags(true, true, false, false));
                    return r;
                }
                // p.a, p[x]: a partial set rule
                h.key = ref.path().get(0);
                r = makeRule(h, Body.of(trueExpr(t.loc())), false, null, t.loc());
                flags.put(r, new RuleFlags(true, false, false, false));
                return r;
            }
        }
        return r;
    }

    /** OPA's parseCompleteRuleFromEq: {@code f(x) = v}, {@code p.q[r] = v}, {@code p = v} (and with {@code :=}). */
    private Rule ruleFromEq(Term lhs, Term rhs, boolean assign, Location l) {
        Head h = new Head();
        h.value = rhs;
        h.assign = assign;
        h.loc = l;
        lhs = asRootRef(lhs);
        if (lhs instanceof Term.Call c && c.operator().head() instanceof Term.Var hv) {
            h.root = hv;
            h.path = new ArrayList<>(c.operator().path());
            h.args = new ArrayList<>(c.args());
        } else if (lhs instanceof Term.Ref r && r.head() instanceof Term.Var hv) {
            h.root = hv;
            h.path = new ArrayList<>(r.path());
        } else if (lhs instanceof Term.Var v) {
            h.root = v;
        } else if (lhs instanceof Term.Ref r) {
            throw new RegoException(ErrorKind.PARSE, "invalid rule head: " + refString(r), l);
        } else if (lhs instanceof Term.Call c) {
            throw new RegoException(ErrorKind.PARSE, "invalid rule head: " + refString(c.operator()), l);
        } else {
            throw new RegoException(ErrorKind.PARSE, valueName(lhs) + " cannot be used for rule name", l);
        }
        Rule r = makeRule(h, Body.of(trueExpr(rhs.loc())), false, null, l);
        flags.put(r, new RuleFlags(true, false, false, false));
        return r;
    }

    /** {@code input} and {@code data} are refs to OPA's parser even when written alone. */
    private static Term asRootRef(Term t) {
        if (t instanceof Term.Var v && (v.name().equals("input") || v.name().equals("data"))) {
            return new Term.Ref(v, List.of(), v.loc());
        }
        return t;
    }

    private static boolean isBuiltinName(String name) {
        return switch (name) {
            case "eq", "assign", "equal", "neq", "lt", "lte", "gt", "gte", "plus", "minus", "mul", "div", "rem",
                 "and", "or", "internal.member_2", "internal.member_3", "print", "walk" -> true;
            default -> BuiltinRegistry.standard().lookup(name) != null || BuiltinRegistry.unsupportedReason(name) != null;
        };
    }

    // ---------------------------------------------------------------- bodies and expressions

    private Expr trueExpr(Location l) {
        return new Expr(new Expr.TermExpr(new Term.Scalar(BooleanValue.TRUE, l)), l);
    }

    private Body parseBody(K end) { return parseQuery(false, end); }

    /** OPA's parseQuery: literals separated by ';' or newlines up to {@code end} (not consumed). */
    private Body parseQuery(boolean requireSemi, K end) {
        if (kind() == end) throw err("found empty body", cur());
        List<Expr> exprs = new ArrayList<>();
        while (true) {
            Expr e = parseLiteral();
            exprs.add(e.withIndex(exprs.size()));
            if (kind() == K.SEMI) {
                scan();
                continue;
            }
            if (kind() == end || requireSemi) return new Body(exprs);
            if (!cur().newlineBefore()) throw illegal("expected \\n or ; or " + end.name);
        }
    }

    private Expr parseLiteral() {
        Token start = cur();
        Location l = loc(start);
        boolean negated = false;
        if (kind() == K.NOT) {
            scan();
            negated = true;
        }
        switch (kind()) {
            case SOME -> {
                if (negated) throw illegal("illegal negation of 'some'");
                return parseSome(l);
            }
            case EVERY -> {
                if (negated) throw illegal("illegal negation of 'every'");
                return parseEvery(l);
            }
            default -> {
                State s = save();
                Expr.Kind k = parseExpr();
                List<With> withs = kind() == K.WITH ? parseWith() : List.of();
                Expr e = new Expr(k, negated, withs, l, 0);
                if (k instanceof Expr.TermExpr te && te.term() instanceof Term.Var v && v.name().equals("every")) {
                    everyHint(s);
                }
                return e;
            }
        }
    }

    /** A plain `every` var that would parse as an every expression with the keyword: OPA's hint. */
    private void everyHint(State s) {
        State t = save();
        Set<String> saved = Set.copyOf(futureKw);
        boolean ok = false;
        try {
            restore(s);
            futureKw.addAll(FUTURE_KEYWORDS);
            parseEvery(loc(cur()));
            ok = true;
        } catch (RegoException e) {
            ok = false;
        } finally {
            futureKw.clear();
            futureKw.addAll(saved);
            restore(t);
        }
        if (ok) hint("`import future.keywords.every` for `every x in xs { ... }` expressions");
    }

    private Expr.Kind parseExpr() {
        Term lhs = parseTermInfixCall();
        if (kind() == K.ASSIGN) {
            scan();
            return new Expr.Assign(lhs, parseTermInfixCall());
        }
        if (kind() == K.UNIFY) {
            scan();
            return new Expr.Unify(lhs, parseTermInfixCall());
        }
        return new Expr.TermExpr(lhs);
    }

    private List<With> parseWith() {
        List<With> out = new ArrayList<>();
        while (true) {
            Token w = cur();
            scan();
            if (kind() != K.IDENT) throw illegal("expected ident");
            Term target = parseTerm();
            if (!(target instanceof Term.Ref || target instanceof Term.Var)) throw illegal("expected with target path");
            if (kind() != K.AS) throw illegal("expected as keyword");
            scan();
            Term value = parseTermInfixCall();
            Term.Ref ref = target instanceof Term.Ref r ? r : new Term.Ref(target, List.of(), target.loc());
            out.add(new With(ref, value, loc(w)));
            if (kind() != K.WITH) return out;
        }
    }

    private Expr parseSome(Location l) {
        State s = save();
        scan();
        Term term;
        try {
            term = parseTermInfixCall();
        } catch (RegoException e) {
            term = null;
        }
        if (term instanceof Term.Call c) {
            Expr.Kind k;
            switch (c.operatorName()) {
                case "internal.member_2" -> k = new Expr.SomeIn(null, c.args().get(0), c.args().get(1));
                case "internal.member_3" -> k = new Expr.SomeIn(c.args().get(0), c.args().get(1), c.args().get(2));
                default -> throw illegal("expected `x in xs` or `x, y in xs` expression");
            }
            List<With> withs = kind() == K.WITH ? parseWith() : List.of();
            return new Expr(k, false, withs, l, 0);
        }
        restore(s);
        if (!futureKw.contains("in")) {
            // `some x in xs` without the keyword: OPA hints at the import.
            State s2 = save();
            Set<String> savedKw = Set.copyOf(futureKw);
            boolean hintIn = false;
            try {
                futureKw.addAll(FUTURE_KEYWORDS);
                scan();
                Term t = parseTermInfixCall();
                hintIn = t instanceof Term.Call c && (c.operatorName().equals("internal.member_2")
                        || c.operatorName().equals("internal.member_3"));
            } catch (RegoException e) {
                hintIn = false;
            } finally {
                futureKw.clear();
                futureKw.addAll(savedKw);
                restore(s2);
            }
            if (hintIn) hint("`import future.keywords.in` for `some x in xs` expressions");
        }
        List<Term.Var> vars = new ArrayList<>();
        while (true) {
            scan();
            if (kind() != K.IDENT) throw illegal("expected var");
            vars.add((Term.Var) parseVar());
            if (kind() != K.COMMA) break;
        }
        return new Expr(new Expr.SomeDecl(vars), false, List.of(), l, 0);
    }

    private Expr parseEvery(Location l) {
        scan();
        Term term = parseTermInfixCall();
        if (!(term instanceof Term.Call c)) throw illegal("expected `x[, y] in xs { ... }` expression");
        Term key = null, value, domain;
        switch (c.operatorName()) {
            case "internal.member_2" -> { value = c.args().get(0); domain = c.args().get(1); }
            case "internal.member_3" -> {
                key = c.args().get(0);
                value = c.args().get(1);
                domain = c.args().get(2);
                if (!(key instanceof Term.Var)) throw illegal("expected key to be a variable");
            }
            default -> throw illegal("expected `x[, y] in xs { ... }` expression");
        }
        if (!(value instanceof Term.Var)) throw illegal("expected value to be a variable");
        if (kind() != K.LBRACE) throw illegal("missing body");
        scan();
        Body body = parseBody(K.RBRACE);
        scan();
        List<With> withs = kind() == K.WITH ? parseWith() : List.of();
        return new Expr(new Expr.Every(key, value, domain, body), false, withs, l, 0);
    }

    // ---------------------------------------------------------------- infix terms

    /** A full term, as in a rule value or an expression operand. */
    public Term term() { return parseTermInfixCall(); }

    private Term parseTermInfixCall() { return parseTermIn(null, true); }

    private Term parseTermInfixCallInList() { return parseTermIn(null, false); }

    /** {@code x in xs}, and {@code k, v in xs} where a key/value pair may appear ({@code keyVal}). */
    private Term parseTermIn(Term lhs, boolean keyVal) {
        if (lhs == null) lhs = parseTermRelation();
        while (true) {
            if (keyVal && kind() == K.COMMA) {
                State s = save();
                try {
                    scan();
                    Term mhs = parseTermRelation();
                    if (kind() == K.IN) {
                        scan();
                        Term rhs = parseTermRelation();
                        Term call = call("internal.member_3", lhs.loc(), lhs, mhs, rhs);
                        if (kind() == K.IN) return parseTermIn(call, keyVal);
                        return call;
                    }
                } catch (RegoException e) {
                    // not a key/value membership: the comma belongs to the caller
                }
                restore(s);
            }
            if (kind() != K.IN) return lhs;
            scan();
            Term rhs = recover(this::parseTermRelation);
            if (rhs == null) return lhs;
            lhs = call("internal.member_2", lhs.loc(), lhs, rhs);
        }
    }

    // The binary operators by precedence, loosest first; each level joins the next level's
    // operands left to right.

    private Term parseTermRelation() {
        return binaryLevel(this::parseTermOr, k -> switch (k) {
            case EQUAL -> "equal";
            case NEQ -> "neq";
            case LT -> "lt";
            case LTE -> "lte";
            case GT -> "gt";
            case GTE -> "gte";
            default -> null;
        });
    }

    private Term parseTermOr() {
        return binaryLevel(this::parseTermAnd, k -> k == K.OR ? "or" : null);
    }

    private Term parseTermAnd() {
        return binaryLevel(this::parseTermArith, k -> k == K.AND ? "and" : null);
    }

    private Term parseTermArith() {
        return binaryLevel(this::parseTermFactor, k -> k == K.PLUS ? "plus" : k == K.MINUS ? "minus" : null);
    }

    private Term parseTermFactor() {
        return binaryLevel(this::parseTerm, k -> k == K.MUL ? "mul" : k == K.QUO ? "div" : k == K.REM ? "rem" : null);
    }

    /** operand (op operand)*, where opName gives this level's builtin for a token (null: not an operator here). */
    private Term binaryLevel(java.util.function.Supplier<Term> operand, java.util.function.Function<K, String> opName) {
        Term lhs = operand.get();
        for (String op = opName.apply(kind()); op != null; op = opName.apply(kind())) {
            scan();
            Term rhs = recover(operand);
            if (rhs == null) return lhs;
            lhs = call(op, lhs.loc(), lhs, rhs);
        }
        return lhs;
    }

    /** An operator's right operand; when it fails, OPA records the error and keeps the left operand. */
    private Term recover(java.util.function.Supplier<Term> operand) {
        try {
            return operand.get();
        } catch (RegoException e) {
            if (pending == null) pending = e;
            return null;
        }
    }

    /** Ends a statement: the error recorded while parsing it, if any. */
    private void endStatement() {
        if (pending != null) throw pending;
    }

    private Term.Call call(String op, Location l, Term... args) {
        String[] parts = op.split("\\.");
        List<Term> path = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) path.add(Term.string(parts[i], l));
        return new Term.Call(new Term.Ref(new Term.Var(parts[0], l), path, l), List.of(args), l);
    }

    // ---------------------------------------------------------------- single terms

    /** OPA's parseTerm: a scalar, var, composite or parenthesised term, then any ref/call suffix. */
    private Term parseTerm() {
        if (++depth > limits.maxDepth()) throw limits.tooDeep(loc(cur()));
        try {
            Token t = cur();
            Location l = loc(t);
            Term term;
            switch (kind()) {
                case NULL -> { scan(); term = new Term.Scalar(NullValue.INSTANCE, l); }
                case TRUE -> { scan(); term = new Term.Scalar(BooleanValue.TRUE, l); }
                case FALSE -> { scan(); term = new Term.Scalar(BooleanValue.FALSE, l); }
                case MINUS, DOT, NUMBER -> term = parseNumber();
                case STRING -> term = parseString();
                case IDENT, CONTAINS -> term = parseVar();
                case LBRACK -> term = parseArray();
                case LBRACE -> term = parseSetOrObject();
                case LPAREN -> {
                    scan();
                    Term r = parseTermInfixCall();
                    if (kind() != K.RPAREN) throw err("non-terminated expression", cur());
                    scan();
                    term = r;
                }
                default -> throw illegal(null);
            }
            if (adjacent() && (kind() == K.LPAREN || kind() == K.DOT || kind() == K.LBRACK)) term = parseRef(term);
            return term;
        } finally {
            depth--;
        }
    }

    /** The current identifier as a var ({@code _} becomes a fresh wildcard); consumes it. */
    private Term parseVar() {
        Token t = cur();
        scan();
        if (t.text().equals("_")) return wildcard(loc(t));
        return new Term.Var(t.text(), loc(t));
    }

    private Term parseNumber() {
        Token start = cur();
        Location l = loc(start);
        String prefix = "";
        if (kind() == K.MINUS) {
            prefix = "-";
            scan();
            if (kind() != K.NUMBER && kind() != K.DOT) throw illegal("expected number");
        }
        if (kind() == K.DOT) {
            prefix += ".";
            scan();
            if (kind() != K.NUMBER) throw illegal("expected number");
        }
        Token num = cur();
        String lit = num.text();
        if ((prefix.isEmpty() || prefix.equals("-")) && lit.length() > 1 && lit.charAt(0) == '0' && lit.charAt(1) == '0') {
            throw illegal("expected number");
        }
        String text = prefix + lit;
        if (tooBig(lit)) throw err("number too big", num);
        scan();
        if (text.startsWith("-.")) text = "-0" + text.substring(1);
        else if (text.startsWith(".")) text = "0" + text;
        try {
            return new Term.Scalar(NumberValue.parse(text), l);
        } catch (NumberFormatException e) {
            throw err("invalid float", num);
        }
    }

    /**
     * OPA refuses numbers whose binary exponent (Go's {@code big.Float.MantExp}: x = m * 2^exp with
     * 0.5 <= |m| < 1) is beyond +-100000 ("number too big"): 1e30102 and 1e-30103 parse, 1e30103
     * and 1e-30104 do not.
     */
    static boolean tooBig(String lit) {
        try {
            BigDecimal d = new BigDecimal(lit);
            if (d.signum() == 0) return false;
            java.math.BigInteger u = d.unscaledValue().abs();
            int shift = Math.max(0, u.bitLength() - 60);
            double log2 = shift + Math.log(u.shiftRight(shift).doubleValue()) / Math.log(2)
                    - d.scale() * (Math.log(10) / Math.log(2));
            double exp = Math.floor(log2) + 1;
            return exp > 100_000 || exp < -100_000;
        } catch (NumberFormatException | ArithmeticException e) {
            return true;
        }
    }

    private Term parseString() {
        Token t = cur();
        Location l = loc(t);
        String value;
        if (t.type() == T.RAWSTRING) {
            value = t.text();
        } else {
            value = decodeString(t.text());
            if (value == null) throw err("illegal string literal: " + t.text(), t);
        }
        scan();
        return new Term.Scalar(StringValue.of(value), l);
    }

    /** A double-quoted literal decoded as Go's encoding/json does, or null when it is not valid JSON. */
    static String decodeString(String lit) {
        StringBuilder sb = new StringBuilder(lit.length());
        int n = lit.length() - 1;
        for (int i = 1; i < n; i++) {
            char c = lit.charAt(i);
            if (c < 0x20) return null;
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= n) return null;
            char e = lit.charAt(i);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    int cp = hex4(lit, i + 1, n);
                    if (cp < 0) return null;
                    i += 4;
                    if (Character.isHighSurrogate((char) cp)) {
                        int lo = i + 2 < n && lit.charAt(i + 1) == '\\' && lit.charAt(i + 2) == 'u' ? hex4(lit, i + 3, n) : -1;
                        if (lo >= 0 && Character.isLowSurrogate((char) lo)) {
                            sb.append((char) cp).append((char) lo);
                            i += 6;
                        } else {
                            sb.append('\uFFFD');
                        }
                    } else if (Character.isLowSurrogate((char) cp)) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append((char) cp);
                    }
                }
                default -> { return null; }
            }
        }
        return sb.toString();
    }

    private static int hex4(String s, int from, int end) {
        if (from + 4 > end) return -1;
        int v = 0;
        for (int i = from; i < from + 4; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) return -1;
            v = v * 16 + d;
        }
        return v;
    }

    /** OPA's parseRef: {@code .name}, {@code [term]} and {@code (args)} directly after a term. */
    private Term parseRef(Term head) {
        if (head instanceof Term.Scalar sc && pending == null) {
            // OPA records this and goes on parsing the ref
            pending = err("illegal ref (head cannot be " + valueName(sc) + ")", sc.loc());
        }
        List<Term> path = new ArrayList<>();
        Term base = head;
        while (true) {
            switch (kind()) {
                case DOT -> {
                    Token dot = cur();
                    p++;   // OPA scans the whitespace after the dot as a token of its own: no scanner error yet
                    if (cur().spaceBefore()) {
                        throw err("unexpected whitespace token: expected identifier", new Location(file, dot.row(), dot.col() + 1));
                    }
                    checkScanError();
                    if (kind() != K.IDENT) throw illegal("expected identifier");
                    Token id = cur();
                    scan();
                    path.add(Term.string(id.text(), loc(id)));
                }
                case LBRACK -> {
                    scan();
                    Term t = parseTermInfixCall();
                    if (kind() != K.RBRACK) throw illegal("expected [");
                    scan();
                    path.add(t);
                }
                case LPAREN -> {
                    Term.Ref op = base instanceof Term.Ref r ? appendAll(r, path) : new Term.Ref(base, path, base.loc());
                    Term call = parseCall(op);
                    if (adjacent() && (kind() == K.DOT || kind() == K.LBRACK)) return parseRef(call);
                    return call;
                }
                default -> { return finishRef(base, path); }
            }
            if (!adjacent()) return finishRef(base, path);
        }
    }

    private static Term finishRef(Term base, List<Term> path) {
        if (path.isEmpty()) return base;
        if (base instanceof Term.Ref r) return appendAll(r, path);
        return new Term.Ref(base, path, base.loc());
    }

    private Term parseCall(Term.Ref op) {
        scan(); // (
        if (kind() == K.RPAREN) {
            scan();
            if (op.path().isEmpty() && op.head() instanceof Term.Var v && v.name().equals("set")) {
                return new Term.SetTerm(List.of(), op.loc());
            }
            return new Term.Call(op, List.of(), op.loc());
        }
        List<Term> args = parseTermList(K.RPAREN, new ArrayList<>());
        scan();
        return new Term.Call(op, args, op.loc());
    }

    private static Term.Ref appendAll(Term.Ref r, List<Term> more) {
        List<Term> p = new ArrayList<>(r.path());
        p.addAll(more);
        return new Term.Ref(r.head(), p, r.loc());
    }

    /** Comma-separated terms up to {@code end} (not consumed); a trailing comma is allowed. */
    private List<Term> parseTermList(K end, List<Term> r) {
        if (kind() == end) return r;
        while (true) {
            r.add(parseTermInfixCallInList());
            if (kind() == end) return r;
            if (kind() != K.COMMA) throw illegal("expected \",\" or \"" + end.name + "\"");
            scan();
            if (kind() == end) return r;
        }
    }

    private void parseTermPairList(K end, List<Term> keys, List<Term> vals) {
        if (kind() == end) return;
        while (true) {
            Term k = parseTermInfixCallInList();
            if (kind() != K.COLON) throw illegal("expected \":\"");
            scan();
            putEntry(keys, vals, k, parseTermInfixCallInList());
            if (kind() == end) return;
            if (kind() != K.COMMA) throw illegal("expected \",\" or \"" + end.name + "\"");
            scan();
            if (kind() == end) return;
        }
    }

    /** The body of a comprehension after its '|' up to the closing bracket (consumed). */
    private Body comprehensionBody(K end) {
        scan(); // |
        Body b = parseBody(end);
        scan();
        return b;
    }

    private Term parseArray() {
        Token open = cur();
        Location l = loc(open);
        scan();
        if (kind() == K.RBRACK) {
            scan();
            return new Term.ArrayTerm(List.of(), l);
        }
        boolean potential = true;
        if (kind() == K.COMMA) {
            potential = false;
            scan();
        }
        State s = save();
        // A single term first: `[a | b]` is a comprehension, not `a or b`.
        Term head = parseTerm();
        switch (kind()) {
            case RBRACK -> {
                scan();
                return new Term.ArrayTerm(List.of(head), l);
            }
            case COMMA -> {
                scan();
                List<Term> elems = new ArrayList<>();
                elems.add(head);
                parseTermList(K.RBRACK, elems);
                scan();
                return new Term.ArrayTerm(elems, l);
            }
            case OR -> {
                if (potential) {
                    try {
                        return new Term.ArrayCompr(head, comprehensionBody(K.RBRACK), l);
                    } catch (RegoException e) {
                        if (kind() != K.COMMA) throw e;
                    }
                }
            }
            default -> { }
        }
        restore(s);
        List<Term> elems = parseTermList(K.RBRACK, new ArrayList<>());
        scan();
        return new Term.ArrayTerm(elems, l);
    }

    private Term parseSetOrObject() {
        Token open = cur();
        Location l = loc(open);
        scan();
        if (kind() == K.RBRACE) {
            scan();
            return new Term.ObjectTerm(List.of(), List.of(), l);
        }
        boolean potential = true;
        if (kind() == K.COMMA) {
            potential = false;
            scan();
        }
        State s = save();
        Term head = parseTerm();
        switch (kind()) {
            case OR -> {
                if (potential) return parseSet(s, head, true, l);
            }
            case RBRACE, COMMA -> { return parseSet(s, head, potential, l); }
            case COLON -> { return parseObject(head, potential, l); }
            default -> { }
        }
        restore(s);
        head = parseTermInfixCallInList();
        switch (kind()) {
            case RBRACE, COMMA -> { return parseSet(s, head, false, l); }
            case COLON -> { return parseObject(head, potential, l); }
            default -> throw illegal("non-terminated set");
        }
    }

    private Term parseSet(State s, Term head, boolean potential, Location l) {
        switch (kind()) {
            case RBRACE -> {
                scan();
                return new Term.SetTerm(List.of(head), l);
            }
            case COMMA -> {
                scan();
                List<Term> elems = new ArrayList<>();
                elems.add(head);
                parseTermList(K.RBRACE, elems);
                scan();
                return new Term.SetTerm(elems, l);
            }
            default -> { // OR
                if (potential) {
                    try {
                        return new Term.SetCompr(head, comprehensionBody(K.RBRACE), l);
                    } catch (RegoException e) {
                        if (kind() != K.COMMA) throw e;
                    }
                }
                restore(s);
                List<Term> elems = parseTermList(K.RBRACE, new ArrayList<>());
                scan();
                return new Term.SetTerm(elems, l);
            }
        }
    }

    private Term parseObject(Term key, boolean potential, Location l) {
        scan(); // :
        State s = save();
        Term v = parseTerm();
        boolean potentialRelation = true;
        if (potential && (kind() == K.RBRACE || kind() == K.COMMA || kind() == K.OR)) {
            if (kind() != K.OR) potentialRelation = false;
            try {
                Term t = parseObjectFinish(key, v, true, l);
                if (t != null) return t;
            } catch (RegoException e) {
                // OPA drops these errors and tries the value as an infix term
            }
        }
        restore(s);
        if (potentialRelation) {
            v = parseTermInfixCallInList();
            if (kind() == K.RBRACE || kind() == K.COMMA) {
                Term t = parseObjectFinish(key, v, false, l);
                if (t != null) return t;
            }
        }
        throw illegal("non-terminated object");
    }

    private Term parseObjectFinish(Term key, Term val, boolean potential, Location l) {
        switch (kind()) {
            case RBRACE -> {
                scan();
                return new Term.ObjectTerm(List.of(key), List.of(val), l);
            }
            case OR -> {
                if (!potential) throw illegal("non-terminated object");
                return new Term.ObjectCompr(key, val, comprehensionBody(K.RBRACE), l);
            }
            case COMMA -> {
                scan();
                List<Term> keys = new ArrayList<>(), vals = new ArrayList<>();
                putEntry(keys, vals, key, val);
                parseTermPairList(K.RBRACE, keys, vals);
                scan();
                return new Term.ObjectTerm(keys, vals, l);
            }
            default -> { return null; }
        }
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

    // ---------------------------------------------------------------- helpers

    private static boolean isGround(Term t) {
        return switch (t) {
            case Term.Scalar s -> true;
            case Term.Var v -> false;
            case Term.Ref r -> isGround(r.head()) && allGround(r.path());
            case Term.Call c -> false;
            case Term.ArrayTerm a -> allGround(a.elems());
            case Term.SetTerm s -> allGround(s.elems());
            case Term.ObjectTerm o -> allGround(o.keys()) && allGround(o.values());
            default -> false;
        };
    }

    private static boolean allGround(List<Term> ts) {
        for (Term t : ts) if (!isGround(t)) return false;
        return true;
    }

    /** OPA's ValueName: the kind of a term in messages. */
    public static String valueName(Term t) {
        return switch (t) {
            case Term.Scalar s -> switch (s.value()) {
                case StringValue x -> "string";
                case BooleanValue x -> "boolean";
                case NumberValue x -> "number";
                case NullValue x -> "null";
                default -> s.value().typeName();
            };
            case Term.Var v -> "var";
            case Term.Ref r -> "ref";
            case Term.Call c -> "call";
            case Term.ArrayTerm a -> "array";
            case Term.SetTerm s -> "set";
            case Term.ObjectTerm o -> "object";
            case Term.ArrayCompr c -> "arraycomprehension";
            case Term.SetCompr c -> "setcomprehension";
            case Term.ObjectCompr c -> "objectcomprehension";
        };
    }

    /** A ref as OPA prints it (keywords and non-identifiers in brackets). */
    static String refString(Term.Ref r) { return r.toString(); }

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

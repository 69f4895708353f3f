package dev.ecsguard.rego.ast;

import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoException;

import java.util.List;

/**
 * Bounds on a module's or query's source, so that no text, however large or deep, makes the parser,
 * the compiler or the evaluator run out of memory or stack. OPA has none of these (Go grows its
 * stacks to a gigabyte); the defaults admit every program OPA handles in reasonable time: 10,000
 * chained {@code +} terms or {@code else} branches take OPA minutes and ecs-guard milliseconds.
 * Each is a {@code rego_parse_error} with the location where the limit is crossed.
 *
 * @param maxChars     longest source, in characters (UTF-16 units)
 * @param maxLineChars longest line, in characters
 * @param maxDepth     deepest nesting: of brackets, parentheses and braces in the text, checked
 *                     before parsing; and of the parsed program, where a term inside a term (an
 *                     operand of an operator chain {@code a + b + c} included), a body inside a
 *                     term, and an {@code else} branch after its rule each count one level
 */
public record SourceLimits(int maxChars, int maxLineChars, int maxDepth) {
    /** 4 Mi characters per module, 256 Ki per line, 20,000 levels. */
    public static final SourceLimits DEFAULT = new SourceLimits(4 << 20, 256 << 10, 20_000);

    public SourceLimits {
        if (maxChars < 1 || maxLineChars < 1 || maxDepth < 1) throw new IllegalArgumentException("source limits must be positive");
    }

    /** Size and line length, before the text is scanned. */
    void checkText(String src, String file, String what) {
        if (src.length() > maxChars) {
            throw error(what + " exceeds the maximum size (" + src.length() + " > " + maxChars + " characters)",
                    locate(src, file, maxChars));
        }
        int lineStart = 0;
        int row = 1;
        int n = src.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || src.charAt(i) == '\n') {
                int length = i - lineStart;
                if (length > maxLineChars) {
                    throw error("line exceeds the maximum length (" + length + " > " + maxLineChars + " characters)",
                            new Location(file, row, maxLineChars + 1));
                }
                lineStart = i + 1;
                row++;
            }
        }
    }

    /** Nesting of brackets, parentheses and braces in the scanned tokens. */
    void checkBrackets(List<Lexer.Token> tokens, String file) {
        int depth = 0;
        for (Lexer.Token t : tokens) {
            switch (t.type()) {
                case LPAREN, LBRACK, LBRACE -> {
                    if (++depth > maxDepth) throw tooDeep(new Location(file, t.row(), t.col()));
                }
                case RPAREN, RBRACK, RBRACE -> depth = Math.max(0, depth - 1);
                default -> { }
            }
        }
    }

    Exceeded tooDeep(Location at) {
        return error("nesting too deep (limit " + maxDepth + " levels)", at);
    }

    private static Exceeded error(String message, Location at) {
        return new Exceeded(message, at);
    }

    /**
     * A source over a limit: a {@code rego_parse_error}, whatever the Rego version (the parser
     * does not retry such a module as v0).
     */
    public static final class Exceeded extends RegoException {
        Exceeded(String message, Location at) {
            super(ErrorKind.PARSE, message, at);
        }
    }

    /** Row and column of character index i. */
    private static Location locate(String src, String file, int i) {
        int row = 1;
        int lineStart = 0;
        for (int k = 0; k < i && k < src.length(); k++) {
            if (src.charAt(k) == '\n') {
                row++;
                lineStart = k + 1;
            }
        }
        return new Location(file, row, i - lineStart + 1);
    }
}

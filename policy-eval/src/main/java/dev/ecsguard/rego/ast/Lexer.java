package dev.ecsguard.rego.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Rego source into tokens as OPA's scanner does, remembering whether whitespace (and a
 * newline) preceded each token, and every comment. The lexer never fails: a character OPA's
 * scanner rejects becomes an {@link T#ILLEGAL} token, carrying the scanner's message when OPA
 * reports one ("illegal ! character", "non-terminated string", "illegal number format", ...).
 * The parser reports it when it reaches that token, as OPA does, so an earlier parse error wins.
 */
public final class Lexer {
    public enum T {
        IDENT, STRING, RAWSTRING, NUMBER,
        DOT, COMMA, SEMI, COLON, ASSIGN, UNIFY, EQ, NEQ, LT, LTE, GT, GTE,
        PLUS, MINUS, STAR, SLASH, PERCENT, AMP, BAR,
        LPAREN, RPAREN, LBRACK, RBRACK, LBRACE, RBRACE, ILLEGAL, EOF
    }

    /**
     * A token. {@code text} is the spelling: a string token's text is its literal with the
     * quotes (decoded by the parser), a raw string's the text between the backticks.
     * {@code error} is the scanner's message for an ILLEGAL token, or null.
     */
    public record Token(T type, String text, int row, int col, int offset, boolean newlineBefore, boolean spaceBefore,
                        String error) {
        @Override public String toString() { return type == T.EOF ? "EOF" : text; }
    }

    /** A comment line: its text after '#', and where it is. */
    public record Comment(String text, int row, int col) {}

    private final String src;
    private int pos, row = 1, col = 1;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private String error;

    public Lexer(String src, String file) {
        this.src = src;
    }

    public List<Token> tokens() { return tokens; }
    public List<Comment> comments() { return comments; }

    public static boolean isIdentifier(String s) {
        if (s.isEmpty()) return false;
        if (!isIdentStart(s.charAt(0))) return false;
        for (int i = 1; i < s.length(); i++) if (!isIdentPart(s.charAt(i))) return false;
        return true;
    }

    static boolean isIdentStart(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
    static boolean isIdentPart(char c) { return isIdentStart(c) || (c >= '0' && c <= '9'); }

    private static boolean isDecimal(char c) { return c >= '0' && c <= '9'; }

    /** OPA's scanner continues identifiers with any Unicode digit. */
    private static boolean isDigitCont(int cp) { return (cp >= '0' && cp <= '9') || (cp >= 0x80 && Character.isDigit(cp)); }

    private void scanError(String msg) {
        if (error == null) error = msg;
    }

    public Lexer run() {
        boolean nl = false, sp = false;
        int n = src.length();
        if (n > 0 && src.charAt(0) == '\uFEFF') advance();
        while (true) {
            while (pos < n) {
                char c = src.charAt(pos);
                if (c == '\n') { nl = true; sp = true; advance(); }
                else if (c == ' ' || c == '\t' || c == '\r') { sp = true; advance(); }
                else if (c == '#') {
                    int r = row, cl = col;
                    int start = pos + 1;
                    while (pos < n && src.charAt(pos) != '\n') advance();
                    int end = pos;
                    if (end > start && src.charAt(end - 1) == '\r') end--;
                    comments.add(new Comment(src.substring(start, Math.max(start, end)), r, cl));
                    // OPA's scanner reports a byte-order mark anywhere but at offset 0, comments included.
                    if (src.substring(start, pos).indexOf('\uFEFF') >= 0) {
                        tokens.add(new Token(T.ILLEGAL, src.substring(start - 1, pos), r, cl, start - 1, nl, sp, BOM));
                    }
                    sp = true;
                }
                else break;
            }
            if (pos >= n) {
                // OPA's scanner stands at the last character read when it meets the end: the
                // column of that character, or column 0 of a new row after a final newline.
                tokens.add(new Token(T.EOF, "", row, col - 1, pos, nl, sp, null));
                return this;
            }
            int r = row, cl = col, off = pos;
            char c = src.charAt(pos);
            error = null;
            T type;
            String text;
            if (isIdentStart(c)) {
                while (pos < n && (isIdentStart(src.charAt(pos)) || isDigitCont(src.codePointAt(pos)))) advance();
                type = T.IDENT;
                text = src.substring(off, pos);
            } else if (isDecimal(c)) {
                number();
                type = T.NUMBER;
                text = src.substring(off, pos);
            } else if (c == '"') {
                string();
                type = T.STRING;
                text = src.substring(off, pos);
            } else if (c == '`') {
                advance();
                int s = pos;
                while (pos < n && src.charAt(pos) != '`') advance();
                if (pos >= n) {
                    scanError("non-terminated string");
                    text = src.substring(s);
                } else {
                    text = src.substring(s, pos);
                    advance();
                }
                type = T.RAWSTRING;
            } else {
                type = punct(c);
                text = src.substring(off, pos);
            }
            if (error != null) type = T.ILLEGAL;
            // Likewise a byte-order mark read between tokens: the column before it (0 at a line's start).
            if (c == '\uFEFF') cl--;
            tokens.add(new Token(type, text, r, cl, off, nl, sp, error));
            nl = false;
            sp = false;
        }
    }

    private static final String BOM = "illegal byte-order mark";

    private void advance() {
        char c = src.charAt(pos);
        if (c == '\uFEFF' && pos > 0) scanError(BOM);
        if (c == '\n') { row++; col = 1; }
        else if (!Character.isLowSurrogate(c)) col++;
        pos++;
    }

    /** OPA's scanNumber: digits, an optional fraction, an optional exponent. */
    private void number() {
        int n = src.length();
        while (pos < n && isDecimal(src.charAt(pos))) advance();
        if (pos < n && src.charAt(pos) == '.') {
            advance();
            boolean found = false;
            while (pos < n && isDecimal(src.charAt(pos))) { advance(); found = true; }
            if (!found) scanError("expected fraction");
        }
        if (pos < n && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            advance();
            if (pos < n && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) advance();
            boolean found = false;
            while (pos < n && isDecimal(src.charAt(pos))) { advance(); found = true; }
            if (!found) scanError("expected exponent");
        }
        if (pos < n && isIdentStart(src.charAt(pos))) {
            scanError("illegal number format");
            while (pos < n && (isIdentStart(src.charAt(pos)) || isDigitCont(src.codePointAt(pos)))) advance();
        }
    }

    /** OPA's scanString: up to the closing quote; escapes are checked, not decoded. */
    private void string() {
        int n = src.length();
        advance();
        while (true) {
            if (pos >= n || src.charAt(pos) == '\n') {
                scanError("non-terminated string");
                return;
            }
            char c = src.charAt(pos);
            advance();
            if (c == '"') return;
            if (c == '\\') {
                char e = pos < n ? src.charAt(pos) : 0;
                switch (e) {
                    case '\\', '"', '/', 'b', 'f', 'n', 'r', 't' -> advance();
                    case 'u' -> { for (int i = 0; i < 4 && pos < n && src.charAt(pos) != '\n'; i++) advance(); }
                    default -> scanError("illegal escape sequence");
                }
            }
        }
    }

    private T punct(char c) {
        char d = pos + 1 < src.length() ? src.charAt(pos + 1) : 0;
        T type;
        int len = 1;
        switch (c) {
            case '.' -> type = T.DOT;
            case ',' -> type = T.COMMA;
            case ';' -> type = T.SEMI;
            case ':' -> { if (d == '=') { type = T.ASSIGN; len = 2; } else type = T.COLON; }
            case '=' -> { if (d == '=') { type = T.EQ; len = 2; } else type = T.UNIFY; }
            case '!' -> {
                if (d == '=') { type = T.NEQ; len = 2; }
                else { type = T.ILLEGAL; scanError("illegal ! character"); }
            }
            case '<' -> { if (d == '=') { type = T.LTE; len = 2; } else type = T.LT; }
            case '>' -> { if (d == '=') { type = T.GTE; len = 2; } else type = T.GT; }
            case '+' -> type = T.PLUS;
            case '-' -> type = T.MINUS;
            case '*' -> type = T.STAR;
            case '/' -> type = T.SLASH;
            case '%' -> type = T.PERCENT;
            case '&' -> type = T.AMP;
            case '|' -> type = T.BAR;
            case '(' -> type = T.LPAREN;
            case ')' -> type = T.RPAREN;
            case '[' -> type = T.LBRACK;
            case ']' -> type = T.RBRACK;
            case '{' -> type = T.LBRACE;
            case '}' -> type = T.RBRACE;
            default -> {
                type = T.ILLEGAL;
                if (c == 0) scanError("illegal null character");
                else if (c == '\uFEFF') scanError(BOM);
                if (Character.isHighSurrogate(c) && pos + 1 < src.length() && Character.isLowSurrogate(src.charAt(pos + 1))) len = 2;
            }
        }
        for (int i = 0; i < len; i++) advance();
        return type;
    }
}

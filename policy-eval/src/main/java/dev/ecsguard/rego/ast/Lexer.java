package dev.ecsguard.rego.ast;

import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoException;

import java.util.ArrayList;
import java.util.List;

/** Splits Rego source into tokens, remembering whether a newline preceded each and every comment. */
public final class Lexer {
    public enum T {
        IDENT, STRING, RAWSTRING, NUMBER,
        DOT, COMMA, SEMI, COLON, ASSIGN, UNIFY, EQ, NEQ, LT, LTE, GT, GTE,
        PLUS, MINUS, STAR, SLASH, PERCENT, AMP, BAR,
        LPAREN, RPAREN, LBRACK, RBRACK, LBRACE, RBRACE, EOF
    }

    /** A token; {@code text} is the decoded string for strings, the spelling otherwise. */
    public record Token(T type, String text, int row, int col, int offset, boolean newlineBefore, boolean spaceBefore) {
        @Override public String toString() { return type == T.EOF ? "EOF" : text; }
    }

    /** A comment line: its text after '#', and where it is. */
    public record Comment(String text, int row, int col) {}

    private final String src;
    private final String file;
    private int pos, row = 1, col = 1;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();

    public Lexer(String src, String file) {
        this.src = src;
        this.file = file;
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

    private RegoException error(String msg, int r, int c) {
        return new RegoException(ErrorKind.PARSE, msg, new Location(file, r, c));
    }

    public Lexer run() {
        boolean nl = false, sp = false;
        int n = src.length();
        while (true) {
            // whitespace and comments
            while (pos < n) {
                char c = src.charAt(pos);
                if (c == '\n') { nl = true; sp = true; advance(); }
                else if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF') { sp = true; advance(); }
                else if (c == '#') {
                    int r = row, cl = col;
                    int start = pos + 1;
                    while (pos < n && src.charAt(pos) != '\n') advance();
                    comments.add(new Comment(src.substring(start, pos), r, cl));
                    sp = true;
                }
                else break;
            }
            if (pos >= n) {
                tokens.add(new Token(T.EOF, "", row, col, pos, true, sp));
                return this;
            }
            int r = row, cl = col, off = pos;
            char c = src.charAt(pos);
            Token t;
            if (isIdentStart(c)) {
                int s = pos;
                while (pos < n && isIdentPart(src.charAt(pos))) advance();
                t = new Token(T.IDENT, src.substring(s, pos), r, cl, off, nl, sp);
            } else if (c >= '0' && c <= '9' || (c == '.' && pos + 1 < n && Character.isDigit(src.charAt(pos + 1)) && !prevIsRefEnd())) {
                t = number(r, cl, nl, sp);
            } else if (c == '"') {
                t = string(r, cl, nl, sp);
            } else if (c == '`') {
                int s = pos + 1;
                advance();
                while (pos < n && src.charAt(pos) != '`') advance();
                if (pos >= n) throw error("non-terminated raw string", r, cl);
                String text = src.substring(s, pos);
                advance();
                t = new Token(T.RAWSTRING, text, r, cl, off, nl, sp);
            } else {
                t = punct(c, r, cl, nl, sp);
            }
            tokens.add(t);
            nl = false;
            sp = false;
        }
    }

    private boolean prevIsRefEnd() {
        if (tokens.isEmpty()) return false;
        Token p = tokens.get(tokens.size() - 1);
        return p.type == T.IDENT || p.type == T.RBRACK || p.type == T.RPAREN || p.type == T.RBRACE;
    }

    private void advance() {
        if (src.charAt(pos) == '\n') { row++; col = 1; } else col++;
        pos++;
    }

    private Token number(int r, int cl, boolean nl, boolean sp) {
        int s = pos, n = src.length();
        while (pos < n && Character.isDigit(src.charAt(pos))) advance();
        if (pos < n && src.charAt(pos) == '.' && pos + 1 < n && Character.isDigit(src.charAt(pos + 1))) {
            advance();
            while (pos < n && Character.isDigit(src.charAt(pos))) advance();
        }
        if (pos < n && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos, sr = row, sc = col;
            advance();
            if (pos < n && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) advance();
            if (pos < n && Character.isDigit(src.charAt(pos))) {
                while (pos < n && Character.isDigit(src.charAt(pos))) advance();
            } else { pos = save; row = sr; col = sc; }
        }
        if (pos < n && isIdentStart(src.charAt(pos))) {
            throw error("illegal number format", r, cl);
        }
        String text = src.substring(s, pos);
        if (text.startsWith(".")) text = "0" + text;
        return new Token(T.NUMBER, text, r, cl, s, nl, sp);
    }

    private Token string(int r, int cl, boolean nl, boolean sp) {
        int off = pos, n = src.length();
        advance();
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= n || src.charAt(pos) == '\n') throw error("non-terminated string", r, cl);
            char c = src.charAt(pos);
            if (c == '"') { advance(); break; }
            if (c == '\\') {
                advance();
                if (pos >= n) throw error("non-terminated string", r, cl);
                char e = src.charAt(pos);
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
                        if (pos + 4 >= n) throw error("illegal unicode escape", row, col);
                        String hex = src.substring(pos + 1, pos + 5);
                        try {
                            sb.append((char) Integer.parseInt(hex, 16));
                        } catch (NumberFormatException ex) {
                            throw error("illegal unicode escape", row, col);
                        }
                        for (int i = 0; i < 4; i++) advance();
                    }
                    default -> throw error("illegal escape sequence", row, col);
                }
                advance();
            } else {
                sb.append(c);
                advance();
            }
        }
        return new Token(T.STRING, sb.toString(), r, cl, off, nl, sp);
    }

    private Token punct(char c, int r, int cl, boolean nl, boolean sp) {
        int off = pos;
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
                else throw error("illegal ! character", r, cl);
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
            default -> throw error("illegal token", r, cl);
        }
        for (int i = 0; i < len; i++) advance();
        return new Token(type, src.substring(off, off + len), r, cl, off, nl, sp);
    }
}

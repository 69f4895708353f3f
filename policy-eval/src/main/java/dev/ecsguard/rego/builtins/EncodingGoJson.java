package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * Go's encoding/json as OPA reads JSON text: the byte-level scanner of scanner.go (what
 * {@code json.Valid} accepts, and the "invalid character 'x' looking for beginning of value"
 * messages), and OPA's util.UnmarshalJSON on top of a {@code json.Decoder} with UseNumber:
 * the first value is decoded, then one more token is read, so {@code "1 2"} fails with
 * "error: invalid character '2' after top-level value" while {@code "1 null"} is accepted.
 * Numbers keep their text; object keys repeated later win; strings decode as Go's unquote
 * (lone surrogate escapes become U+FFFD).
 */
final class EncodingGoJson {
    private EncodingGoJson() {}

    /** A decoding failure, worded as Go's error text. */
    static final class JsonError extends RuntimeException {
        JsonError(String message) { super(message, null, false, false); }
    }

    /** Go's json.Valid. */
    static boolean valid(String s) {
        byte[] b = EncodingText.utf8(s);
        Scanner sc = new Scanner();
        for (byte x : b) {
            if (sc.step(x & 0xff) == SCAN_ERROR) return false;
        }
        return sc.eof() != SCAN_ERROR;
    }

    /** OPA's util.UnmarshalJSON: the decoded value, or a {@link JsonError}. */
    static Value unmarshal(String s) {
        byte[] b = EncodingText.utf8(s);
        int[] end = new int[1];
        Value v = decode(b, 0, end);
        // decoder.Token(): one more token after the value.
        int p = end[0];
        while (p < b.length && isSpace(b[p] & 0xff)) p++;
        if (p == b.length) return v;
        int c = b[p] & 0xff;
        switch (c) {
            case '[', '{' -> throw new JsonError("error: invalid character '" + (char) c + "' after top-level value");
            case ']', '}', ':', ',' -> throw new JsonError("invalid character " + quoteChar(c) + " looking for beginning of value");
            default -> {
                int[] end2 = new int[1];
                Value tok = decode(b, p, end2);
                String text = switch (tok) {
                    case NullValue n -> null;
                    case BooleanValue bv -> "%!s(bool=" + bv.value() + ")";
                    case StringValue sv -> sv.value();
                    default -> tok.toString();
                };
                if (text != null) throw new JsonError("error: invalid character '" + text + "' after top-level value");
                return v;
            }
        }
    }

    // ---- json.Decoder.Decode ------------------------------------------------------------------

    /** Reads one value starting at {@code from} (Decoder.readValue), sets end[0] past it. */
    private static Value decode(byte[] b, int from, int[] end) {
        Scanner sc = new Scanner();
        int p = from;
        boolean done = false;
        for (; p < b.length; p++) {
            int r = sc.step(b[p] & 0xff);
            if (r == SCAN_END) {
                done = true;
                break;
            }
            if (r == SCAN_END_OBJECT || r == SCAN_END_ARRAY) {
                if (sc.stateEndValue(' ') == SCAN_END) {
                    p++;
                    done = true;
                    break;
                }
            } else if (r == SCAN_ERROR) {
                throw new JsonError(sc.err);
            }
        }
        if (!done) {
            if (sc.step(' ') != SCAN_END) {
                boolean nonSpace = false;
                for (int i = 0; i < b.length && !nonSpace; i++) nonSpace = !isSpace(b[i] & 0xff);
                throw new JsonError(nonSpace ? "unexpected EOF" : "EOF");
            }
        }
        end[0] = p;
        return build(b, from, p);
    }

    /** Builds the value of already-validated JSON text, iteratively (nesting may be deep). */
    private static Value build(byte[] b, int from, int to) {
        ArrayList<Object> stack = new ArrayList<>();   // ArrayList<Value> for arrays, ObjBuilder for objects
        Value result = null;
        int p = from;
        while (true) {
            while (p < to && isSpace(b[p] & 0xff)) p++;
            int c = b[p] & 0xff;
            Value v = null;
            if (c == '[' || c == '{') {
                p++;
                while (isSpace(b[p] & 0xff)) p++;
                if (b[p] == ']' || b[p] == '}') {
                    p++;
                    v = c == '[' ? ArrayValue.EMPTY : ObjectValue.EMPTY;
                } else {
                    if (c == '[') {
                        stack.add(new ArrayList<Value>());
                    } else {
                        ObjBuilder ob = new ObjBuilder();
                        int[] e = new int[1];
                        ob.key = unquote(b, p, e);
                        p = e[0];
                        while (b[p] != ':') p++;
                        p++;
                        stack.add(ob);
                    }
                    continue;
                }
            } else if (c == '"') {
                int[] e = new int[1];
                v = StringValue.of(unquote(b, p, e));
                p = e[0];
            } else if (c == 't') {
                v = BooleanValue.TRUE;
                p += 4;
            } else if (c == 'f') {
                v = BooleanValue.FALSE;
                p += 5;
            } else if (c == 'n') {
                v = NullValue.INSTANCE;
                p += 4;
            } else {
                int s = p;
                while (p < to && "+-.0123456789eE".indexOf(b[p]) >= 0) p++;
                v = NumberValue.parse(new String(b, s, p - s, StandardCharsets.US_ASCII));
            }
            // Attach v to its parent, closing finished containers.
            while (true) {
                if (stack.isEmpty()) {
                    result = v;
                    break;
                }
                Object top = stack.get(stack.size() - 1);
                while (isSpace(b[p] & 0xff)) p++;
                int d = b[p] & 0xff;
                p++;
                if (top instanceof ArrayList<?> l) {
                    @SuppressWarnings("unchecked") ArrayList<Value> items = (ArrayList<Value>) l;
                    items.add(v);
                    if (d == ',') break;
                    stack.remove(stack.size() - 1);
                    v = ArrayValue.wrap(items.toArray(new Value[0]));
                } else {
                    ObjBuilder ob = (ObjBuilder) top;
                    ob.b.put(StringValue.of(ob.key), v);
                    if (d == ',') {
                        while (isSpace(b[p] & 0xff)) p++;
                        int[] e = new int[1];
                        ob.key = unquote(b, p, e);
                        p = e[0];
                        while (b[p] != ':') p++;
                        p++;
                        break;
                    }
                    stack.remove(stack.size() - 1);
                    v = ob.b.build();
                }
            }
            if (result != null) return result;
        }
    }

    private static final class ObjBuilder {
        final ObjectValue.Builder b = ObjectValue.builder();
        String key;
    }

    /** Go's unquote of the string literal starting at b[p] == '"'; end[0] is set past the closing quote. */
    private static String unquote(byte[] b, int p, int[] end) {
        p++;
        int start = p;
        while (b[p] != '"' && b[p] != '\\') p++;
        if (b[p] == '"') {
            end[0] = p + 1;
            return new String(b, start, p - start, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, start, p - start);
        while (b[p] != '"') {
            if (b[p] != '\\') {
                out.write(b[p++]);
                continue;
            }
            p++;
            switch (b[p]) {
                case 'b' -> { out.write('\b'); p++; }
                case 'f' -> { out.write('\f'); p++; }
                case 'n' -> { out.write('\n'); p++; }
                case 'r' -> { out.write('\r'); p++; }
                case 't' -> { out.write('\t'); p++; }
                case 'u' -> {
                    int r = hex4(b, p + 1);
                    p += 5;
                    if (r >= 0xD800 && r < 0xE000) {
                        int r2 = b[p] == '\\' && b[p + 1] == 'u' ? hex4(b, p + 2) : -1;
                        if (r < 0xDC00 && r2 >= 0xDC00 && r2 < 0xE000) {
                            r = 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00);
                            p += 6;
                        } else {
                            r = 0xFFFD;
                        }
                    }
                    byte[] enc = new String(Character.toChars(r)).getBytes(StandardCharsets.UTF_8);
                    out.write(enc, 0, enc.length);
                }
                default -> out.write(b[p++]);   // \\ \/ \"
            }
        }
        end[0] = p + 1;
        return EncodingText.goString(out.toByteArray());
    }

    private static int hex4(byte[] b, int p) {
        int r = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(b[p + i], 16);
            if (d < 0) return -1;
            r = r * 16 + d;
        }
        return r;
    }

    // ---- scanner.go ---------------------------------------------------------------------------

    static final int SCAN_CONTINUE = 0, SCAN_BEGIN_LITERAL = 1, SCAN_BEGIN_OBJECT = 2, SCAN_OBJECT_KEY = 3,
            SCAN_OBJECT_VALUE = 4, SCAN_END_OBJECT = 5, SCAN_BEGIN_ARRAY = 6, SCAN_ARRAY_VALUE = 7,
            SCAN_END_ARRAY = 8, SCAN_SKIP_SPACE = 9, SCAN_END = 10, SCAN_ERROR = 11;

    private static final int PARSE_OBJECT_KEY = 0, PARSE_OBJECT_VALUE = 1, PARSE_ARRAY_VALUE = 2;
    private static final int MAX_NESTING_DEPTH = 10000;

    private enum St {
        BEGIN_VALUE, BEGIN_VALUE_OR_EMPTY, BEGIN_STRING_OR_EMPTY, BEGIN_STRING, END_VALUE, END_TOP,
        IN_STRING, IN_STRING_ESC, ESC_U, ESC_U1, ESC_U12, ESC_U123, NEG, ONE, ZERO, DOT, DOT0, E, E_SIGN, E0,
        T, TR, TRU, F, FA, FAL, FALS, N, NU, NUL, ERROR
    }

    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static final class Scanner {
        St step = St.BEGIN_VALUE;
        int[] parseState = new int[16];
        int depth;
        boolean endTop;
        String err;

        int step(int c) {
            return switch (step) {
                case BEGIN_VALUE -> beginValue(c);
                case BEGIN_VALUE_OR_EMPTY -> {
                    if (isSpace(c)) yield SCAN_SKIP_SPACE;
                    if (c == ']') yield stateEndValue(c);
                    yield beginValue(c);
                }
                case BEGIN_STRING_OR_EMPTY -> {
                    if (isSpace(c)) yield SCAN_SKIP_SPACE;
                    if (c == '}') {
                        parseState[depth - 1] = PARSE_OBJECT_VALUE;
                        yield stateEndValue(c);
                    }
                    yield beginString(c);
                }
                case BEGIN_STRING -> beginString(c);
                case END_VALUE -> stateEndValue(c);
                case END_TOP -> endTop(c);
                case IN_STRING -> {
                    if (c == '"') {
                        step = St.END_VALUE;
                        yield SCAN_CONTINUE;
                    }
                    if (c == '\\') {
                        step = St.IN_STRING_ESC;
                        yield SCAN_CONTINUE;
                    }
                    if (c < 0x20) yield error(c, "in string literal");
                    yield SCAN_CONTINUE;
                }
                case IN_STRING_ESC -> switch (c) {
                    case 'b', 'f', 'n', 'r', 't', '\\', '/', '"' -> {
                        step = St.IN_STRING;
                        yield SCAN_CONTINUE;
                    }
                    case 'u' -> {
                        step = St.ESC_U;
                        yield SCAN_CONTINUE;
                    }
                    default -> error(c, "in string escape code");
                };
                case ESC_U -> hex(c, St.ESC_U1);
                case ESC_U1 -> hex(c, St.ESC_U12);
                case ESC_U12 -> hex(c, St.ESC_U123);
                case ESC_U123 -> hex(c, St.IN_STRING);
                case NEG -> {
                    if (c == '0') {
                        step = St.ZERO;
                        yield SCAN_CONTINUE;
                    }
                    if (c >= '1' && c <= '9') {
                        step = St.ONE;
                        yield SCAN_CONTINUE;
                    }
                    yield error(c, "in numeric literal");
                }
                case ONE -> {
                    if (c >= '0' && c <= '9') yield SCAN_CONTINUE;
                    yield zero(c);
                }
                case ZERO -> zero(c);
                case DOT -> {
                    if (c >= '0' && c <= '9') {
                        step = St.DOT0;
                        yield SCAN_CONTINUE;
                    }
                    yield error(c, "after decimal point in numeric literal");
                }
                case DOT0 -> {
                    if (c >= '0' && c <= '9') yield SCAN_CONTINUE;
                    if (c == 'e' || c == 'E') {
                        step = St.E;
                        yield SCAN_CONTINUE;
                    }
                    yield stateEndValue(c);
                }
                case E -> {
                    if (c == '+' || c == '-') {
                        step = St.E_SIGN;
                        yield SCAN_CONTINUE;
                    }
                    yield eSign(c);
                }
                case E_SIGN -> eSign(c);
                case E0 -> {
                    if (c >= '0' && c <= '9') yield SCAN_CONTINUE;
                    yield stateEndValue(c);
                }
                case T -> lit(c, 'r', St.TR, "in literal true (expecting 'r')");
                case TR -> lit(c, 'u', St.TRU, "in literal true (expecting 'u')");
                case TRU -> lit(c, 'e', St.END_VALUE, "in literal true (expecting 'e')");
                case F -> lit(c, 'a', St.FA, "in literal false (expecting 'a')");
                case FA -> lit(c, 'l', St.FAL, "in literal false (expecting 'l')");
                case FAL -> lit(c, 's', St.FALS, "in literal false (expecting 's')");
                case FALS -> lit(c, 'e', St.END_VALUE, "in literal false (expecting 'e')");
                case N -> lit(c, 'u', St.NU, "in literal null (expecting 'u')");
                case NU -> lit(c, 'l', St.NUL, "in literal null (expecting 'l')");
                case NUL -> lit(c, 'l', St.END_VALUE, "in literal null (expecting 'l')");
                case ERROR -> SCAN_ERROR;
            };
        }

        int eof() {
            if (err != null) return SCAN_ERROR;
            if (endTop) return SCAN_END;
            step(' ');
            if (endTop) return SCAN_END;
            if (err == null) err = "unexpected end of JSON input";
            return SCAN_ERROR;
        }

        private int lit(int c, char want, St next, String msg) {
            if (c == want) {
                step = next;
                return SCAN_CONTINUE;
            }
            return error(c, msg);
        }

        private int hex(int c, St next) {
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                step = next;
                return SCAN_CONTINUE;
            }
            return error(c, "in \\u hexadecimal character escape");
        }

        private int zero(int c) {
            if (c == '.') {
                step = St.DOT;
                return SCAN_CONTINUE;
            }
            if (c == 'e' || c == 'E') {
                step = St.E;
                return SCAN_CONTINUE;
            }
            return stateEndValue(c);
        }

        private int eSign(int c) {
            if (c >= '0' && c <= '9') {
                step = St.E0;
                return SCAN_CONTINUE;
            }
            return error(c, "in exponent of numeric literal");
        }

        private int beginValue(int c) {
            if (isSpace(c)) return SCAN_SKIP_SPACE;
            switch (c) {
                case '{' -> {
                    step = St.BEGIN_STRING_OR_EMPTY;
                    return push(c, PARSE_OBJECT_KEY, SCAN_BEGIN_OBJECT);
                }
                case '[' -> {
                    step = St.BEGIN_VALUE_OR_EMPTY;
                    return push(c, PARSE_ARRAY_VALUE, SCAN_BEGIN_ARRAY);
                }
                case '"' -> step = St.IN_STRING;
                case '-' -> step = St.NEG;
                case '0' -> step = St.ZERO;
                case 't' -> step = St.T;
                case 'f' -> step = St.F;
                case 'n' -> step = St.N;
                default -> {
                    if (c >= '1' && c <= '9') {
                        step = St.ONE;
                    } else {
                        return error(c, "looking for beginning of value");
                    }
                }
            }
            return SCAN_BEGIN_LITERAL;
        }

        private int beginString(int c) {
            if (isSpace(c)) return SCAN_SKIP_SPACE;
            if (c == '"') {
                step = St.IN_STRING;
                return SCAN_BEGIN_LITERAL;
            }
            return error(c, "looking for beginning of object key string");
        }

        int stateEndValue(int c) {
            if (depth == 0) {
                step = St.END_TOP;
                endTop = true;
                return endTop(c);
            }
            if (isSpace(c)) {
                step = St.END_VALUE;
                return SCAN_SKIP_SPACE;
            }
            switch (parseState[depth - 1]) {
                case PARSE_OBJECT_KEY -> {
                    if (c == ':') {
                        parseState[depth - 1] = PARSE_OBJECT_VALUE;
                        step = St.BEGIN_VALUE;
                        return SCAN_OBJECT_KEY;
                    }
                    return error(c, "after object key");
                }
                case PARSE_OBJECT_VALUE -> {
                    if (c == ',') {
                        parseState[depth - 1] = PARSE_OBJECT_KEY;
                        step = St.BEGIN_STRING;
                        return SCAN_OBJECT_VALUE;
                    }
                    if (c == '}') {
                        pop();
                        return SCAN_END_OBJECT;
                    }
                    return error(c, "after object key:value pair");
                }
                default -> {
                    if (c == ',') {
                        step = St.BEGIN_VALUE;
                        return SCAN_ARRAY_VALUE;
                    }
                    if (c == ']') {
                        pop();
                        return SCAN_END_ARRAY;
                    }
                    return error(c, "after array element");
                }
            }
        }

        private int endTop(int c) {
            if (!isSpace(c)) error(c, "after top-level value");
            return SCAN_END;
        }

        private int push(int c, int state, int success) {
            if (depth == parseState.length) parseState = java.util.Arrays.copyOf(parseState, depth * 2);
            parseState[depth++] = state;
            if (depth <= MAX_NESTING_DEPTH) return success;
            return error(c, "exceeded max depth");
        }

        private void pop() {
            depth--;
            if (depth == 0) {
                step = St.END_TOP;
                endTop = true;
            } else {
                step = St.END_VALUE;
            }
        }

        private int error(int c, String context) {
            step = St.ERROR;
            err = "invalid character " + quoteChar(c) + " " + context;
            return SCAN_ERROR;
        }
    }

    /** Go's quoteChar: the byte as a rune, quoted with single quotes. */
    static String quoteChar(int c) {
        if (c == '\'') return "'\\''";
        if (c == '"') return "'\"'";
        StringBuilder sb = new StringBuilder("'");
        StringFormat.quoteRune(sb, c, '"');
        return sb.append('\'').toString();
    }
}

package dev.ecsguard.cli;

import dev.ecsguard.rego.QueryResult;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoError;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The output of {@code opa eval --format json}, byte for byte: Go's {@code json.MarshalIndent}
 * with two spaces, result values printed as OPA prints them ({@link Json#write}), bindings sorted
 * by name and omitted when empty, {@code {}} for an undefined query, and
 * {@code {"errors":[{"message","code","location","details"?}]}} for errors (parse errors carry
 * the offending source line and the column index as {@code details}, as OPA's parser does).
 */
final class OpaJson {
    private OpaJson() {}

    /** The result document for these query results (undefined when empty). */
    static String results(List<QueryResult> results) {
        if (results.isEmpty()) return "{}\n";
        StringBuilder sb = new StringBuilder("{\"result\":[");
        for (int r = 0; r < results.size(); r++) {
            QueryResult qr = results.get(r);
            if (r > 0) sb.append(',');
            sb.append("{\"expressions\":[");
            for (int i = 0; i < qr.expressions().size(); i++) {
                QueryResult.ExpressionValue e = qr.expressions().get(i);
                if (i > 0) sb.append(',');
                sb.append("{\"value\":");
                Json.write(sb, e.value());
                sb.append(",\"text\":");
                Json.quote(sb, e.text());
                sb.append(",\"location\":{\"row\":").append(e.location().row())
                        .append(",\"col\":").append(e.location().col()).append("}}");
            }
            sb.append(']');
            if (!qr.bindings().isEmpty()) {
                List<Map.Entry<String, Value>> bs = new ArrayList<>(qr.bindings().entrySet());
                bs.sort((a, b) -> StringValue.compareCodePoints(a.getKey(), b.getKey()));
                sb.append(",\"bindings\":{");
                for (int i = 0; i < bs.size(); i++) {
                    if (i > 0) sb.append(',');
                    Json.quote(sb, bs.get(i).getKey());
                    sb.append(':');
                    Json.write(sb, bs.get(i).getValue());
                }
                sb.append('}');
            }
            sb.append('}');
        }
        sb.append("]}");
        return indent(sb) + "\n";
    }

    /**
     * The error document. {@code sources} gives the text of each module by file name and of the
     * query under "" (for the details of parse errors).
     */
    static String errors(List<RegoError> errors, Map<String, String> sources) {
        StringBuilder sb = new StringBuilder("{\"errors\":[");
        for (int i = 0; i < errors.size(); i++) {
            RegoError e = errors.get(i);
            if (i > 0) sb.append(',');
            sb.append("{\"message\":");
            Json.quote(sb, e.message());
            sb.append(",\"code\":");
            Json.quote(sb, e.kind().code());
            Location l = e.location();
            if (l != null && l.row() > 0) {
                sb.append(",\"location\":{\"file\":");
                Json.quote(sb, l.file() == null ? "" : l.file());
                sb.append(",\"row\":").append(l.row()).append(",\"col\":").append(l.col()).append('}');
                if ("rego_parse_error".equals(e.kind().code())) {
                    String src = sources.get(l.file() == null ? "" : l.file());
                    if (src != null && !src.isEmpty()) {
                        ParseErrorDetail d = ParseErrorDetail.of(src, l.row(), l.col());
                        sb.append(",\"details\":{\"line\":");
                        Json.quote(sb, d.line());
                        sb.append(",\"idx\":").append(d.idx()).append('}');
                    }
                }
            }
            sb.append('}');
        }
        sb.append("]}");
        return indent(sb) + "\n";
    }

    /**
     * OPA's parser error detail: the line holding the last non-space character at or before the
     * error's position, and that character's index in it (so an error at the end of the text, or
     * at column 0 after a newline, shows the last line with text).
     */
    record ParseErrorDetail(String line, int idx) {
        static ParseErrorDetail of(String src, int row, int col) {
            int offset = 0;
            for (int r = 1; r < row && offset >= 0; r++) offset = src.indexOf('\n', offset) + 1;
            if (offset <= 0 && row > 1) offset = src.length();
            offset += col - 1;
            offset = Math.max(0, Math.min(offset, src.length() - 1));
            while (offset > 0 && Character.isWhitespace(src.charAt(offset))) offset--;
            int begin = offset;
            while (begin > 0 && !newline(src.charAt(begin))) begin--;
            if (newline(src.charAt(begin))) begin++;
            int end = offset;
            while (end < src.length() && !newline(src.charAt(end))) end++;
            if (begin > end) begin = end;
            return new ParseErrorDetail(src.substring(begin, end), offset - begin);
        }

        private static boolean newline(char c) {
            return c == '\n' || c == '\r';
        }
    }

    /** Re-indents compact JSON as Go's json.Indent(prefix "", indent "  ") does. */
    static String indent(CharSequence s) {
        StringBuilder o = new StringBuilder(s.length() * 2);
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                o.append(c);
                if (c == '\\' && i + 1 < s.length()) o.append(s.charAt(++i));
                else if (c == '"') inString = false;
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    o.append(c);
                }
                case '{', '[' -> {
                    char close = c == '{' ? '}' : ']';
                    if (i + 1 < s.length() && s.charAt(i + 1) == close) {
                        o.append(c).append(close);
                        i++;
                    } else {
                        o.append(c);
                        depth++;
                        newline(o, depth);
                    }
                }
                case '}', ']' -> {
                    depth--;
                    newline(o, depth);
                    o.append(c);
                }
                case ',' -> {
                    o.append(',');
                    newline(o, depth);
                }
                case ':' -> o.append(": ");
                default -> o.append(c);
            }
        }
        return o.toString();
    }

    private static void newline(StringBuilder o, int depth) {
        o.append('\n');
        for (int d = 0; d < depth; d++) o.append("  ");
    }
}

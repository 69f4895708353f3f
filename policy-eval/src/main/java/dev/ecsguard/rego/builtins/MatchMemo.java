package dev.ecsguard.rego.builtins;

import java.util.function.Predicate;

/**
 * Recent answers of {@code regex.match} and {@code glob.match} per (pattern, string), kept in the
 * policy's {@link BuiltinCache}. Events repeat the same strings (image names, ARNs, environment
 * variable names), so the automaton runs once per distinct string instead of once per event. The
 * memo holds at most {@value BuiltinCache#ANSWERS} answers in least-recently-used order, and only
 * for patterns and strings of at most {@value #MAX_TEXT} characters, so it stays under ~16 MB
 * however varied the input. Off with {@code -Decsguard.matchMemo=off}.
 */
final class MatchMemo {
    static final String NAMESPACE = "match.answers";
    /** Longest pattern or string whose answer is remembered. */
    static final int MAX_TEXT = 512;

    private MatchMemo() {}

    /** One answer's key: which builtin, the pattern (with glob delimiters), the string. */
    private record Key(String builtin, Object pattern, String subject) {}

    /** The answer of {@code match} for subject, remembered when pattern and subject are short. */
    static boolean answer(BuiltinContext ctx, String builtin, Object pattern, int patternLength, String subject,
                          Predicate<String> match) {
        if (patternLength > MAX_TEXT || subject.length() > MAX_TEXT) return match.test(subject);
        return ctx.cached(NAMESPACE, new Key(builtin, pattern, subject), k -> match.test(k.subject()));
    }
}

package dev.ecsguard.rego.builtins;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** regex.*, re_match and glob.*: outcomes recorded from OPA 1.4.2 (opaeval -strict-builtin-errors). */
class RegexBuiltinsTest {
    @TestFactory
    List<DynamicTest> observedOpaOutcomes() {
        return OpaBuiltinsTable.cases(TABLE);
    }

    @Test
    void patternsAreCompiledOncePerPolicy() {
        TestContext ctx = new TestContext();
        ctx.callLit("regex.match", "\"a+\"", "\"aa\"");
        Object first = ctx.cached("regex", "a+", k -> { throw new AssertionError("not cached"); });
        ctx.callLit("regex.find_n", "\"a+\"", "\"aa\"", "1");
        assertSame(first, ctx.cached("regex", "a+", k -> { throw new AssertionError("not cached"); }));
    }

    @Test
    void replaceReturnsTheSameValueWhenNothingChanges() {
        TestContext ctx = new TestContext();
        var base = TestContext.s("abc");
        assertSame(base, ctx.call("regex.replace", base, TestContext.s("z"), TestContext.s("x")));
    }

    @Test
    void hostilePatternIsLinearTime() {
        TestContext ctx = new TestContext();
        String input = "a".repeat(50_000) + "!";
        long t0 = System.nanoTime();
        assertEquals("false", ctx.json("regex.match", "\"^(a+)+$\"", TestContext.v("\"" + input + "\"").toRego()));
        assertEquals(true, System.nanoTime() - t0 < 5_000_000_000L);
    }

    @Test
    void globsMatchWithHugeRangeStaysCheap() {
        TestContext ctx = new TestContext();
        assertEquals("true", ctx.json("regex.globs_match", "\"[\\\\u0000-\\uffff]+\"", "\"x\""));
    }

    static final String TABLE = """
regex.match ¦ "a" ¦ "ba" ⇒ true
regex.match ¦ "^a$" ¦ "ba" ⇒ false
regex.match ¦ "a.c" ¦ "a\\nc" ⇒ false
regex.match ¦ "(?s)a.c" ¦ "a\\nc" ⇒ true
regex.match ¦ "(?i)ABC" ¦ "xabcx" ⇒ true
regex.match ¦ "\\\\p{Greek}+" ¦ "αβγ" ⇒ true
regex.match ¦ "\\\\bfoo\\\\b" ¦ "a foo b" ⇒ true
regex.match ¦ "^$" ¦ "" ⇒ true
regex.match ¦ "(?m)^b$" ¦ "a\\nb\\nc" ⇒ true
regex.match ¦ "(?=a)" ¦ "a" ⇒ BUILTIN: regex.match: error parsing regexp: invalid or unsupported Perl syntax: `(?=`
regex.match ¦ "(a)\\\\1" ¦ "aa" ⇒ BUILTIN: regex.match: error parsing regexp: invalid escape sequence: `\\1`
regex.match ¦ "(" ¦ "a" ⇒ BUILTIN: regex.match: error parsing regexp: missing closing ): `(`
regex.match ¦ "a{1001}" ¦ "a" ⇒ BUILTIN: regex.match: error parsing regexp: invalid repeat count: `{1001}`
regex.match ¦ "[[:alpha:]]+" ¦ "abc" ⇒ true
regex.match ¦ "\\\\d+" ¦ "x12" ⇒ true
regex.match ¦ "(?P<year>\\\\d{4})" ¦ "in 2024" ⇒ true
regex.match ¦ "(?<year>\\\\d{4})" ¦ "in 2024" ⇒ true
regex.match ¦ 1 ¦ "a" ⇒ TYPE: regex.match: operand 1 must be string but got number
regex.match ¦ "a" ¦ 1 ⇒ TYPE: regex.match: operand 2 must be string but got number
regex.match ¦ "😀" ¦ "x😀y" ⇒ true
regex.match ¦ "^.$" ¦ "😀" ⇒ true
regex.match ¦ "\\\\C" ¦ "a" ⇒ BUILTIN: regex.match: error parsing regexp: invalid escape sequence: `\\C`
regex.match ¦ "x**" ¦ "a" ⇒ BUILTIN: regex.match: error parsing regexp: invalid nested repetition operator: `**`
regex.match ¦ "[z-a]" ¦ "a" ⇒ BUILTIN: regex.match: error parsing regexp: invalid character class range: `z-a`
regex.match ¦ "\\\\Qa.b\\\\E" ¦ "a.b" ⇒ true
regex.match ¦ "\\\\z" ¦ "a" ⇒ true
regex.match ¦ "a\\\\Z" ¦ "a" ⇒ BUILTIN: regex.match: error parsing regexp: invalid escape sequence: `\\Z`
regex.match ¦ "\\\\" ¦ "a" ⇒ BUILTIN: regex.match: error parsing regexp: trailing backslash at end of expression: ``
regex.is_valid ¦ "\\\\" ⇒ false
regex.split ¦ "a\\\\" ¦ "a" ⇒ BUILTIN: regex.split: error parsing regexp: trailing backslash at end of expression: ``
regex.replace ¦ "ab" ¦ "(?P<x>a)?(?P<x>b)" ¦ "[${x}]" ⇒ "[a]"
regex.replace ¦ "b" ¦ "(?P<x>a)?(?P<x>b)" ¦ "[${x}]" ⇒ "[b]"
regex.find_all_string_submatch_n ¦ "(?P<x>a)(?<x>b)" ¦ "ab" ¦ -1 ⇒ [["ab","a","b"]]
regex.find_n ¦ "(?P<x>a)(?P<x>b)(" ¦ "ab" ¦ -1 ⇒ BUILTIN: regex.find_n: error parsing regexp: missing closing ): `(?P<x>a)(?P<x>b)(`
regex.match ¦ "a)" ¦ "a" ⇒ BUILTIN: regex.match: error parsing regexp: unexpected ): `a)`
regex.is_valid ¦ "[(]a)" ⇒ false
regex.match ¦ "^([a-z0-9]{1,63}\\\\.){1,127}[a-z]{2,63}$" ¦ "a.example.com" ⇒ BUILTIN: regex.match: error parsing regexp: invalid repeat count: `{1,127}`
regex.match ¦ "^([a-z0-9]{1,63}\\\\.){1,15}[a-z]{2,63}$" ¦ "a.example.com" ⇒ true
regex.match ¦ "((a{2}){2}){251}" ¦ "" ⇒ BUILTIN: regex.match: error parsing regexp: invalid repeat count: `{251}`
regex.match ¦ "(?:a{10}b{200}){6}" ¦ "" ⇒ BUILTIN: regex.match: error parsing regexp: invalid repeat count: `{6}`
regex.match ¦ "(a{0}){1000}" ¦ "" ⇒ true
regex.match ¦ "(a{2}|b{501}){2}" ¦ "" ⇒ BUILTIN: regex.match: error parsing regexp: invalid repeat count: `{2}`
regex.match ¦ "\\\\Q{2}\\\\E{600}" ¦ "" ⇒ false
regex.match ¦ "{*.??\\\\**?" ¦ "x1 y2" ⇒ true
regex.match ¦ "a{{2,}" ¦ "a{{{" ⇒ true
regex.find_n ¦ "a{01}" ¦ "a{01}" ¦ -1 ⇒ ["a{01}"]
regex.match ¦ "{**" ¦ "" ⇒ BUILTIN: regex.match: error parsing regexp: invalid nested repetition operator: `**`
regex.replace ¦ "A" ¦ "\\\\101(?P<x+?\\\\S{,2}" ¦ "-" ⇒ BUILTIN: regex.replace: error parsing regexp: invalid named capture: `(?P<x+?\\S{,2}`
regex.match ¦ "\\\\x{1F600}{,2}" ¦ "😀{,2}" ⇒ true
regex.match ¦ "\\\\p{Greek}{2}" ¦ "αβ" ⇒ true
regex.match ¦ "(?{,2})" ¦ "" ⇒ BUILTIN: regex.match: error parsing regexp: invalid or unsupported Perl syntax: `(?{`
re_match ¦ "^a+$" ¦ "aaa" ⇒ true
re_match ¦ "(" ¦ "aaa" ⇒ BUILTIN: re_match: error parsing regexp: missing closing ): `(`
regex.is_valid ¦ ".+" ⇒ true
regex.is_valid ¦ "++" ⇒ false
regex.is_valid ¦ "(?=x)" ⇒ false
regex.is_valid ¦ 1 ⇒ false
regex.is_valid ¦ null ⇒ false
regex.find_n ¦ "a." ¦ "paranormal" ¦ -1 ⇒ ["ar","an","al"]
regex.find_n ¦ "a." ¦ "paranormal" ¦ 2 ⇒ ["ar","an"]
regex.find_n ¦ "a." ¦ "paranormal" ¦ 0 ⇒ []
regex.find_n ¦ "bork" ¦ "paranormal" ¦ -1 ⇒ []
regex.find_n ¦ "a*" ¦ "baaac" ¦ -1 ⇒ ["","aaa",""]
regex.find_n ¦ "" ¦ "abc" ¦ -1 ⇒ ["","","",""]
regex.find_n ¦ "x*" ¦ "😀😀" ¦ -1 ⇒ ["","",""]
regex.find_n ¦ "a|ab" ¦ "abab" ¦ -1 ⇒ ["a","a"]
regex.find_n ¦ "a" ¦ "aaa" ¦ 1.5 ⇒ TYPE: regex.find_n: operand 3 must be integer number but got floating-point number
regex.find_n ¦ "a" ¦ "aaa" ¦ 1.0 ⇒ TYPE: regex.find_n: operand 3 must be integer number but got floating-point number
regex.find_n ¦ "a" ¦ "aaa" ¦ "1" ⇒ TYPE: regex.find_n: operand 3 must be number but got string
regex.find_n ¦ "(" ¦ "aaa" ¦ 1 ⇒ BUILTIN: regex.find_n: error parsing regexp: missing closing ): `(`
regex.find_n ¦ "a" ¦ "aaa" ¦ 100000000000000000000 ⇒ TYPE: regex.find_n: operand 3 must be integer number but got floating-point number
regex.find_n ¦ "a" ¦ "aaa" ¦ -5 ⇒ ["a","a","a"]
regex.find_all_string_submatch_n ¦ "a(x*)b" ¦ "-ab-" ¦ -1 ⇒ [["ab",""]]
regex.find_all_string_submatch_n ¦ "a(x*)b" ¦ "-axxb-" ¦ -1 ⇒ [["axxb","xx"]]
regex.find_all_string_submatch_n ¦ "a(x*)b" ¦ "-ab-axb-" ¦ -1 ⇒ [["ab",""],["axb","x"]]
regex.find_all_string_submatch_n ¦ "[^aouiye]([aouiye])([^aouiye])?" ¦ "somestri" ¦ -1 ⇒ [["som","o","m"],["ri","i",""]]
regex.find_all_string_submatch_n ¦ "[^aouiye]([aouiye])([^aouiye])?" ¦ "somestri" ¦ 1 ⇒ [["som","o","m"]]
regex.find_all_string_submatch_n ¦ "a(x)?" ¦ "a ax" ¦ -1 ⇒ [["a",""],["ax","x"]]
regex.find_all_string_submatch_n ¦ "(?P<k>\\\\w+)=(?P<v>\\\\w*)" ¦ "a=1 b= c=3" ¦ -1 ⇒ [["a=1","a","1"],["b=","b",""],["c=3","c","3"]]
regex.find_all_string_submatch_n ¦ "x*" ¦ "axxb" ¦ -1 ⇒ [[""],["xx"],[""]]
regex.find_all_string_submatch_n ¦ "a" ¦ "aaa" ¦ 2.5 ⇒ TYPE: regex.find_all_string_submatch_n: operand 3 must be integer number but got floating-point number
regex.replace ¦ "-ab-axxb-" ¦ "a(x*)b" ¦ "T" ⇒ "-T-T-"
regex.replace ¦ "-ab-axxb-" ¦ "a(x*)b" ¦ "$1" ⇒ "--xx-"
regex.replace ¦ "-ab-axxb-" ¦ "a(x*)b" ¦ "$1W" ⇒ "---"
regex.replace ¦ "-ab-axxb-" ¦ "a(x*)b" ¦ "${1}W" ⇒ "-W-xxW-"
regex.replace ¦ "-ab-axxb-" ¦ "a(?P<x>x*)b" ¦ "[${x}]" ⇒ "-[]-[xx]-"
regex.replace ¦ "-ab-axxb-" ¦ "a(?P<x>x*)b" ¦ "[$x]" ⇒ "-[]-[xx]-"
regex.replace ¦ "abc" ¦ "b" ¦ "$0$0" ⇒ "abbc"
regex.replace ¦ "abc" ¦ "b" ¦ "$$" ⇒ "a$c"
regex.replace ¦ "abc" ¦ "b" ¦ "${" ⇒ "a${c"
regex.replace ¦ "abc" ¦ "b" ¦ "${1" ⇒ "a${1c"
regex.replace ¦ "abc" ¦ "b" ¦ "$" ⇒ "a$c"
regex.replace ¦ "abc" ¦ "b" ¦ "$01" ⇒ "ac"
regex.replace ¦ "abc" ¦ "(b)" ¦ "$1$2$10" ⇒ "abc"
regex.replace ¦ "abc" ¦ "x*" ¦ "-" ⇒ "-a-b-c-"
regex.replace ¦ "baaac" ¦ "a*" ¦ "-" ⇒ "-b-c-"
regex.replace ¦ "😀😀" ¦ "" ¦ "-" ⇒ "-😀-😀-"
regex.replace ¦ "foo bar" ¦ "(foo)" ¦ "$1$1" ⇒ "foofoo bar"
regex.replace ¦ "abc" ¦ "[" ¦ "x" ⇒ BUILTIN: regex.replace: error parsing regexp: missing closing ]: `[`
regex.replace ¦ "abc" ¦ "z" ¦ "x" ⇒ "abc"
regex.replace ¦ 1 ¦ "z" ¦ "x" ⇒ TYPE: regex.replace: operand 1 must be string but got number
regex.replace ¦ "a" ¦ "a" ¦ 1 ⇒ TYPE: regex.replace: operand 3 must be string but got number
regex.split ¦ "a*" ¦ "baaac" ⇒ ["b","c"]
regex.split ¦ "^[a-z]+\\\\[[0-9]+\\\\]$" ¦ "" ⇒ [""]
regex.split ¦ "" ¦ "" ⇒ []
regex.split ¦ "" ¦ "abc" ⇒ ["a","b","c"]
regex.split ¦ "z+" ¦ "pizza" ⇒ ["pi","a"]
regex.split ¦ "," ¦ "a,b,,c," ⇒ ["a","b","","c",""]
regex.split ¦ "," ¦ ",a" ⇒ ["","a"]
regex.split ¦ "x*" ¦ "axxb" ⇒ ["a","b"]
regex.split ¦ "(" ¦ "a" ⇒ BUILTIN: regex.split: error parsing regexp: missing closing ): `(`
regex.template_match ¦ "urn:foo:{.*}" ¦ "urn:foo:bar:baz" ¦ "{" ¦ "}" ⇒ true
regex.template_match ¦ "urn:foo:{.*" ¦ "urn:foo:bar:baz" ¦ "{" ¦ "}" ⇒ BUILTIN: regex.template_match: unbalanced braces in "urn:foo:{.*"
regex.template_match ¦ "urn:foo.bar:<[a-z]+>" ¦ "urn:foo.bar:baz" ¦ "<" ¦ ">" ⇒ true
regex.template_match ¦ "urn:foo.bar:<[a-z]+>" ¦ "urn:fooxbar:baz" ¦ "<" ¦ ">" ⇒ false
regex.template_match ¦ "urn:foo.bar:<[a-z]+>" ¦ "urn:foo.bar:baz1" ¦ "<" ¦ ">" ⇒ false
regex.template_match ¦ "a{x{1,2}}b" ¦ "axxb" ¦ "{" ¦ "}" ⇒ true
regex.template_match ¦ "a" ¦ "a" ¦ "ab" ¦ "}" ⇒ BUILTIN: regex.template_match: start delimiter has to be exactly one character long but is 2 long
regex.template_match ¦ "a" ¦ "a" ¦ "{" ¦ "ab" ⇒ BUILTIN: regex.template_match: end delimiter has to be exactly one character long but is 1 long
regex.template_match ¦ "a" ¦ "a" ¦ "" ¦ "}" ⇒ BUILTIN: regex.template_match: start delimiter has to be exactly one character long but is 0 long
regex.template_match ¦ "a{b" ¦ "a" ¦ "{" ¦ "}" ⇒ BUILTIN: regex.template_match: unbalanced braces in "a{b"
regex.template_match ¦ "a}b" ¦ "a" ¦ "{" ¦ "}" ⇒ BUILTIN: regex.template_match: unbalanced braces in "a}b"
regex.template_match ¦ "{[}" ¦ "a" ¦ "{" ¦ "}" ⇒ BUILTIN: regex.template_match: error parsing regexp: missing closing ]: `[$`
regex.template_match ¦ "a" ¦ "a" ¦ "é" ¦ "}" ⇒ BUILTIN: regex.template_match: start delimiter has to be exactly one character long but is 2 long
regex.template_match ¦ "x{a|b}y" ¦ "xby" ¦ "{" ¦ "}" ⇒ true
regex.globs_match ¦ "a.a.[0-9]+z" ¦ ".b.b2359825792*" ⇒ false
regex.globs_match ¦ "[a-z]+" ¦ "[0-9]*" ⇒ false
regex.globs_match ¦ "a.a.[0-9]+z" ¦ ".b.b2359825792z" ⇒ true
regex.globs_match ¦ "[a-c]+" ¦ "[b-d]+" ⇒ true
regex.globs_match ¦ "ab*c" ¦ "a.*" ⇒ true
regex.globs_match ¦ "a*" ¦ "b*" ⇒ false
regex.globs_match ¦ "a*" ¦ "" ⇒ false
regex.globs_match ¦ "" ¦ "" ⇒ true
regex.globs_match ¦ ".*" ¦ "anything" ⇒ true
regex.globs_match ¦ "a+b+" ¦ "aab" ⇒ true
regex.globs_match ¦ "a+" ¦ "b+" ⇒ false
regex.globs_match ¦ "x.+y" ¦ "x[abc]*y" ⇒ true
regex.globs_match ¦ "\\\\.x" ¦ "ax" ⇒ false
regex.globs_match ¦ "\\\\.x" ¦ ".x" ⇒ true
regex.globs_match ¦ "[a" ¦ "a" ⇒ BUILTIN: regex.globs_match: input:[a, pos:2, found [ without matching ]: the input provided is invalid
regex.globs_match ¦ "*a" ¦ "a" ⇒ BUILTIN: regex.globs_match: input:*a, pos:1, flag '*' must be preceded by a non-flag: the input provided is invalid
regex.globs_match ¦ "a\\\\" ¦ "a" ⇒ BUILTIN: regex.globs_match: input:a\\, pos:1, input ends with a \\ (escape) character: the input provided is invalid
regex.globs_match ¦ "]" ¦ "a" ⇒ BUILTIN: regex.globs_match: input:], pos:1, set-close ']' with no preceding '[': the input provided is invalid
regex.globs_match ¦ "[-a]" ¦ "a" ⇒ BUILTIN: regex.globs_match: input:[-a], pos:2, range character '-' must be preceded by a Unicode character: the input provided is invalid
regex.globs_match ¦ "[a-]" ¦ "a" ⇒ BUILTIN: regex.globs_match: input:[a-], pos:3, range character '-' must be followed by a Unicode character: the input provided is invalid
regex.globs_match ¦ "[a-]]" ¦ "a" ⇒ BUILTIN: regex.globs_match: input:[a-]], pos:4, range character '-' cannot be followed by a special symbol: the input provided is invalid
regex.globs_match ¦ "[z-a]" ¦ "a" ⇒ BUILTIN: regex.globs_match: input:[z-a], pos:4, range is out of order: 'a' comes before 'z' in Unicode: the input provided is invalid
regex.globs_match ¦ "[z-a]" ¦ "." ⇒ BUILTIN: regex.globs_match: input:[z-a], pos:4, range is out of order: 'a' comes before 'z' in Unicode: the input provided is invalid
regex.globs_match ¦ "a**" ¦ "a" ⇒ BUILTIN: regex.globs_match: input:a**, pos:3, flag '*' must be preceded by a non-flag: the input provided is invalid
regex.globs_match ¦ "a*a+" ¦ "a" ⇒ true
regex.globs_match ¦ "a*a+" ¦ "aa" ⇒ true
regex.globs_match ¦ 1 ¦ "a" ⇒ TYPE: regex.globs_match: operand 1 must be string but got number
glob.match ¦ "*.github.com" ¦ ["."] ¦ "api.github.com" ⇒ true
glob.match ¦ "api.**.com" ¦ ["."] ¦ "api.github.com" ⇒ true
glob.match ¦ "api.**.com" ¦ ["."] ¦ "api.cdn.github.com" ⇒ true
glob.match ¦ "*.b" ¦ null ¦ "a.b" ⇒ true
glob.match ¦ "*.b" ¦ [] ¦ "a.c.b" ⇒ false
glob.match ¦ "*.b" ¦ null ¦ "a.c.b" ⇒ true
glob.match ¦ "*:github:com" ¦ [":"] ¦ "api:github:com" ⇒ true
glob.match ¦ "api:**:com" ¦ [":"] ¦ "api:cdn:github:com" ⇒ true
glob.match ¦ "{a,b}" ¦ null ¦ "a" ⇒ true
glob.match ¦ "{a,b" ¦ null ¦ "a" ⇒ BUILTIN: glob.match: glob: syntax error at 4: unclosed `{`
glob.match ¦ "a}" ¦ null ¦ "a}" ⇒ true
glob.match ¦ "[a-z0-9]" ¦ null ¦ "a" ⇒ BUILTIN: glob.match: glob: syntax error at 5: expected close range character
glob.match ¦ "[]" ¦ null ¦ "a" ⇒ BUILTIN: glob.match: glob: syntax error at 2: could not parse range
glob.match ¦ "a\\\\" ¦ null ¦ "a" ⇒ BUILTIN: glob.match: glob: syntax error at 2: trailing backslash
glob.match ¦ "[!a]" ¦ ["."] ¦ "." ⇒ true
glob.match ¦ "[!a]" ¦ null ¦ "a" ⇒ false
glob.match ¦ "[!a-c]" ¦ null ¦ "d" ⇒ true
glob.match ¦ "[!a-c]" ¦ null ¦ "b" ⇒ false
glob.match ¦ "?" ¦ ["."] ¦ "." ⇒ false
glob.match ¦ "?" ¦ null ¦ "😀" ⇒ true
glob.match ¦ "??" ¦ null ¦ "😀" ⇒ false
glob.match ¦ "**" ¦ ["."] ¦ "a.b\\nc" ⇒ true
glob.match ¦ "*" ¦ null ¦ "a\\nc" ⇒ true
glob.match ¦ "*" ¦ ["."] ¦ "" ⇒ true
glob.match ¦ "[z-a]" ¦ null ¦ "a" ⇒ BUILTIN: glob.match: glob: syntax error at 5: range hi character is less than lo
glob.match ¦ "{a,{b,c}d}" ¦ null ¦ "cd" ⇒ true
glob.match ¦ "{a,{b,c}d}" ¦ null ¦ "c" ⇒ false
glob.match ¦ "a,b" ¦ null ¦ "a,b" ⇒ true
glob.match ¦ "[a" ¦ null ¦ "a" ⇒ BUILTIN: glob.match: glob: syntax error at 2: unexpected end of input
glob.match ¦ "[a-" ¦ null ¦ "a" ⇒ BUILTIN: glob.match: glob: syntax error at 3: unexpected end of input
glob.match ¦ "[a-b" ¦ null ¦ "a" ⇒ BUILTIN: glob.match: glob: syntax error at 4: unexpected end of input
glob.match ¦ "{}" ¦ null ¦ "" ⇒ true
glob.match ¦ "a{,b}" ¦ null ¦ "a" ⇒ true
glob.match ¦ "a{b,}" ¦ null ¦ "a" ⇒ true
glob.match ¦ "a{b,}c" ¦ null ¦ "abc" ⇒ true
glob.match ¦ "[abc-]" ¦ null ¦ "-" ⇒ true
glob.match ¦ "[!]" ¦ null ¦ "a" ⇒ BUILTIN: glob.match: glob: syntax error at 3: could not parse range
glob.match ¦ "[!!]" ¦ null ¦ "a" ⇒ true
glob.match ¦ "*a" ¦ [":"] ¦ "b:a" ⇒ false
glob.match ¦ "\\\\*" ¦ null ¦ "*" ⇒ true
glob.match ¦ "\\\\*" ¦ null ¦ "a" ⇒ false
glob.match ¦ "a.b" ¦ null ¦ "axb" ⇒ false
glob.match ¦ "a(b|c)" ¦ null ¦ "a(b|c)" ⇒ true
glob.match ¦ "{*.com,*.org}" ¦ ["."] ¦ "x.org" ⇒ true
glob.match ¦ "{*.com,*.org}" ¦ ["."] ¦ "x.y.org" ⇒ false
glob.match ¦ "*/*" ¦ ["/"] ¦ "a/b" ⇒ true
glob.match ¦ "*/*" ¦ ["/", "."] ¦ "a.x/b" ⇒ false
glob.match ¦ "é*" ¦ null ¦ "éa" ⇒ true
glob.match ¦ "{é,[" ¦ null ¦ "é" ⇒ BUILTIN: glob.match: glob: syntax error at 5: unexpected end of input
glob.match ¦ "ab{c" ¦ null ¦ "abc" ⇒ BUILTIN: glob.match: glob: syntax error at 4: unclosed `{`
glob.match ¦ "a}{" ¦ null ¦ "a}" ⇒ BUILTIN: glob.match: glob: syntax error at 3: unclosed `{`
glob.match ¦ "*" ¦ ["ab"] ¦ "xay" ⇒ TYPE: glob.match: operand 2 must be array of runes but got array containing string
glob.match ¦ "*" ¦ [1] ¦ "xay" ⇒ TYPE: glob.match: operand 2 must be array of strings but got array containing number
glob.match ¦ "*" ¦ "x" ¦ "xay" ⇒ TYPE: glob.match: operand 2 must be one of {array, null} but got string
glob.match ¦ 1 ¦ null ¦ "xay" ⇒ TYPE: glob.match: operand 1 must be string but got number
glob.match ¦ "*" ¦ null ¦ 1 ⇒ TYPE: glob.match: operand 3 must be string but got number
glob.match ¦ "[\\\\]]" ¦ null ¦ "]" ⇒ true
glob.match ¦ "[a\\\\-z]" ¦ null ¦ "-" ⇒ true
glob.match ¦ "[\\\\!a]" ¦ null ¦ "!" ⇒ true
glob.match ¦ "{a\\\\,b}" ¦ null ¦ "a,b" ⇒ true
glob.match ¦ "**.com" ¦ ["."] ¦ ".com" ⇒ true
glob.match ¦ "*.com" ¦ ["."] ¦ ".com" ⇒ true
glob.quote_meta ¦ "*?\\\\[]{},!-." ⇒ "\\\\*\\\\?\\\\\\\\\\\\[\\\\]\\\\{\\\\},!-."
glob.quote_meta ¦ "{abc,def}" ⇒ "\\\\{abc,def\\\\}"
glob.quote_meta ¦ 1 ⇒ TYPE: glob.quote_meta: operand 1 must be string but got number
""";
}

package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * base64, base64url, hex, urlquery, json and yaml builtins: outcomes recorded from OPA 1.4.2
 * ({@code opaeval -strict-builtin-errors}, arguments passed through input), plus the older
 * builtins/encoding.cases file.
 */
class EncodingBuiltinsTest {
    @TestFactory
    List<DynamicTest> observedOpaOutcomes() {
        return OpaBuiltinsTable.cases(TABLE);
    }

    @TestFactory
    List<DynamicTest> opaCases() {
        return OpaCases.load("encoding");
    }

    // The answers below were observed with opaeval too; the inputs are too large for the table.

    @Test
    void jsonNestingUpToGoLimit() {
        TestContext ctx = new TestContext();
        String deep = "[".repeat(10000) + "]".repeat(10000);
        Value v = ctx.call("json.unmarshal", TestContext.s(deep));
        assertEquals(deep, ((StringValue) ctx.call("json.marshal", v)).value());
        String deeper = "[".repeat(10001) + "]".repeat(10001);
        assertEquals("BUILTIN: json.unmarshal: invalid character '[' exceeded max depth",
                ctx.error("json.unmarshal", TestContext.s(deeper).toRego()));
        assertEquals("false", ctx.json("json.is_valid", TestContext.s(deeper).toRego()));
    }

    @Test
    void yamlNestingUpToGoLimit() {
        TestContext ctx = new TestContext();
        String deep = "[".repeat(10000) + "]".repeat(10000);
        Value v = ctx.call("yaml.unmarshal", TestContext.s(deep));
        assertEquals(20001, ((StringValue) ctx.call("yaml.marshal", v)).value().length());
        String deeper = "[".repeat(10001) + "]".repeat(10001);
        assertEquals("BUILTIN: yaml.unmarshal: yaml: exceeded max depth of 10000",
                ctx.error("yaml.unmarshal", TestContext.s(deeper).toRego()));
    }

    @Test
    void yamlAliasExpansionIsBounded() {
        StringBuilder doc = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            doc.append(c).append(": &").append(c).append(" [").append(String.join(",", Collections.nCopies(9, "*" + p)))
                    .append("]\n");
        }
        TestContext ctx = new TestContext();
        long t0 = System.nanoTime();
        assertEquals("BUILTIN: yaml.unmarshal: yaml: document contains excessive aliasing",
                ctx.error("yaml.unmarshal", TestContext.s(doc.toString()).toRego()));
        assertEquals("false", ctx.json("yaml.is_valid", TestContext.s(doc.toString()).toRego()));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }

    @Test
    void jsonUnmarshalKeepsNumberSpelling() {
        TestContext ctx = new TestContext();
        Value v = ctx.call("json.unmarshal", TestContext.s("[1.0, 1e3, -0, 0.10]"));
        assertEquals("[1.0,1e3,-0,0.10]", ((StringValue) ctx.call("json.marshal", v)).value());
    }

    @Test
    void yamlFloatsGetGoJsonSpelling() {
        TestContext ctx = new TestContext();
        Value v = ctx.call("yaml.unmarshal", TestContext.s("[0.1, 0.000001, 0.0000001, 1e20, 1e21, 123456789.123, 1.5e300, "
                + "1e-400, -0.0, 1.0, 123456789012345678901234, -9223372036854775809, 1e-5, 5e-324, 1.7976931348623157e308, "
                + "0.30000000000000004, 100.0, 1E+2]"));
        assertEquals("[0.1,0.000001,1e-7,100000000000000000000,1e+21,123456789.123,1.5e+300,0,-0,1,1.2345678901234569e+23,"
                + "-9223372036854776000,0.00001,5e-324,1.7976931348623157e+308,0.30000000000000004,100,100]",
                ((StringValue) ctx.call("json.marshal", v)).value());
    }

    static final String TABLE = """
# base64
base64.encode ¦ "" ⇒ ""
base64.encode ¦ "hello" ⇒ "aGVsbG8="
base64.encode ¦ "héllo😀" ⇒ "aMOpbGxv8J+YgA=="
base64.encode ¦ "subjects?_d" ⇒ "c3ViamVjdHM/X2Q="
base64.encode ¦ "\\u0000\\u00ff" ⇒ "AMO/"
base64.encode ¦ 1 ⇒ TYPE: base64.encode: operand 1 must be string but got number
base64.decode ¦ "aGVsbG8=" ⇒ "hello"
base64.decode ¦ "c3ViamVjdHM/X2Q=" ⇒ "subjects?_d"
base64.decode ¦ "" ⇒ ""
base64.decode ¦ "aGVsbG8" ⇒ BUILTIN: base64.decode: illegal base64 data at input byte 4
base64.decode ¦ "aGVsbA==" ⇒ "hell"
base64.decode ¦ "aGVsbA=" ⇒ BUILTIN: base64.decode: illegal base64 data at input byte 7
base64.decode ¦ "aGVsbA" ⇒ BUILTIN: base64.decode: illegal base64 data at input byte 4
base64.decode ¦ "YQ" ⇒ BUILTIN: base64.decode: illegal base64 data at input byte 0
base64.decode ¦ "Y" ⇒ BUILTIN: base64.decode: illegal base64 data at input byte 0
base64.decode ¦ "YR==" ⇒ "a"
base64.decode ¦ "YQ==YQ==" ⇒ BUILTIN: base64.decode: illegal base64 data at input byte 4
base64.decode ¦ "YQ==\\n" ⇒ "a"
base64.decode ¦ "YQ=\\n=" ⇒ "a"
base64.decode ¦ "YQ=x" ⇒ BUILTIN: base64.decode: illegal base64 data at input byte 2
base64.decode ¦ "=" ⇒ BUILTIN: base64.decode: illegal base64 data at input byte 0
base64.decode ¦ "====" ⇒ BUILTIN: base64.decode: illegal base64 data at input byte 0
base64.decode ¦ "Y===" ⇒ BUILTIN: base64.decode: illegal base64 data at input byte 1
base64.decode ¦ "aGVs\\nbG8=" ⇒ "hello"
base64.decode ¦ "aGVs\\r\\nbG8=" ⇒ "hello"
base64.decode ¦ "aGVs bG8=" ⇒ BUILTIN: base64.decode: illegal base64 data at input byte 4
base64.decode ¦ "aGVsé" ⇒ BUILTIN: base64.decode: illegal base64 data at input byte 4
base64.decode ¦ "-_8=" ⇒ BUILTIN: base64.decode: illegal base64 data at input byte 0
base64.decode ¦ "/w==" ⇒ "�"
base64.decode ¦ "gICA" ⇒ "���"
base64.decode ¦ "4oKs" ⇒ "€"
base64.decode ¦ "4oI=" ⇒ "��"
base64.decode ¦ "7aCA" ⇒ "���"
base64.decode ¦ "8J+YgA==" ⇒ "😀"
base64.decode ¦ "AA==" ⇒ "\\u0000"
base64.decode ¦ 1 ⇒ TYPE: base64.decode: operand 1 must be string but got number
base64.decode ¦ null ⇒ TYPE: base64.decode: operand 1 must be string but got null
base64.is_valid ¦ "aGVsbG8=" ⇒ true
base64.is_valid ¦ "aGVsbG8" ⇒ false
base64.is_valid ¦ "{'not':'base64'}" ⇒ false
base64.is_valid ¦ "" ⇒ true
base64.is_valid ¦ "/w==" ⇒ true
base64.is_valid ¦ 1 ⇒ false
base64.is_valid ¦ null ⇒ false
base64.is_valid ¦ ["aGVsbG8="] ⇒ false
# base64url
base64url.encode ¦ "hello" ⇒ "aGVsbG8="
base64url.encode ¦ "hello?>" ⇒ "aGVsbG8_Pg=="
base64url.encode ¦ "\\u00ff\\u00fe" ⇒ "w7_Dvg=="
base64url.encode ¦ "" ⇒ ""
base64url.encode ¦ 1 ⇒ TYPE: base64url.encode: operand 1 must be string but got number
base64url.encode_no_pad ¦ "hello" ⇒ "aGVsbG8"
base64url.encode_no_pad ¦ "a" ⇒ "YQ"
base64url.encode_no_pad ¦ "" ⇒ ""
base64url.encode_no_pad ¦ 1 ⇒ TYPE: base64url.encode_no_pad: operand 1 must be string but got number
base64url.decode ¦ "aGVsbG8_Pg==" ⇒ "hello?\\u003e"
base64url.decode ¦ "aGVsbG8_Pg" ⇒ "hello?\\u003e"
base64url.decode ¦ "aGVsbG8" ⇒ "hello"
base64url.decode ¦ "YQ" ⇒ "a"
base64url.decode ¦ "Y" ⇒ BUILTIN: base64url.decode: illegal base64url string: Y
base64url.decode ¦ "YQ=" ⇒ BUILTIN: base64url.decode: illegal base64 data at input byte 3
base64url.decode ¦ "YQ\\n" ⇒ BUILTIN: base64url.decode: illegal base64 data at input byte 4
base64url.decode ¦ "+/8=" ⇒ BUILTIN: base64url.decode: illegal base64 data at input byte 0
base64url.decode ¦ "-_8" ⇒ "��"
base64url.decode ¦ "" ⇒ ""
base64url.decode ¦ "aGVs bG8" ⇒ BUILTIN: base64url.decode: illegal base64 data at input byte 4
base64url.decode ¦ 1 ⇒ TYPE: base64url.decode: operand 1 must be string but got number
# hex
hex.encode ¦ "lorem ipsum" ⇒ "6c6f72656d20697073756d"
hex.encode ¦ "" ⇒ ""
hex.encode ¦ "é😀" ⇒ "c3a9f09f9880"
hex.encode ¦ "\\u0000\\n" ⇒ "000a"
hex.encode ¦ 1 ⇒ TYPE: hex.encode: operand 1 must be string but got number
hex.decode ¦ "6c6f72656d20697073756d" ⇒ "lorem ipsum"
hex.decode ¦ "6C6F" ⇒ "lo"
hex.decode ¦ "" ⇒ ""
hex.decode ¦ "fghijkl" ⇒ BUILTIN: hex.decode: encoding/hex: invalid byte: U+0067 'g'
hex.decode ¦ "zz" ⇒ BUILTIN: hex.decode: encoding/hex: invalid byte: U+007A 'z'
hex.decode ¦ "az" ⇒ BUILTIN: hex.decode: encoding/hex: invalid byte: U+007A 'z'
hex.decode ¦ "abc" ⇒ BUILTIN: hex.decode: encoding/hex: odd length hex string
hex.decode ¦ "abz" ⇒ BUILTIN: hex.decode: encoding/hex: invalid byte: U+007A 'z'
hex.decode ¦ "a" ⇒ BUILTIN: hex.decode: encoding/hex: odd length hex string
hex.decode ¦ "g" ⇒ BUILTIN: hex.decode: encoding/hex: invalid byte: U+0067 'g'
hex.decode ¦ "é0" ⇒ BUILTIN: hex.decode: encoding/hex: invalid byte: U+00C3 'Ã'
hex.decode ¦ "0é" ⇒ BUILTIN: hex.decode: encoding/hex: invalid byte: U+00C3 'Ã'
hex.decode ¦ "\\u0000\\u0000" ⇒ BUILTIN: hex.decode: encoding/hex: invalid byte: U+0000
hex.decode ¦ "a\\u0080" ⇒ BUILTIN: hex.decode: encoding/hex: invalid byte: U+00C2 'Â'
hex.decode ¦ "ff" ⇒ "�"
hex.decode ¦ "c3a9" ⇒ "é"
hex.decode ¦ "e282" ⇒ "��"
hex.decode ¦ 1 ⇒ TYPE: hex.decode: operand 1 must be string but got number
# urlquery
urlquery.encode ¦ "a=b+1" ⇒ "a%3Db%2B1"
urlquery.encode ¦ "" ⇒ ""
urlquery.encode ¦ "a b&c=d/é~-_.!*'()" ⇒ "a+b%26c%3Dd%2F%C3%A9~-_.%21%2A%27%28%29"
urlquery.encode ¦ "😀\\u0000\\n" ⇒ "%F0%9F%98%80%00%0A"
urlquery.encode ¦ 1 ⇒ TYPE: urlquery.encode: operand 1 must be string but got number
urlquery.decode ¦ "a%3Db%2B1" ⇒ "a=b+1"
urlquery.decode ¦ "a+b%20c" ⇒ "a b c"
urlquery.decode ¦ "%zz" ⇒ BUILTIN: urlquery.decode: invalid URL escape "%zz"
urlquery.decode ¦ "%4" ⇒ BUILTIN: urlquery.decode: invalid URL escape "%4"
urlquery.decode ¦ "%" ⇒ BUILTIN: urlquery.decode: invalid URL escape "%"
urlquery.decode ¦ "abc%4" ⇒ BUILTIN: urlquery.decode: invalid URL escape "%4"
urlquery.decode ¦ "%e9%a" ⇒ BUILTIN: urlquery.decode: invalid URL escape "%a"
urlquery.decode ¦ "%C3%A9" ⇒ "é"
urlquery.decode ¦ "%ff" ⇒ "�"
urlquery.decode ¦ "%c3" ⇒ "�"
urlquery.decode ¦ "%éa" ⇒ BUILTIN: urlquery.decode: invalid URL escape "%é"
urlquery.decode ¦ "é+é" ⇒ "é é"
urlquery.decode ¦ 1 ⇒ TYPE: urlquery.decode: operand 1 must be string but got number
urlquery.encode_object ¦ {} ⇒ ""
urlquery.encode_object ¦ {"a": "c=b+1"} ⇒ "a=c%3Db%2B1"
urlquery.encode_object ¦ {"a": {"b+1"}} ⇒ "a=b%2B1"
urlquery.encode_object ¦ {"b": ["x y", "z"], "a": "1&2", "c": {"s", "t"}} ⇒ "a=1%262\\u0026b=x+y\\u0026b=z\\u0026c=s\\u0026c=t"
urlquery.encode_object ¦ {"a": []} ⇒ ""
urlquery.encode_object ¦ {"a": set(), "b": "x"} ⇒ "b=x"
urlquery.encode_object ¦ {"é": "1", "z": "2", "A": "3", "a b": "4"} ⇒ "A=3\\u0026a+b=4\\u0026z=2\\u0026%C3%A9=1"
urlquery.encode_object ¦ {"a": 1} ⇒ TYPE: urlquery.encode_object: operand 1 values must be string, array[string], or set[string]
urlquery.encode_object ¦ {"a": [1]} ⇒ TYPE: urlquery.encode_object: operand 1 values must be string, array[string], or set[string]
urlquery.encode_object ¦ {"a": {1}} ⇒ TYPE: urlquery.encode_object: operand 1 values must be string, array[string], or set[string]
urlquery.encode_object ¦ {"a": null} ⇒ TYPE: urlquery.encode_object: operand 1 values must be string, array[string], or set[string]
urlquery.encode_object ¦ {"a": {"b": "c"}} ⇒ TYPE: urlquery.encode_object: operand 1 values must be string, array[string], or set[string]
urlquery.encode_object ¦ {1: "a"} ⇒ "1=a"
urlquery.encode_object ¦ 1 ⇒ TYPE: urlquery.encode_object: operand 1 must be object but got number
urlquery.encode_object ¦ ["a"] ⇒ TYPE: urlquery.encode_object: operand 1 must be object but got array
urlquery.decode_object ¦ "a=value_a1&b=value_b&a=value_a2" ⇒ {"a":["value_a1","value_a2"],"b":["value_b"]}
urlquery.decode_object ¦ "a=value_a1&b" ⇒ {"a":["value_a1"],"b":[""]}
urlquery.decode_object ¦ "" ⇒ {}
urlquery.decode_object ¦ "a=1&b=2&a=3;c" ⇒ BUILTIN: urlquery.decode_object: invalid semicolon separator in query
urlquery.decode_object ¦ "a&b=&=c" ⇒ {"":["c"],"a":[""],"b":[""]}
urlquery.decode_object ¦ "x=%zz" ⇒ BUILTIN: urlquery.decode_object: invalid URL escape "%zz"
urlquery.decode_object ¦ "x=%zz&a;b" ⇒ BUILTIN: urlquery.decode_object: invalid semicolon separator in query
urlquery.decode_object ¦ "a;b&x=%zz" ⇒ BUILTIN: urlquery.decode_object: invalid semicolon separator in query
urlquery.decode_object ¦ "x=%zz&y=%qq" ⇒ BUILTIN: urlquery.decode_object: invalid URL escape "%zz"
urlquery.decode_object ¦ "q=a+b%20c&&&r=1=2" ⇒ {"q":["a b c"],"r":["1=2"]}
urlquery.decode_object ¦ "%41=%42" ⇒ {"A":["B"]}
urlquery.decode_object ¦ 1 ⇒ TYPE: urlquery.decode_object: operand 1 must be string but got number
# json.marshal
json.marshal ¦ {"a": [1, 2.50, "x<y>&"], "b": null, "c": true} ⇒ "{\\"a\\":[1,2.50,\\"x\\\\u003cy\\\\u003e\\\\u0026\\"],\\"b\\":null,\\"c\\":true}"
json.marshal ¦ "\\b\\f\\u0001\\u001f\\n\\r\\t\\"\\\\<>&\\u2028\\u2029\\u007f\\u0080é😀" ⇒ "\\"\\\\b\\\\f\\\\u0001\\\\u001f\\\\n\\\\r\\\\t\\\\\\"\\\\\\\\\\\\u003c\\\\u003e\\\\u0026\\\\u2028\\\\u2029\\u007f\\u0080é😀\\""
json.marshal ¦ [1.0, 1e3, 1E+3, -0, 0.1, 100000000000000000000000, 1e400] ⇒ "[1.0,1e3,1E+3,-0,0.1,100000000000000000000000,1e400]"
json.marshal ¦ {1: "a", "b": {2, 1}, [1]: 2, null: 3, true: 4} ⇒ "{\\"1\\":\\"a\\",\\"[1]\\":2,\\"b\\":[1,2],\\"null\\":3,\\"true\\":4}"
json.marshal ¦ {"b": 1, "a": 2, "é": 3, "B": 4, "": 5} ⇒ "{\\"\\":5,\\"B\\":4,\\"a\\":2,\\"b\\":1,\\"é\\":3}"
json.marshal ¦ {{"b": 1}, {"a": 2}, [1], "x", 1, null} ⇒ "[null,1,\\"x\\",[1],{\\"a\\":2},{\\"b\\":1}]"
json.marshal ¦ set() ⇒ "[]"
json.marshal ¦ {} ⇒ "{}"
json.marshal ¦ [] ⇒ "[]"
json.marshal ¦ null ⇒ "null"
json.marshal ¦ "s" ⇒ "\\"s\\""
json.marshal ¦ {"1": "x", 1: "y"} ⇒ "{\\"1\\":\\"x\\"}"
# json.marshal_with_options
json.marshal_with_options ¦ {"a": [1, {}], "b": []} ¦ {"pretty": true} ⇒ "{\\n\\t\\"a\\": [\\n\\t\\t1,\\n\\t\\t{}\\n\\t],\\n\\t\\"b\\": []\\n}"
json.marshal_with_options ¦ {"a": [1, {}], "b": []} ¦ {"prefix": "P", "indent": " "} ⇒ "P{\\nP \\"a\\": [\\nP  1,\\nP  {}\\nP ],\\nP \\"b\\": []\\nP}"
json.marshal_with_options ¦ {"a": [1, {}], "b": []} ¦ {"indent": "  ", "prefix": ">"} ⇒ "\\u003e{\\n\\u003e  \\"a\\": [\\n\\u003e    1,\\n\\u003e    {}\\n\\u003e  ],\\n\\u003e  \\"b\\": []\\n\\u003e}"
json.marshal_with_options ¦ {"a": {"b": [1, {"c": "<"}]}} ¦ {"indent": ""} ⇒ "{\\n\\"a\\": {\\n\\"b\\": [\\n1,\\n{\\n\\"c\\": \\"\\\\u003c\\"\\n}\\n]\\n}\\n}"
json.marshal_with_options ¦ {"a": 1} ¦ {"prefix": ""} ⇒ "{\\n\\t\\"a\\": 1\\n}"
json.marshal_with_options ¦ {"a": 1} ¦ {"pretty": false, "indent": " "} ⇒ "{\\"a\\":1}"
json.marshal_with_options ¦ {"a": 1} ¦ {"pretty": true, "prefix": "#"} ⇒ "#{\\n#\\t\\"a\\": 1\\n#}"
json.marshal_with_options ¦ {"a": {"b": [1, 2]}} ¦ {} ⇒ "{\\"a\\":{\\"b\\":[1,2]}}"
json.marshal_with_options ¦ [] ¦ {"pretty": true} ⇒ "[]"
json.marshal_with_options ¦ {} ¦ {"pretty": true} ⇒ "{}"
json.marshal_with_options ¦ "x" ¦ {"pretty": true, "prefix": "--"} ⇒ "--\\"x\\""
json.marshal_with_options ¦ {"s": {3, 1}, 2: [[]]} ¦ {"pretty": true} ⇒ "{\\n\\t\\"2\\": [\\n\\t\\t[]\\n\\t],\\n\\t\\"s\\": [\\n\\t\\t1,\\n\\t\\t3\\n\\t]\\n}"
json.marshal_with_options ¦ {"a": 1} ¦ {"foo": 1} ⇒ TYPE: json.marshal_with_options: operand 2 object contained unknown key "foo"
json.marshal_with_options ¦ {"a": 1} ¦ {"pretty": true, "foo": 1} ⇒ TYPE: json.marshal_with_options: operand 2 object contained unknown key "foo"
json.marshal_with_options ¦ {"a": 1} ¦ {"pretty": 1} ⇒ TYPE: json.marshal_with_options: operand 2 key "pretty" failed cast to bool
json.marshal_with_options ¦ {"a": 1} ¦ {"pretty": "true"} ⇒ TYPE: json.marshal_with_options: operand 2 key "pretty" failed cast to bool
json.marshal_with_options ¦ {"a": 1} ¦ {"indent": 1} ⇒ TYPE: json.marshal_with_options: operand 2 key "indent" failed cast to string: operand 0 must be string but got number
json.marshal_with_options ¦ {"a": 1} ¦ {"prefix": null, "indent": 1} ⇒ TYPE: json.marshal_with_options: operand 2 key "indent" failed cast to string: operand 0 must be string but got number
json.marshal_with_options ¦ {"a": 1} ¦ {"indent": " ", "prefix": 1} ⇒ TYPE: json.marshal_with_options: operand 2 key "prefix" failed cast to string: operand 1 must be string but got number
json.marshal_with_options ¦ {"a": 1} ¦ {1: 1} ⇒ TYPE: json.marshal_with_options: operand 2 failed to stringify key 1 at index 0: operand 0 must be string but got number
json.marshal_with_options ¦ {"a": 1} ¦ {"pretty": true, 1: 1} ⇒ TYPE: json.marshal_with_options: operand 2 failed to stringify key 1 at index 0: operand 0 must be string but got number
json.marshal_with_options ¦ {"a": 1} ¦ 1 ⇒ TYPE: json.marshal_with_options: operand 2 must be object but got number
json.marshal_with_options ¦ {"a": 1} ¦ set() ⇒ TYPE: json.marshal_with_options: operand 2 must be object but got set
# json.unmarshal
json.unmarshal ¦ "[{\\"foo\\":[1,2,3]}]" ⇒ [{"foo":[1,2,3]}]
json.unmarshal ¦ "{\\"a\\": [1, 2.50, \\"x\\"], \\"b\\": null}" ⇒ {"a":[1,2.50,"x"],"b":null}
json.unmarshal ¦ "[1.0, 1e3, 1E+3, -0, 0.1, 100000000000000000000000, 1e400, 0e0]" ⇒ [1.0,1e3,1E+3,-0,0.1,100000000000000000000000,1e400,0e0]
json.unmarshal ¦ " \\t\\n\\r\\"s\\" \\n" ⇒ "s"
json.unmarshal ¦ "{\\"a\\": 1, \\"a\\": 2}" ⇒ {"a":2}
json.unmarshal ¦ "\\"\\\\u00e9\\\\ud83d\\\\ude00\\\\ud800\\\\u0041\\\\udc00x\\\\/\\\\b\\\\f\\"" ⇒ "é😀�A�x/\\u0008\\u000c"
json.unmarshal ¦ "\\"\\\\ud800\\\\ud800\\"" ⇒ "��"
json.unmarshal ¦ "1 2" ⇒ BUILTIN: json.unmarshal: error: invalid character '2' after top-level value
json.unmarshal ¦ "1 null" ⇒ 1
json.unmarshal ¦ "1 null null" ⇒ 1
json.unmarshal ¦ "1 null x" ⇒ 1
json.unmarshal ¦ "1 true" ⇒ BUILTIN: json.unmarshal: error: invalid character '%!s(bool=true)' after top-level value
json.unmarshal ¦ "1 false" ⇒ BUILTIN: json.unmarshal: error: invalid character '%!s(bool=false)' after top-level value
json.unmarshal ¦ "1 x" ⇒ BUILTIN: json.unmarshal: invalid character 'x' looking for beginning of value
json.unmarshal ¦ "1 [" ⇒ BUILTIN: json.unmarshal: error: invalid character '[' after top-level value
json.unmarshal ¦ "1 {" ⇒ BUILTIN: json.unmarshal: error: invalid character '{' after top-level value
json.unmarshal ¦ "1 ]" ⇒ BUILTIN: json.unmarshal: invalid character ']' looking for beginning of value
json.unmarshal ¦ "1 }" ⇒ BUILTIN: json.unmarshal: invalid character '}' looking for beginning of value
json.unmarshal ¦ "1 ," ⇒ BUILTIN: json.unmarshal: invalid character ',' looking for beginning of value
json.unmarshal ¦ "1 :" ⇒ BUILTIN: json.unmarshal: invalid character ':' looking for beginning of value
json.unmarshal ¦ "1 \\"abc\\"" ⇒ BUILTIN: json.unmarshal: error: invalid character 'abc' after top-level value
json.unmarshal ¦ "1 \\"abc" ⇒ BUILTIN: json.unmarshal: unexpected EOF
json.unmarshal ¦ "1 nul" ⇒ BUILTIN: json.unmarshal: unexpected EOF
json.unmarshal ¦ "1 -" ⇒ BUILTIN: json.unmarshal: unexpected EOF
json.unmarshal ¦ "1 1.5e3" ⇒ BUILTIN: json.unmarshal: error: invalid character '1.5e3' after top-level value
json.unmarshal ¦ "[1]x" ⇒ BUILTIN: json.unmarshal: invalid character 'x' looking for beginning of value
json.unmarshal ¦ "{}{}" ⇒ BUILTIN: json.unmarshal: error: invalid character '{' after top-level value
json.unmarshal ¦ "123x" ⇒ BUILTIN: json.unmarshal: invalid character 'x' looking for beginning of value
json.unmarshal ¦ "truex" ⇒ BUILTIN: json.unmarshal: invalid character 'x' looking for beginning of value
json.unmarshal ¦ "" ⇒ BUILTIN: json.unmarshal: EOF
json.unmarshal ¦ "   " ⇒ BUILTIN: json.unmarshal: EOF
json.unmarshal ¦ "[1," ⇒ BUILTIN: json.unmarshal: unexpected EOF
json.unmarshal ¦ "[1" ⇒ BUILTIN: json.unmarshal: unexpected EOF
json.unmarshal ¦ "{\\"a\\"" ⇒ BUILTIN: json.unmarshal: unexpected EOF
json.unmarshal ¦ "\\"abc" ⇒ BUILTIN: json.unmarshal: unexpected EOF
json.unmarshal ¦ "-" ⇒ BUILTIN: json.unmarshal: unexpected EOF
json.unmarshal ¦ "tru" ⇒ BUILTIN: json.unmarshal: unexpected EOF
json.unmarshal ¦ "{\\"a\\" 1}" ⇒ BUILTIN: json.unmarshal: invalid character '1' after object key
json.unmarshal ¦ "{\\"a\\": 1 \\"b\\": 2}" ⇒ BUILTIN: json.unmarshal: invalid character '"' after object key:value pair
json.unmarshal ¦ "{\\"a\\": 1,}" ⇒ BUILTIN: json.unmarshal: invalid character '}' looking for beginning of object key string
json.unmarshal ¦ "{,}" ⇒ BUILTIN: json.unmarshal: invalid character ',' looking for beginning of object key string
json.unmarshal ¦ "{a: 1}" ⇒ BUILTIN: json.unmarshal: invalid character 'a' looking for beginning of object key string
json.unmarshal ¦ "[1,]" ⇒ BUILTIN: json.unmarshal: invalid character ']' looking for beginning of value
json.unmarshal ¦ "[1 2]" ⇒ BUILTIN: json.unmarshal: invalid character '2' after array element
json.unmarshal ¦ "[,1]" ⇒ BUILTIN: json.unmarshal: invalid character ',' looking for beginning of value
json.unmarshal ¦ "01" ⇒ BUILTIN: json.unmarshal: error: invalid character '1' after top-level value
json.unmarshal ¦ "-01" ⇒ BUILTIN: json.unmarshal: error: invalid character '1' after top-level value
json.unmarshal ¦ "1." ⇒ BUILTIN: json.unmarshal: unexpected EOF
json.unmarshal ¦ "1.e5" ⇒ BUILTIN: json.unmarshal: invalid character 'e' after decimal point in numeric literal
json.unmarshal ¦ ".5" ⇒ BUILTIN: json.unmarshal: invalid character '.' looking for beginning of value
json.unmarshal ¦ "1e" ⇒ BUILTIN: json.unmarshal: unexpected EOF
json.unmarshal ¦ "1e+" ⇒ BUILTIN: json.unmarshal: unexpected EOF
json.unmarshal ¦ "+1" ⇒ BUILTIN: json.unmarshal: invalid character '+' looking for beginning of value
json.unmarshal ¦ "-a" ⇒ BUILTIN: json.unmarshal: invalid character 'a' in numeric literal
json.unmarshal ¦ "NaN" ⇒ BUILTIN: json.unmarshal: invalid character 'N' looking for beginning of value
json.unmarshal ¦ "trux" ⇒ BUILTIN: json.unmarshal: invalid character 'x' in literal true (expecting 'e')
json.unmarshal ¦ "nulL" ⇒ BUILTIN: json.unmarshal: invalid character 'L' in literal null (expecting 'l')
json.unmarshal ¦ "fals" ⇒ BUILTIN: json.unmarshal: unexpected EOF
json.unmarshal ¦ "\\"a\\u0001b\\"" ⇒ BUILTIN: json.unmarshal: invalid character '\\x01' in string literal
json.unmarshal ¦ "\\"a\\\\x\\"" ⇒ BUILTIN: json.unmarshal: invalid character 'x' in string escape code
json.unmarshal ¦ "\\"\\\\u12g4\\"" ⇒ BUILTIN: json.unmarshal: invalid character 'g' in \\u hexadecimal character escape
json.unmarshal ¦ "'a'" ⇒ BUILTIN: json.unmarshal: invalid character '\\'' looking for beginning of value
json.unmarshal ¦ "é" ⇒ BUILTIN: json.unmarshal: invalid character 'Ã' looking for beginning of value
json.unmarshal ¦ "😀" ⇒ BUILTIN: json.unmarshal: invalid character 'ð' looking for beginning of value
json.unmarshal ¦ "\\u0000" ⇒ BUILTIN: json.unmarshal: invalid character '\\x00' looking for beginning of value
json.unmarshal ¦ "\\u007f" ⇒ BUILTIN: json.unmarshal: invalid character '\\x7f' looking for beginning of value
json.unmarshal ¦ "[\\"é😀\\"]" ⇒ ["é😀"]
json.unmarshal ¦ "\\ufeff{}" ⇒ BUILTIN: json.unmarshal: invalid character 'ï' looking for beginning of value
json.unmarshal ¦ "{\\"a\\":[{\\"b\\":{}}]} " ⇒ {"a":[{"b":{}}]}
json.unmarshal ¦ "// c\\n1" ⇒ BUILTIN: json.unmarshal: invalid character '/' looking for beginning of value
json.unmarshal ¦ 1 ⇒ TYPE: json.unmarshal: operand 1 must be string but got number
# json.is_valid
json.is_valid ¦ "plainstring" ⇒ false
json.is_valid ¦ "{" ⇒ false
json.is_valid ¦ "{\\"json\\": \\"ok\\"}" ⇒ true
json.is_valid ¦ "" ⇒ false
json.is_valid ¦ " 1 " ⇒ true
json.is_valid ¦ "1 2" ⇒ false
json.is_valid ¦ "1 null" ⇒ false
json.is_valid ¦ "01" ⇒ false
json.is_valid ¦ "[1,]" ⇒ false
json.is_valid ¦ "\\"\\\\ud800\\"" ⇒ true
json.is_valid ¦ "\\"a\\u0001\\"" ⇒ false
json.is_valid ¦ "\\ufeff1" ⇒ false
json.is_valid ¦ "1e400" ⇒ true
json.is_valid ¦ 1 ⇒ false
json.is_valid ¦ null ⇒ false
# yaml.marshal
yaml.marshal ¦ {"a": [1, 2], "b": {"c": null, "d": true}, "e": [], "f": {}, "g": [[1, 2], {"x": 1}]} ⇒ "a:\\n- 1\\n- 2\\nb:\\n  c: null\\n  d: true\\ne: []\\nf: {}\\ng:\\n- - 1\\n  - 2\\n- x: 1\\n"
yaml.marshal ¦ [{"foo": {1, 2, 3}}] ⇒ "- foo:\\n  - 1\\n  - 2\\n  - 3\\n"
yaml.marshal ¦ [1.0, 1e3, 1000000.0, 1000000, 1.5, 1e400, 12345678901234567890, 123456789012345678901234, -0, 0.000001, 1e-7, 0.1, -2.5e-5, 123456.7, 1e21, 1e20, 9223372036854775807, -9223372036854775808, 18446744073709551615, 18446744073709551616, 0.30000000000000004] ⇒ "- 1\\n- 1000\\n- 1e+06\\n- 1000000\\n- 1.5\\n- 1e400\\n- 12345678901234567890\\n- 1.2345678901234569e+23\\n- 0\\n- 1e-06\\n- 1e-07\\n- 0.1\\n- -2.5e-05\\n- 123456.7\\n- 1e+21\\n- 1e+20\\n- 9223372036854775807\\n- -9223372036854775808\\n- 18446744073709551615\\n- 1.8446744073709552e+19\\n- 0.30000000000000004\\n"
yaml.marshal ¦ ["true", "yes", "y", "n", "no", "on", "off", "null", "~", "", "1", "1.5", "0x10", "08", "1_0", "2024-01-02", "1:20", ".inf", ".5", "+1", "<<", "=", "Yes", "NO", "True", "nULL", "0b11", "-0b11", "0o17", "1e3", "1e400", "+.inf", ".NaN", "0x", "12:30:45", "-"] ⇒ "- \\"true\\"\\n- \\"yes\\"\\n- \\"y\\"\\n- \\"n\\"\\n- \\"no\\"\\n- \\"on\\"\\n- \\"off\\"\\n- \\"null\\"\\n- \\"~\\"\\n- \\"\\"\\n- \\"1\\"\\n- \\"1.5\\"\\n- \\"0x10\\"\\n- \\"08\\"\\n- \\"1_0\\"\\n- \\"2024-01-02\\"\\n- \\"1:20\\"\\n- \\".inf\\"\\n- \\".5\\"\\n- \\"+1\\"\\n- \\u003c\\u003c\\n- =\\n- \\"Yes\\"\\n- \\"NO\\"\\n- \\"True\\"\\n- nULL\\n- \\"0b11\\"\\n- \\"-0b11\\"\\n- \\"0o17\\"\\n- \\"1e3\\"\\n- 1e400\\n- \\"+.inf\\"\\n- \\".NaN\\"\\n- 0x\\n- \\"12:30:45\\"\\n- '-'\\n"
yaml.marshal ¦ ["a: b", "a #b", "a#b", "#a", "- a", "-a", " a", "a ", "@a", "`a", "a:", ":a", ": a", "?a", "? a", "a?", "[a", "a]", "{a}", "a,b", "!a", "&a", "*a", "|a", ">a", "'a", "\\"a", "%a", "---", "--- a", "...", "a---", "a'b", "a\\"b", "a\\\\b", "a\\tb", "\\ta", "a\\rb", "a\\u0000b", "\\u007f", "\\u0080", "\\u00a0", "\\ufeff", "\\ufffe", "é", "😀", "a😀b"] ⇒ BUILTIN: yaml.marshal: yaml: control characters are not allowed
yaml.marshal ¦ ["a\\nb", "a\\nb\\n", "a\\n", "\\n", "\\n\\n", "a\\n\\n", "\\na", " a\\nb", "a \\nb", "a\\n b", "a\\n\\tb", "a\\r\\nb", "a\\u2028b", "a\\u0085b", "a \\u0085 b", "a\\u0085\\u0085b", "x: |\\n y"] ⇒ "- |-\\n  a\\n  b\\n- |\\n  a\\n  b\\n- |\\n  a\\n- |2+\\n\\n- |2+\\n\\n\\n- |+\\n  a\\n\\n- |2-\\n\\n  a\\n- |2-\\n   a\\n  b\\n- \\"a \\\\nb\\"\\n- |-\\n  a\\n   b\\n- \\"a\\\\n\\\\tb\\"\\n- \\"a\\\\r\\\\nb\\"\\n- 'a\\u2028  b'\\n- a b\\n- a b\\n- |-\\n  a\\n  b\\n- |-\\n  x: |\\n   y\\n"
yaml.marshal ¦ {"a10": 1, "a2": 2, "a1": 3, "B": 4, "b": 5, "_": 6, "1": 7, "10": 8, "9": 9, "a01": 10, "a001": 11, "a0": 12, "é": 13, "-": 14, "a b": 15, "ab": 16, "a": 17, "": 18, "01": 19, "1a": 20} ⇒ "\\"\\": 18\\n'-': 14\\n_: 6\\n\\"1\\": 7\\n1a: 20\\n\\"01\\": 19\\n\\"9\\": 9\\n\\"10\\": 8\\nB: 4\\na: 17\\na b: 15\\na0: 12\\na1: 3\\na01: 10\\na001: 11\\na2: 2\\na10: 1\\nab: 16\\nb: 5\\né: 13\\n"
yaml.marshal ¦ 1 ⇒ "1\\n"
yaml.marshal ¦ "a" ⇒ "a\\n"
yaml.marshal ¦ null ⇒ "null\\n"
yaml.marshal ¦ true ⇒ "true\\n"
yaml.marshal ¦ {1, 2} ⇒ "- 1\\n- 2\\n"
yaml.marshal ¦ {1: 2, [1]: 3, null: 4} ⇒ "'[1]': 3\\n\\"1\\": 2\\n\\"null\\": 4\\n"
yaml.marshal ¦ {} ⇒ "{}\\n"
yaml.marshal ¦ [] ⇒ "[]\\n"
yaml.marshal ¦ "" ⇒ "\\"\\"\\n"
yaml.marshal ¦ "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua" ⇒ "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt\\n  ut labore et dolore magna aliqua\\n"
yaml.marshal ¦ {"k": "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua"} ⇒ "k: lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt\\n  ut labore et dolore magna aliqua\\n"
yaml.marshal ¦ {"k": {"l": ["lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat"]}} ⇒ "k:\\n  l:\\n  - lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt\\n    ut labore et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation\\n    ullamco laboris nisi ut aliquip ex ea commodo consequat\\n"
yaml.marshal ¦ ["lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor: incididunt ut labore et dolore magna aliqua"] ⇒ "- 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor: incididunt\\n  ut labore et dolore magna aliqua'\\n"
yaml.marshal ¦ ["lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\\tincididunt ut labore et dolore magna aliqua ut enim ad minim veniam quis"] ⇒ "- \\"lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\\\\tincididunt\\n  ut labore et dolore magna aliqua ut enim ad minim veniam quis\\"\\n"
yaml.marshal ¦ ["lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor  incididunt ut   labore et dolore magna aliqua ut enim ad minim veniam quis"] ⇒ "- lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor  incididunt\\n  ut   labore et dolore magna aliqua ut enim ad minim veniam quis\\n"
yaml.marshal ¦ ["loremipsumdolorsitametconsecteturadipiscingelitseddoeiusmodtemporincididuntutlaboreetdoloremagnaaliquautenimadminimveniamquis nostrud"] ⇒ "- loremipsumdolorsitametconsecteturadipiscingelitseddoeiusmodtemporincididuntutlaboreetdoloremagnaaliquautenimadminimveniamquis\\n  nostrud\\n"
yaml.marshal ¦ {"lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua ut enim ad": 1} ⇒ "? lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt\\n  ut labore et dolore magna aliqua ut enim ad\\n: 1\\n"
yaml.marshal ¦ {"lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua ut enim ad minim veniam quis nostrud": 1} ⇒ "? lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt\\n  ut labore et dolore magna aliqua ut enim ad minim veniam quis nostrud\\n: 1\\n"
yaml.marshal ¦ {"a\\nb": 1, "c\\n": [1], "x y": {"z": 1}} ⇒ "? |-\\n  a\\n  b\\n: 1\\n? |\\n  c\\n: - 1\\nx y:\\n  z: 1\\n"
yaml.marshal ¦ {"k": ["a\\nb", {"c": "d\\ne\\n"}], "m": "  lead\\ntrail  "} ⇒ "k:\\n- |-\\n  a\\n  b\\n- c: |\\n    d\\n    e\\nm: \\"  lead\\\\ntrail  \\"\\n"
yaml.marshal ¦ [[[1]], [[]], [{}], {"a": []}, {"a": {}}, {"a": [{"b": [1]}]}] ⇒ "- - - 1\\n- - []\\n- - {}\\n- a: []\\n- a: {}\\n- a:\\n  - b:\\n    - 1\\n"
yaml.marshal ¦ {"a": [[1, 2], [3]], "b": [{"c": 1, "d": [2, {"e": 3}]}]} ⇒ "a:\\n- - 1\\n  - 2\\n- - 3\\nb:\\n- c: 1\\n  d:\\n  - 2\\n  - e: 3\\n"
yaml.marshal ¦ ["a: b", "a #b", "a#b", "#a", "- a", "-a", " a", "a ", "@a", "`a", "a:", ":a", ": a", "?a", "? a", "a?", "[a", "a]", "{a}", "a,b", "!a", "&a", "*a", "|a", ">a", "'a", "\\"a", "%a", "---", "--- a", "...", "a---", "a'b", "a\\"b", "a\\\\b"] ⇒ "- 'a: b'\\n- 'a #b'\\n- a#b\\n- '#a'\\n- '- a'\\n- -a\\n- ' a'\\n- 'a '\\n- '@a'\\n- '`a'\\n- 'a:'\\n- :a\\n- ': a'\\n- ?a\\n- '? a'\\n- a?\\n- '[a'\\n- a]\\n- '{a}'\\n- a,b\\n- '!a'\\n- '\\u0026a'\\n- '*a'\\n- '|a'\\n- '\\u003ea'\\n- '''a'\\n- '\\"a'\\n- '%a'\\n- '---'\\n- '--- a'\\n- '...'\\n- a---\\n- a'b\\n- a\\"b\\n- a\\\\b\\n"
yaml.marshal ¦ ["a\\tb", "\\ta", "a\\rb", "a\\u0000b", "\\u00a0", "\\ufeff", "é", "😀", "a😀b", "\\u0001", "\\u001b", "\\u0007"] ⇒ "- \\"a\\\\tb\\"\\n- \\"\\\\ta\\"\\n- \\"a\\\\rb\\"\\n- \\"a\\\\0b\\"\\n-  \\n- \\"\\\\uFEFF\\"\\n- é\\n- \\"\\\\U0001F600\\"\\n- \\"a\\\\U0001F600b\\"\\n- \\"\\\\x01\\"\\n- \\"\\\\e\\"\\n- \\"\\\\a\\"\\n"
yaml.marshal ¦ "\\u007f" ⇒ BUILTIN: yaml.marshal: yaml: control characters are not allowed
yaml.marshal ¦ "\\u0080" ⇒ BUILTIN: yaml.marshal: yaml: control characters are not allowed
yaml.marshal ¦ "\\u009f" ⇒ BUILTIN: yaml.marshal: yaml: control characters are not allowed
yaml.marshal ¦ "\\ufffe" ⇒ BUILTIN: yaml.marshal: yaml: control characters are not allowed
yaml.marshal ¦ "\\uffff" ⇒ BUILTIN: yaml.marshal: yaml: control characters are not allowed
yaml.marshal ¦ {"a\\u007f": 1} ⇒ BUILTIN: yaml.marshal: yaml: control characters are not allowed
yaml.marshal ¦ "a\\u0085--- b" ⇒ BUILTIN: yaml.marshal: yaml: line 2: found unexpected document indicator
yaml.marshal ¦ "a\\u0085\\u0085--- b" ⇒ BUILTIN: yaml.marshal: yaml: line 3: found unexpected document indicator
yaml.marshal ¦ "a\\u0085... b" ⇒ BUILTIN: yaml.marshal: yaml: line 2: found unexpected document indicator
yaml.marshal ¦ "a\\u0085 #b" ⇒ "'a #b'\\n"
yaml.marshal ¦ "\\u0085a" ⇒ "' a'\\n"
yaml.marshal ¦ "a\\u0085" ⇒ "'a '\\n"
yaml.marshal ¦ "a\\u2029b" ⇒ "'a\\u2029  b'\\n"
yaml.marshal ¦ "a\\u2028" ⇒ "'a\\u2028'\\n"
yaml.marshal ¦ "a\\rb\\n" ⇒ "\\"a\\\\rb\\\\n\\"\\n"
yaml.marshal ¦ "ab\\r" ⇒ "\\"ab\\\\r\\"\\n"
yaml.marshal ¦ {"a": "b\\u0085c"} ⇒ "a: b c\\n"
# yaml.unmarshal
yaml.unmarshal ¦ "" ⇒ null
yaml.unmarshal ¦ "   \\n# only a comment\\n" ⇒ null
yaml.unmarshal ¦ "foo:\\n  - qux: bar\\n  - baz: 2" ⇒ {"foo":[{"qux":"bar"},{"baz":2}]}
yaml.unmarshal ¦ "{\\"json\\": \\"ok\\", \\"n\\": [1, 2.5, null, true]}" ⇒ {"json":"ok","n":[1,2.5,null,true]}
yaml.unmarshal ¦ "[yes, no, on, off, y, n, Y, N, YES, No, ON, oFF, true, False, TRUE, ~, null, Null, NULL, nULL]" ⇒ [true,false,true,false,true,false,true,false,true,false,true,"oFF",true,false,true,null,null,null,null,"nULL"]
yaml.unmarshal ¦ "[0x1F, 017, 0o17, 0b101, -0b101, 1_000, 08, 09.5, +1, -1, .5, -.5, 1e3, 1E3, 1.0, -0.0, 0, -0, 1., 1.e2]" ⇒ [31,15,15,5,-5,1000,8,9.5,1,-1,0.5,-0.5,1000,1000,1,-0,0,0,1,100]
yaml.unmarshal ¦ "[2024-01-02, 2024-01-02T10:00:00Z, 2024-1-2, 2001-12-14 21:59:43.10 -5, 1:20, 1:20:30.5, 12345678901234567890, 123456789012345678901234, 9223372036854775807, -9223372036854775808, -9223372036854775809]" ⇒ ["2024-01-02","2024-01-02T10:00:00Z","2024-1-2","2001-12-14 21:59:43.10 -5","1:20","1:20:30.5",12345678901234567890,1.2345678901234569e+23,9223372036854775807,-9223372036854775808,-9223372036854776000]
yaml.unmarshal ¦ "[0.1, 0.000001, 0.0000001, 1e20, 1e21, 123456789.123, 1.5e300, 1e-400, 0x_1F, 0b_11, 1__0, _1, 0x, 0xG, 1e400, -1e400, +.inf]" ⇒ BUILTIN: yaml.unmarshal: json: unsupported value: +Inf
yaml.unmarshal ¦ "a: .inf" ⇒ BUILTIN: yaml.unmarshal: json: unsupported value: +Inf
yaml.unmarshal ¦ "a: -.Inf" ⇒ BUILTIN: yaml.unmarshal: json: unsupported value: -Inf
yaml.unmarshal ¦ "a: .NaN" ⇒ BUILTIN: yaml.unmarshal: json: unsupported value: NaN
yaml.unmarshal ¦ "[.inf, .nan]" ⇒ BUILTIN: yaml.unmarshal: json: unsupported value: +Inf
yaml.unmarshal ¦ "a: 1e400" ⇒ {"a":"1e400"}
yaml.unmarshal ¦ "[\\"quoted\\", 'single', \\"1\\", 'true', !!str 2, !!str true, !!str, !!null '', !!bool yes, !!float 1, !!int 0x10]" ⇒ BUILTIN: yaml.unmarshal: yaml: did not find expected ',' or ']'
yaml.unmarshal ¦ "a: !!str 1\\nb: !!int \\"2\\"\\nc: !!binary aGVsbG8=\\nd: !foo x\\ne: !!float 1" ⇒ {"a":"1","b":2,"c":"hello","d":"x","e":1}
yaml.unmarshal ¦ "a: !!int abc" ⇒ BUILTIN: yaml.unmarshal: yaml: cannot decode !!str `abc` as a !!int
yaml.unmarshal ¦ "a: !!float abc" ⇒ BUILTIN: yaml.unmarshal: yaml: cannot decode !!str `abc` as a !!float
yaml.unmarshal ¦ "a: !!bool abc" ⇒ BUILTIN: yaml.unmarshal: yaml: cannot decode !!str `abc` as a !!bool
yaml.unmarshal ¦ "a: !!binary '%%%'" ⇒ BUILTIN: yaml.unmarshal: yaml: !!binary value contains invalid base64 data
yaml.unmarshal ¦ "a: !!timestamp 2024-01-02" ⇒ {"a":"2024-01-02"}
yaml.unmarshal ¦ "a: !!map {b: 1}\\nc: !!seq [1]\\nd: !foo {e: 1}" ⇒ {"a":{"b":1},"c":[1],"d":{"e":1}}
yaml.unmarshal ¦ "1.5: a\\n1e6: b\\n0.1: c\\ntrue: d\\n3: e\\nno: f\\n0x10: g\\n3.14159265358979: h\\n100000: i\\n1e-5: j" ⇒ {"0.1":"c","1.5":"a","100000":"i","16":"g","1e+06":"b","1e-05":"j","3":"e","3.1415927":"h","false":"f","true":"d"}
yaml.unmarshal ¦ "18446744073709551615: f" ⇒ BUILTIN: yaml.unmarshal: unsupported map key of type: uint64, key: 0xffffffffffffffff, value: "f"
yaml.unmarshal ¦ "~: 1" ⇒ BUILTIN: yaml.unmarshal: unsupported map key of type: %!s(<nil>), key: <nil>, value: 1
yaml.unmarshal ¦ "? [1, 2]\\n: 3" ⇒ BUILTIN: yaml.unmarshal: yaml: invalid map key: []interface {}{1, 2}
yaml.unmarshal ¦ "? {a: 1}\\n: 3" ⇒ BUILTIN: yaml.unmarshal: yaml: invalid map key: map[interface {}]interface {}{"a":1}
yaml.unmarshal ¦ ".inf: 1" ⇒ {".inf":1}
yaml.unmarshal ¦ "2024-01-02: 1" ⇒ {"2024-01-02":1}
yaml.unmarshal ¦ "a: 1\\na: 2" ⇒ {"a":2}
yaml.unmarshal ¦ "1: a\\n\\"1\\": b" ⇒ {"1":"b"}
yaml.unmarshal ¦ "a: &x {b: 1}\\nc:\\n  <<: *x\\n  d: 2\\ne:\\n  b: 0\\n  <<: [*x]" ⇒ {"a":{"b":1},"c":{"b":1,"d":2},"e":{"b":1}}
yaml.unmarshal ¦ "a: &x {b: 1, c: 1}\\nd: &y {b: 2}\\ne:\\n  <<: [*x, *y]\\n  z: 0\\nf:\\n  c: 9\\n  <<: *y\\n  b: 7" ⇒ {"a":{"b":1,"c":1},"d":{"b":2},"e":{"b":1,"c":1,"z":0},"f":{"b":7,"c":9}}
yaml.unmarshal ¦ "a: {<<: 1}" ⇒ BUILTIN: yaml.unmarshal: yaml: map merge requires map or sequence of maps as the value
yaml.unmarshal ¦ "a: {<<: [1]}" ⇒ BUILTIN: yaml.unmarshal: yaml: map merge requires map or sequence of maps as the value
yaml.unmarshal ¦ "a: {'<<': {b: 1}}" ⇒ {"a":{"\\u003c\\u003c":{"b":1}}}
yaml.unmarshal ¦ "a: &x [1, 2]\\nb: *x\\nc: &y s\\nd: *y" ⇒ {"a":[1,2],"b":[1,2],"c":"s","d":"s"}
yaml.unmarshal ¦ "a: *x" ⇒ BUILTIN: yaml.unmarshal: yaml: unknown anchor 'x' referenced
yaml.unmarshal ¦ "a: &a [*a]" ⇒ BUILTIN: yaml.unmarshal: yaml: anchor 'a' value contains itself
yaml.unmarshal ¦ "--- 1\\n--- 2" ⇒ 1
yaml.unmarshal ¦ "--- 1\\n--- [2" ⇒ 1
yaml.unmarshal ¦ "%YAML 1.1\\n--- a" ⇒ "a"
yaml.unmarshal ¦ "a: |\\n  x\\n  y\\nb: >\\n  x\\n  y\\n\\nc: |-\\n  z\\nd: >+\\n  w\\n\\n" ⇒ {"a":"x\\ny\\n","b":"x y\\n","c":"z","d":"w\\n\\n"}
yaml.unmarshal ¦ "a: 'x\\n\\n  y'\\nb: \\"p\\\\tq\\\\u00e9\\\\x41\\\\N\\"\\nc: plain\\n  continued" ⇒ {"a":"x\\ny","b":"p\\tqéA\\u0085","c":"plain continued"}
yaml.unmarshal ¦ "- a\\n- b: 1\\n  c: [x, y]\\n- - nested\\n- {f: [g, {h: i}]}" ⇒ ["a",{"b":1,"c":["x",true]},["nested"],{"f":["g",{"h":"i"}]}]
yaml.unmarshal ¦ "a: 1 # comment\\n# full\\nb: 'x # y'" ⇒ {"a":1,"b":"x # y"}
yaml.unmarshal ¦ "a: b\\u0085c" ⇒ BUILTIN: yaml.unmarshal: yaml: line 3: could not find expected ':'
yaml.unmarshal ¦ "a: \\u007f" ⇒ BUILTIN: yaml.unmarshal: yaml: control characters are not allowed
yaml.unmarshal ¦ "a: \\u0000" ⇒ BUILTIN: yaml.unmarshal: yaml: control characters are not allowed
yaml.unmarshal ¦ "a: \\t1" ⇒ {"a":1}
yaml.unmarshal ¦ "\\ufeffa: 1" ⇒ {"a":1}
yaml.unmarshal ¦ "a: 1\\r\\nb: 2\\r\\n" ⇒ {"a":1,"b":2}
yaml.unmarshal ¦ 1 ⇒ TYPE: yaml.unmarshal: operand 1 must be string but got number
# yaml errors
yaml.unmarshal ¦ "a: 1\\nb: [1, 2\\n" ⇒ BUILTIN: yaml.unmarshal: yaml: line 2: did not find expected ',' or ']'
yaml.unmarshal ¦ "foo:\\n - qux: bar\\n - baz: {" ⇒ BUILTIN: yaml.unmarshal: yaml: line 3: did not find expected node content
yaml.unmarshal ¦ "a: b: c" ⇒ BUILTIN: yaml.unmarshal: yaml: mapping values are not allowed in this context
yaml.unmarshal ¦ "a:\\n\\tb: 1" ⇒ BUILTIN: yaml.unmarshal: yaml: line 2: found character that cannot start any token
yaml.unmarshal ¦ "- a\\nb: 1" ⇒ BUILTIN: yaml.unmarshal: yaml: line 1: did not find expected '-' indicator
yaml.unmarshal ¦ "'abc" ⇒ BUILTIN: yaml.unmarshal: yaml: found unexpected end of stream
yaml.unmarshal ¦ "\\"abc" ⇒ BUILTIN: yaml.unmarshal: yaml: found unexpected end of stream
yaml.unmarshal ¦ "a: [1, 2]]" ⇒ BUILTIN: yaml.unmarshal: yaml: did not find expected key
yaml.unmarshal ¦ "a: 1\\n b: 2" ⇒ BUILTIN: yaml.unmarshal: yaml: line 2: mapping values are not allowed in this context
yaml.unmarshal ¦ "{a: 1" ⇒ BUILTIN: yaml.unmarshal: yaml: line 1: did not find expected ',' or '}'
yaml.unmarshal ¦ "a: @b" ⇒ BUILTIN: yaml.unmarshal: yaml: found character that cannot start any token
yaml.unmarshal ¦ "a: `b" ⇒ BUILTIN: yaml.unmarshal: yaml: found character that cannot start any token
yaml.unmarshal ¦ "[1, 2" ⇒ BUILTIN: yaml.unmarshal: yaml: line 1: did not find expected ',' or ']'
yaml.unmarshal ¦ "a:\\n  - 1\\n - 2" ⇒ BUILTIN: yaml.unmarshal: yaml: line 2: did not find expected key
yaml.unmarshal ¦ "a: 1\\n- 2" ⇒ BUILTIN: yaml.unmarshal: yaml: line 1: did not find expected key
yaml.unmarshal ¦ "key with no value\\nother: 1" ⇒ BUILTIN: yaml.unmarshal: yaml: line 2: mapping values are not allowed in this context
yaml.unmarshal ¦ "a: 'x' y" ⇒ BUILTIN: yaml.unmarshal: yaml: did not find expected key
yaml.unmarshal ¦ "a: \\"x\\\\q\\"" ⇒ BUILTIN: yaml.unmarshal: yaml: found unknown escape character
yaml.unmarshal ¦ "a: &" ⇒ BUILTIN: yaml.unmarshal: yaml: did not find expected alphabetic or numeric character
yaml.unmarshal ¦ "a: !<x" ⇒ BUILTIN: yaml.unmarshal: yaml: did not find the expected '>'
yaml.unmarshal ¦ "? a\\n? b\\n- c" ⇒ BUILTIN: yaml.unmarshal: yaml: line 2: did not find expected key
yaml.unmarshal ¦ "a: [b, c}" ⇒ BUILTIN: yaml.unmarshal: yaml: did not find expected ',' or ']'
yaml.unmarshal ¦ "a: {b: c]" ⇒ BUILTIN: yaml.unmarshal: yaml: did not find expected ',' or '}'
yaml.unmarshal ¦ "a: |\\n x\\n  y\\n z" ⇒ {"a":"x\\n y\\nz"}
yaml.unmarshal ¦ "---\\na: 1\\n...\\n...\\nfoo" ⇒ {"a":1}
yaml.unmarshal ¦ "%FOO bar\\n--- 1" ⇒ BUILTIN: yaml.unmarshal: yaml: found unknown directive name
yaml.unmarshal ¦ "%YAML 2.0\\n--- 1" ⇒ BUILTIN: yaml.unmarshal: yaml: found incompatible YAML document
yaml.unmarshal ¦ "a:\\n  b: 1\\n c: 2" ⇒ BUILTIN: yaml.unmarshal: yaml: line 2: did not find expected key
yaml.unmarshal ¦ "\\n\\n\\na: [1,\\n\\n2" ⇒ BUILTIN: yaml.unmarshal: yaml: line 6: did not find expected ',' or ']'
yaml.unmarshal ¦ "a: b\\n\\n\\n  c: d" ⇒ BUILTIN: yaml.unmarshal: yaml: line 4: mapping values are not allowed in this context
yaml.unmarshal ¦ "- [a, b]: c" ⇒ BUILTIN: yaml.unmarshal: yaml: invalid map key: []interface {}{"a", "b"}
yaml.unmarshal ¦ ",a" ⇒ BUILTIN: yaml.unmarshal: yaml: did not find expected node content
yaml.unmarshal ¦ "]" ⇒ BUILTIN: yaml.unmarshal: yaml: did not find expected node content
yaml.unmarshal ¦ "a: 'b\\n---\\nc'" ⇒ BUILTIN: yaml.unmarshal: yaml: line 2: found unexpected document indicator
# yaml.is_valid
yaml.is_valid ¦ "foo:\\n  - qux: bar\\n  - baz: 2" ⇒ true
yaml.is_valid ¦ "foo:\\n  - qux: bar\\n  - baz: {" ⇒ false
yaml.is_valid ¦ "{\\"json\\": \\"ok\\"}" ⇒ true
yaml.is_valid ¦ "" ⇒ true
yaml.is_valid ¦ "a: .inf" ⇒ false
yaml.is_valid ¦ "~: 1" ⇒ false
yaml.is_valid ¦ "a: *x" ⇒ false
yaml.is_valid ¦ "a: !!int abc" ⇒ false
yaml.is_valid ¦ "--- 1\\n--- [2" ⇒ true
yaml.is_valid ¦ 1 ⇒ false
yaml.is_valid ¦ null ⇒ false
yaml.unmarshal ¦ "a:\\t1" ⇒ {"a":1}
yaml.unmarshal ¦ "- \\t1" ⇒ BUILTIN: yaml.unmarshal: yaml: found character that cannot start any token
yaml.unmarshal ¦ "-\\t1" ⇒ BUILTIN: yaml.unmarshal: yaml: found character that cannot start any token
yaml.unmarshal ¦ "a: 1\\t# c" ⇒ {"a":1}
yaml.unmarshal ¦ "a: 1 \\t" ⇒ {"a":1}
yaml.unmarshal ¦ "a:\\n  b: \\tx" ⇒ {"a":{"b":"x"}}
yaml.unmarshal ¦ "\\ta: 1" ⇒ BUILTIN: yaml.unmarshal: yaml: found character that cannot start any token
yaml.unmarshal ¦ "a: [\\t1,\\t2]" ⇒ {"a":[1,2]}
yaml.unmarshal ¦ "a: \\t[1]" ⇒ {"a":[1]}
yaml.unmarshal ¦ "a: \\t" ⇒ {"a":null}
yaml.unmarshal ¦ "? \\ta\\n: \\tb" ⇒ BUILTIN: yaml.unmarshal: yaml: found character that cannot start any token
yaml.unmarshal ¦ "a: x\\ty" ⇒ {"a":"x\\ty"}
yaml.unmarshal ¦ "a: |\\n  \\tx\\n" ⇒ BUILTIN: yaml.unmarshal: yaml: line 2: found a tab character where an indentation space is expected
yaml.unmarshal ¦ "\\n%FOO bar\\n--- 1" ⇒ BUILTIN: yaml.unmarshal: yaml: line 2: found unknown directive name
yaml.unmarshal ¦ "%TAG !e! tag:example.com,2000:\\n--- !e!foo 1" ⇒ "1"
yaml.unmarshal ¦ "a: |\\n  x\\n  \\ty\\n" ⇒ {"a":"x\\n\\ty\\n"}
yaml.unmarshal ¦ "a: |\\n  x\\n\\tb: 1" ⇒ BUILTIN: yaml.unmarshal: yaml: line 3: found a tab character where an indentation space is expected
yaml.unmarshal ¦ "a: |\\n\\n  \\t\\n  x" ⇒ BUILTIN: yaml.unmarshal: yaml: line 3: found a tab character where an indentation space is expected
yaml.unmarshal ¦ "a: >\\n   x\\n  \\ty\\n" ⇒ BUILTIN: yaml.unmarshal: yaml: line 3: found a tab character where an indentation space is expected
yaml.unmarshal ¦ "a: |2\\n  \\tx\\n" ⇒ {"a":"\\tx\\n"}
yaml.unmarshal ¦ "- |\\n  x\\n  \\t\\n" ⇒ ["x\\n\\t\\n"]
# yaml.marshal: an object key is a simple key of a JSON flow mapping
yaml.marshal ¦ {"a\\u0085b": 1} ⇒ BUILTIN: yaml.marshal: yaml: line 1: did not find expected ',' or '}'
yaml.marshal ¦ {"x": "\\u0085\\u0085", "y": {"a\\u0085b": 1}} ⇒ BUILTIN: yaml.marshal: yaml: line 3: did not find expected ',' or '}'
yaml.marshal ¦ ["\\u0085", {"a": 1, "b\\u0085": 2}] ⇒ BUILTIN: yaml.marshal: yaml: line 2: did not find expected ',' or '}'
yaml.marshal ¦ {"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<": 1} ⇒ "? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\u003c\\n: 1\\n"
yaml.marshal ¦ {"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<": 1} ⇒ BUILTIN: yaml.marshal: yaml: did not find expected ',' or '}'
# yaml.unmarshal: anchors, tabs after non-key tokens, more libyaml wording
yaml.unmarshal ¦ "*a!!str x" ⇒ BUILTIN: yaml.unmarshal: yaml: did not find expected alphabetic or numeric character
yaml.unmarshal ¦ "a: &x.y 1" ⇒ BUILTIN: yaml.unmarshal: yaml: did not find expected alphabetic or numeric character
yaml.unmarshal ¦ "a:\\n  b: &x-1_Z 2\\n  c: *x-1_Z" ⇒ {"a":{"b":2,"c":2}}
yaml.unmarshal ¦ "a: &x\\t1" ⇒ {"a":1}
yaml.unmarshal ¦ "a: !!str\\tx" ⇒ {"a":"x"}
yaml.unmarshal ¦ "a: [1]\\t" ⇒ {"a":[1]}
yaml.unmarshal ¦ "a: 'q'\\t# c" ⇒ {"a":"q"}
yaml.unmarshal ¦ "%YAML 1.1\\n&b key" ⇒ BUILTIN: yaml.unmarshal: yaml: line 1: did not find expected <document start>
yaml.unmarshal ¦ " \\n  !!str - :\\n- x" ⇒ BUILTIN: yaml.unmarshal: yaml: line 2: block sequence entries are not allowed in this context
yaml.unmarshal ¦ "| x\\n  y" ⇒ BUILTIN: yaml.unmarshal: yaml: did not find expected comment or line break
yaml.unmarshal ¦ "a: |0\\n  x" ⇒ BUILTIN: yaml.unmarshal: yaml: found an indentation indicator equal to 0
yaml.unmarshal ¦ "a: \\"\\\\x4\\"" ⇒ BUILTIN: yaml.unmarshal: yaml: did not find expected hexdecimal number
yaml.unmarshal ¦ "%YAML 1.1\\n%YAML 1.1\\n--- 1" ⇒ BUILTIN: yaml.unmarshal: yaml: line 1: found duplicate %YAML directive
yaml.unmarshal ¦ "%TAG ! a\\n%TAG ! b\\n--- 1" ⇒ BUILTIN: yaml.unmarshal: yaml: line 1: found duplicate %TAG directive
yaml.unmarshal ¦ "!x!y 1" ⇒ BUILTIN: yaml.unmarshal: yaml: found undefined tag handle
yaml.unmarshal ¦ "- a\\n  ? b" ⇒ ["a ? b"]
yaml.unmarshal ¦ "a:\\n- b\\n  ? c" ⇒ {"a":["b ? c"]}
""";
}

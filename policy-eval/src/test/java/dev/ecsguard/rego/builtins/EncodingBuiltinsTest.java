package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * base64, base64url, hex, urlquery and json builtins: outcomes recorded from OPA 1.4.2
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
    void jsonUnmarshalKeepsNumberSpelling() {
        TestContext ctx = new TestContext();
        Value v = ctx.call("json.unmarshal", TestContext.s("[1.0, 1e3, -0, 0.10]"));
        assertEquals("[1.0,1e3,-0,0.10]", ((StringValue) ctx.call("json.marshal", v)).value());
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
""";
}

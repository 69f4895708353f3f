package dev.ecsguard.rego.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** JSON input as Go's decoder (and so OPA) reads it. */
class JsonTest {
    @Test
    void unpairedSurrogateEscapesBecomeTheReplacementCharacterPairsStay() {
        ObjectValue o = (ObjectValue) Json.parse("{\"a\": \"x\\ud800y\", \"b\": \"\\ud83d\\ude00\", \"\\udc00k\": \"\\ude00\\ud83d\"}");
        assertEquals(StringValue.of("x\uFFFDy"), o.get("a"));
        assertEquals(StringValue.of("\uD83D\uDE00"), o.get("b"));
        assertEquals(StringValue.of("\uFFFD\uFFFD"), o.get("\uFFFDk"), "a low surrogate before a high one is two errors");
        assertEquals("{\"a\":\"x\uFFFDy\",\"b\":\"\uD83D\uDE00\",\"\uFFFDk\":\"\uFFFD\uFFFD\"}", Json.write(o));
    }

    @Test
    void wellFormedStringsAreReturnedAsThey() {
        String s = "plain \u00e9 \uD83D\uDE00";
        assertEquals(s, Json.wellFormed(s));
        assertEquals(true, s == Json.wellFormed(s), "no copy when nothing changes");
    }

    /** Found by EngineFuzzTest (jsonReader): an exponent beyond an int threw NumberFormatException. */
    @Test
    void aNumberWhoseExponentNoDecimalHoldsIsInvalidJson() {
        Json.JsonException e = org.junit.jupiter.api.Assertions.assertThrows(Json.JsonException.class,
                () -> Json.parse("{\"a\": [1E23333333333, 3]}"));
        assertEquals("invalid JSON: number out of range: 1E23333333333 at line 1 column 21", e.getMessage());
        assertEquals("1e10000000", Json.write(Json.parse("1e10000000")));
    }
}

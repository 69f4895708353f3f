package dev.ecsguard.rego.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The object builder and lookups against a TreeMap model (OPA's key order, last put wins). */
class ObjectValueTest {
    private static Value s(String v) { return StringValue.of(v); }
    private static Value n(long v) { return NumberValue.of(v); }

    @Test
    void builderSortsKeysAndLastPutWinsWhateverTheOrderAndSize() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            int size = random.nextInt(40);
            TreeMap<Value, Value> model = new TreeMap<>();
            ObjectValue.Builder b = ObjectValue.builder();
            List<Value> keys = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                keys.add(random.nextBoolean() ? s("k" + random.nextInt(30)) : n(random.nextInt(30)));
            }
            if (random.nextBoolean()) Collections.sort(keys);   // the sorted fast path
            for (Value k : keys) {
                Value v = n(random.nextInt(1000));
                Value previous = b.put(k, v);
                assertEquals(model.put(k, v), previous, "put returns the value it replaced");
                assertEquals(v, b.get(k));
            }
            ObjectValue o = b.build();
            assertEquals(model.size(), o.size());
            int i = 0;
            for (var e : model.entrySet()) {
                assertEquals(e.getKey(), o.keyAt(i));
                assertEquals(e.getValue(), o.valueAt(i));
                assertEquals(e.getValue(), o.get(e.getKey()));
                i++;
            }
            assertNull(o.get(s("absent")));
            assertFalse(o.containsKey(n(-1)));
        }
    }

    @Test
    void numbersAreKeysByValueSoOneAndOnePointZeroAreOneKey() {
        ObjectValue.Builder b = ObjectValue.builder();
        b.put(n(1), s("int"));
        b.put(NumberValue.parse("1.0"), s("float"));
        ObjectValue o = b.build();
        assertEquals(1, o.size());
        assertEquals(s("float"), o.get(n(1)));
    }

    @Test
    void aBuiltObjectDoesNotChangeWhenItsBuilderGoesOn() {
        ObjectValue.Builder b = ObjectValue.builder(2);
        b.put(s("a"), n(1));
        b.put(s("b"), n(2));
        ObjectValue first = b.build();
        b.put(s("b"), n(3));
        b.put(s("c"), n(4));
        assertEquals(n(2), first.get(s("b")));
        assertEquals(2, first.size());
        ObjectValue second = b.build();
        assertEquals(n(3), second.get(s("b")));
        assertEquals(3, second.size());
    }

    @Test
    void unionMergesSortedKeysAndAsksForKeysInBoth() {
        ObjectValue a = ObjectValue.builder().build().with(s("a"), n(1)).with(s("c"), n(3));
        ObjectValue b = ObjectValue.builder().build().with(s("b"), n(20)).with(s("c"), n(30)).with(s("d"), n(40));
        ObjectValue u = a.union(b, (x, y) -> ((NumberValue) x).longValue() + ((NumberValue) y).longValue() > 0 ? n(33) : y);
        assertEquals(List.of(s("a"), s("b"), s("c"), s("d")), List.of(u.keyAt(0), u.keyAt(1), u.keyAt(2), u.keyAt(3)));
        assertEquals(n(33), u.get(s("c")));
        assertTrue(a.union(ObjectValue.EMPTY, (x, y) -> y) == a);
    }
}

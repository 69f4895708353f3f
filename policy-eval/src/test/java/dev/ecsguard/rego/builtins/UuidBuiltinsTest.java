package dev.ecsguard.rego.builtins;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

/** Outcomes recorded from OPA 1.4.2 (opaeval -strict-builtin-errors, arguments via input). */
class UuidBuiltinsTest {
    @TestFactory
    List<DynamicTest> observedOpaOutcomes() {
        return OpaBuiltinsTable.cases(TABLE);
    }

    static final String TABLE = """
uuid.parse ¦ "b01d0062-a116-11ee-822b-7ab0b9e5e0c0" ⇒ {"clocksequence":555,"macvariables":"local:unicast","nodeid":"7a-b0-b9-e5-e0-c0","time":1703282931110717000,"variant":"RFC4122","version":1}
uuid.parse ¦ "bdf46d2e-a116-11ee-8c90-0242ac120002" ⇒ {"clocksequence":3216,"macvariables":"local:unicast","nodeid":"02-42-ac-12-00-02","time":1703282954332907000,"variant":"RFC4122","version":1}
uuid.parse ¦ "b700c334-a128-11ee-bfff-7ab0b9e5e0c0" ⇒ {"clocksequence":16383,"macvariables":"local:unicast","nodeid":"7a-b0-b9-e5-e0-c0","time":1703290673610834000,"variant":"RFC4122","version":1}
uuid.parse ¦ "6ba7b810-9dad-41d1-80b4-00c04fd430c8" ⇒ {"variant":"RFC4122","version":4}
uuid.parse ¦ "6BA7B810-9DAD-41D1-80B4-00C04FD430C8" ⇒ {"variant":"RFC4122","version":4}
uuid.parse ¦ "{6ba7b810-9dad-41d1-80b4-00c04fd430c8}" ⇒ {"variant":"RFC4122","version":4}
uuid.parse ¦ "urn:uuid:6ba7b810-9dad-31d1-80b4-00c04fd430c8" ⇒ {"variant":"RFC4122","version":3}
uuid.parse ¦ "6ba7b8109dad51d180b400c04fd430c8" ⇒ {"variant":"RFC4122","version":5}
uuid.parse ¦ "6ba7b810-9dad-21d1-c0b4-00c04fd430c8" ⇒ {"clocksequence":180,"domain":"Domain180","id":1806153744,"macvariables":"global:unicast","nodeid":"00-c0-4f-d4-30-c8","time":886630433151182400,"variant":"Microsoft","version":2}
uuid.parse ¦ "6ba7b810-9dad-21d1-8001-01c04fd430c8" ⇒ {"clocksequence":1,"domain":"Group","id":1806153744,"macvariables":"global:multicast","nodeid":"01-c0-4f-d4-30-c8","time":886630433151182400,"variant":"RFC4122","version":2}
uuid.parse ¦ "6ba7b810-9dad-71d1-e0b4-00c04fd430c8" ⇒ {"variant":"Future","version":7}
uuid.parse ¦ "6ba7b810-9dad-81d1-00b4-00c04fd430c8" ⇒ {"variant":"Reserved","version":8}
uuid.parse ¦ "6ba7b810-9dad-11d1-80b4-00c04fd430c8" ⇒ {"clocksequence":180,"macvariables":"global:unicast","nodeid":"00-c0-4f-d4-30-c8","time":886630433151182400,"variant":"RFC4122","version":1}
uuid.parse ¦ "00000000-0000-0000-0000-000000000000" ⇒ {"variant":"Reserved","version":0}
uuid.parse ¦ "xyz" ⇒ undefined
uuid.parse ¦ "6ba7b810-9dad-41d1-80b4-00c04fd430cg" ⇒ undefined
uuid.parse ¦ "6ba7b810+9dad-41d1-80b4-00c04fd430c8" ⇒ undefined
uuid.parse ¦ 1 ⇒ TYPE: uuid.parse: operand 1 must be string but got number
""";
}

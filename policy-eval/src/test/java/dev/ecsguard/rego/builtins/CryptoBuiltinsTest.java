package dev.ecsguard.rego.builtins;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

/** Outcomes recorded from OPA 1.4.2 (opaeval -strict-builtin-errors, arguments via input). */
class CryptoBuiltinsTest {
    @TestFactory
    List<DynamicTest> observedOpaOutcomes() {
        return OpaBuiltinsTable.cases(TABLE);
    }

    static final String TABLE = """
crypto.md5 ¦ "hello" ⇒ "5d41402abc4b2a76b9719d911017c592"
crypto.md5 ¦ "" ⇒ "d41d8cd98f00b204e9800998ecf8427e"
crypto.sha1 ¦ "hello" ⇒ "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"
crypto.sha256 ¦ "héllo" ⇒ "3c48591d8d098a4538f5e013dfcf406e948eac4d3277b10bf614e295d6068179"
crypto.hmac.md5 ¦ "hello" ¦ "key" ⇒ "04130747afca4d79e32e87cf2104f087"
crypto.hmac.sha1 ¦ "hello" ¦ "key" ⇒ "b34ceac4516ff23a143e61d79d0fa7a4fbe5f266"
crypto.hmac.sha256 ¦ "hello" ¦ "key" ⇒ "9307b3b915efb5171ff14d8cb55fbcc798c6c0ef1456d66ded1a6aa723a58b7b"
crypto.hmac.sha512 ¦ "hello" ¦ "key" ⇒ "ff06ab36757777815c008d32c8e14a705b4e7bf310351a06a23b612dc4c7433e7757d20525a5593b71020ea2ee162d2311b247e9855862b270122419652c0c92"
crypto.hmac.sha256 ¦ "hello" ¦ "" ⇒ "4352b26e33fe0d769a8922a6ba29004109f01688e26acc9e6cb347e5a5afc4da"
crypto.hmac.sha512 ¦ "" ¦ "" ⇒ "b936cee86c9f87aa5d3c6f2e84cb5a4239a5fe50480a6ec66b70ab5b1f4ac6730c6c515421b327ec1d69402e53dfb49ad7381eb067b338fd7b0cb22247225d47"
crypto.hmac.equal ¦ "abc" ¦ "abc" ⇒ true
crypto.hmac.equal ¦ "abc" ¦ "abd" ⇒ false
crypto.hmac.equal ¦ "abc" ¦ "ab" ⇒ false
crypto.md5 ¦ 1 ⇒ TYPE: crypto.md5: operand 1 must be string but got number
crypto.hmac.sha1 ¦ "x" ¦ 1 ⇒ TYPE: crypto.hmac.sha1: operand 2 must be string but got number
""";
}

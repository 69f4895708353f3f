package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Hashes and HMACs of strings (UTF-8 bytes), hex-encoded lower case, as OPA's crypto.* builtins. */
public final class CryptoBuiltins implements BuiltinNamespace {
    @Override
    public void register(BuiltinRegistry r) {
        r.register("crypto.md5", Type.STRING, (a, c) -> digest("crypto.md5", "MD5", a), Type.STRING);
        r.register("crypto.sha1", Type.STRING, (a, c) -> digest("crypto.sha1", "SHA-1", a), Type.STRING);
        r.register("crypto.sha256", Type.STRING, (a, c) -> digest("crypto.sha256", "SHA-256", a), Type.STRING);
        r.register("crypto.hmac.md5", Type.STRING, (a, c) -> hmac("crypto.hmac.md5", "HmacMD5", a), Type.STRING, Type.STRING);
        r.register("crypto.hmac.sha1", Type.STRING, (a, c) -> hmac("crypto.hmac.sha1", "HmacSHA1", a), Type.STRING, Type.STRING);
        r.register("crypto.hmac.sha256", Type.STRING, (a, c) -> hmac("crypto.hmac.sha256", "HmacSHA256", a), Type.STRING, Type.STRING);
        r.register("crypto.hmac.sha512", Type.STRING, (a, c) -> hmac("crypto.hmac.sha512", "HmacSHA512", a), Type.STRING, Type.STRING);
        r.register("crypto.hmac.equal", Type.BOOLEAN, CryptoBuiltins::equal, Type.STRING, Type.STRING);
    }

    private static Value digest(String name, String alg, Value[] args) {
        byte[] in = RegexBuiltins.str(name, args, 0).getBytes(StandardCharsets.UTF_8);
        try {
            return StringValue.of(HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(in)));
        } catch (GeneralSecurityException e) {
            throw BuiltinException.failure(name, e.getMessage());
        }
    }

    private static Value hmac(String name, String alg, Value[] args) {
        byte[] msg = RegexBuiltins.str(name, args, 0).getBytes(StandardCharsets.UTF_8);
        byte[] key = RegexBuiltins.str(name, args, 1).getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance(alg);
            // HMAC zero-pads the key to the block size, so an empty key (legal in Go, refused by
            // SecretKeySpec) is the all-zero block.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[blockSize(alg)] : key, alg));
            return StringValue.of(HexFormat.of().formatHex(mac.doFinal(msg)));
        } catch (GeneralSecurityException e) {
            throw BuiltinException.failure(name, e.getMessage());
        }
    }

    private static int blockSize(String alg) {
        return alg.equals("HmacSHA512") ? 128 : 64;
    }

    private static Value equal(Value[] args, BuiltinContext ctx) {
        String name = "crypto.hmac.equal";
        byte[] a = RegexBuiltins.str(name, args, 0).getBytes(StandardCharsets.UTF_8);
        byte[] b = RegexBuiltins.str(name, args, 1).getBytes(StandardCharsets.UTF_8);
        return BooleanValue.of(MessageDigest.isEqual(a, b));
    }
}

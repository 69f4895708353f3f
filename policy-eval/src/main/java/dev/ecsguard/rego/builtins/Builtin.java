package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Signature;

/**
 * A registered builtin: its name as written in Rego ({@code "strings.replace_n"}), its declared
 * signature (checked at compile time on constant arguments), and its implementation.
 *
 * @param deterministic false for builtins whose result may change between calls (rand, time);
 *                      used by memoisation and constant folding
 * @param infix         the operator spelling when the builtin has one ({@code plus} is {@code +}), else null
 */
public record Builtin(String name, Signature signature, BuiltinFunction impl, boolean deterministic, String infix) {
    public int arity() { return signature.arity(); }
}

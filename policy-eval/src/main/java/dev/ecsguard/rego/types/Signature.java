package dev.ecsguard.rego.types;

import java.util.List;

/** A builtin's declared argument types and result type ({@code null} result = void, like print). */
public record Signature(List<Type> args, Type result) {
    public static Signature of(Type result, Type... args) {
        return new Signature(List.of(args), result);
    }

    public int arity() { return args.size(); }
}

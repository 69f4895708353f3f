package dev.ecsguard.testsupport;

import com.amazonaws.services.lambda.runtime.Context;

import java.lang.reflect.Proxy;

/** Lambda contexts for handler tests (the runtime's own is not available outside Lambda). */
public final class LambdaContexts {
    private LambdaContexts() {}

    /** A context that knows only its remaining time; every other getter answers null. */
    public static Context remaining(long millis) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> (int) millis;
                    case "toString" -> "context with " + millis + " ms left";
                    default -> null;
                });
    }
}

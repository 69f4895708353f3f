package dev.ecsguard.rego.compile;

/**
 * Hears the compiler's stages end, on the compiling thread, in the order they run. Stages are
 * named as OPA names them ({@code ResolveRefs}, {@code CheckTypes}, ...; a query's are prefixed
 * {@code query }), so that {@link StageTimings} and the start-up trace ({@code PhaseTrace}) can say where compile time
 * goes.
 */
@FunctionalInterface
public interface StageListener {
    /** Hears nothing. */
    StageListener NONE = stage -> { };

    /** A compile begins: of modules ({@code query} false) or of a query against compiled modules. */
    default void compileStarted(boolean query) { }

    /** The stage named {@code stage} has ended (its errors, if any, end the compile). */
    void stageEnded(String stage);

    /** This listener, then {@code next}, for each event. */
    default StageListener andThen(StageListener next) {
        StageListener first = this;
        return new StageListener() {
            @Override
            public void compileStarted(boolean query) {
                first.compileStarted(query);
                next.compileStarted(query);
            }

            @Override
            public void stageEnded(String stage) {
                first.stageEnded(stage);
                next.stageEnded(stage);
            }
        };
    }
}

package dev.ecsguard.rego;

import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Parser;
import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.ast.SourceLimits;
import dev.ecsguard.rego.ast.SyntaxDepth;
import dev.ecsguard.rego.builtins.BuiltinRegistry;
import dev.ecsguard.rego.compile.Compiler;
import dev.ecsguard.rego.compile.RuleTree;
import dev.ecsguard.rego.compile.StageListener;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoError;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.stack.DeepStack;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.Value;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the engine: collect modules and data, compile once, evaluate many times.
 * <pre>{@code
 * CompiledPolicy policy = Rego.builder().module("p.rego", src).build();
 * List<QueryResult> r = policy.prepare("data.p.allow").eval(input);
 * }</pre>
 */
public final class Rego {
    private Rego() {}

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final List<Module> parsed = new ArrayList<>();
        private Value data = ObjectValue.EMPTY;
        private RegoVersion version;
        private BuiltinRegistry builtins = BuiltinRegistry.standard();
        private StageListener stageListener = StageListener.NONE;
        private SourceLimits limits = SourceLimits.DEFAULT;

        /** Adds a module's source under a file name (used in error locations). */
        public Builder module(String file, String source) {
            sources.put(file, source);
            return this;
        }

        /** Adds an already parsed module (e.g. one rewritten by a tool such as the coverage instrumenter). */
        public Builder module(Module module) {
            parsed.add(module);
            return this;
        }

        public Builder moduleFile(Path file) throws IOException {
            return module(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        }

        /** The base document under {@code data}. */
        public Builder data(Value data) {
            this.data = data == null ? ObjectValue.EMPTY : data;
            return this;
        }

        /** Rego version of every module; null (default) detects it per module. */
        public Builder version(RegoVersion v) {
            this.version = v;
            return this;
        }

        /** Hears the end of each compiler stage (timings, start-up traces); none by default. */
        public Builder stageListener(StageListener l) {
            this.stageListener = l;
            return this;
        }

        public Builder builtins(BuiltinRegistry r) {
            this.builtins = r;
            return this;
        }

        /** Limits on each module's and each query's source (default {@link SourceLimits#DEFAULT}). */
        public Builder sourceLimits(SourceLimits l) {
            this.limits = java.util.Objects.requireNonNull(l, "limits");
            return this;
        }

        /**
         * Parses and compiles, on a {@link DeepStack} thread (the compiler recurses once or more per
         * level of nesting the source limits admit).
         * @throws RegoException with every parse or compile error found
         */
        public CompiledPolicy build() {
            return DeepStack.call(this::buildHere);
        }

        private CompiledPolicy buildHere() {
            List<Module> modules = new ArrayList<>();
            List<RegoError> errors = new ArrayList<>();
            for (Map.Entry<String, String> e : sources.entrySet()) {
                try {
                    modules.add(Parser.parseModule(e.getValue(), e.getKey(), version, limits));
                } catch (RegoException ex) {
                    errors.addAll(ex.errors());
                }
            }
            if (!errors.isEmpty()) throw new RegoException(errors);
            PhaseTrace.mark("parse");
            modules.addAll(parsed);
            int depth = 0;
            for (Module m : modules) depth = Math.max(depth, SyntaxDepth.check(m, limits));
            try {
                RuleTree tree = new Compiler(builtins).withStageListener(stageListener).compile(modules);
                return new CompiledPolicy(modules, tree, builtins, data, version, limits, depth);
            } catch (StackOverflowError e) {
                // Not expected within the source limits (the deep stack is sized for them); never a JVM trace.
                throw new RegoException(ErrorKind.COMPILE, "program nests too deeply for the compiler's stack",
                        modules.isEmpty() ? Location.NONE : modules.get(0).loc());
            }
        }
    }
}

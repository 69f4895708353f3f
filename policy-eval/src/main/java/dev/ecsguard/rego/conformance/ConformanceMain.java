package dev.ecsguard.rego.conformance;

import dev.ecsguard.rego.ast.RegoVersion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Stand-alone runner of the engine module: {@code ConformanceMain [--v0] [-v] PATH...}. */
public final class ConformanceMain {
    private ConformanceMain() {}

    public static void main(String[] args) throws Exception {
        List<Path> paths = new ArrayList<>();
        RegoVersion forced = null;
        boolean verbose = false;
        for (String a : args) {
            if (a.equals("--v0")) forced = RegoVersion.V0;
            else if (a.equals("-v")) verbose = true;
            else paths.add(Path.of(a));
        }
        ConformanceSuite.Report r = ConformanceSuite.run(paths, forced);
        ConformanceSuite.print(r, System.out, verbose);
        System.exit(r.count(ConformanceRunner.Status.FAIL) > 0 ? 1 : 0);
    }
}

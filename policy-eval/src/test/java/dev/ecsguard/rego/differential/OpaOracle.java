package dev.ecsguard.rego.differential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real OPA 1.4.2 (../shared/tools/opa/opaeval) as a test oracle; absent on a user's fresh clone. */
final class OpaOracle {
    private final Path exe;

    private OpaOracle(Path exe) { this.exe = exe; }

    /**
     * The oracle for a test that needs it: where it is missing the test is skipped with a message,
     * except with {@code CI=true}, where it fails (CI always has ../shared, and must never pass by
     * skipping).
     */
    static OpaOracle require() {
        OpaOracle opa = find();
        if (opa == null) {
            String msg = "../shared/tools/opa/opaeval not found: differential test skipped";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) org.junit.jupiter.api.Assertions.fail(msg + "; CI=true requires it");
            org.junit.jupiter.api.Assumptions.abort(msg);
        }
        return opa;
    }

    /** The oracle, or null when ../shared is not beside the repository. */
    static OpaOracle find() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolveSibling("shared").resolve("tools").resolve("opa").resolve("opaeval");
            if (Files.isExecutable(c)) return new OpaOracle(c);
        }
        return null;
    }

    /** Runs {@code opaeval -d module -i input QUERY} and returns its JSON output. */
    String eval(String module, String inputJson, String query) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("opaeval");
        try {
            Path m = dir.resolve("m.rego");
            Path i = dir.resolve("input.json");
            Files.writeString(m, module, StandardCharsets.UTF_8);
            Files.writeString(i, inputJson, StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of(exe.toString(), "-d", m.toString(), "-i", i.toString(), query));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("opaeval timed out");
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            try (var s = Files.list(dir)) { for (Path f : s.toList()) Files.deleteIfExists(f); }
            Files.deleteIfExists(dir);
        }
    }
}

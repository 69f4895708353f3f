package dev.ecsguard.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class VersionProviderTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void printsVersionCommitAndOpaCompatibility() {
        assertArrayEquals(new String[] {"ecs-guard 1.2.3 (commit abc1234)",
                        "OPA compatibility: Rego v1 / v0, OPA 1.4.2 semantics"},
                VersionProvider.lines(props("version", "1.2.3", "commit", "abc1234", "dirty", "false")));
        assertEquals("ecs-guard 1.2.3 (commit abc1234-dirty)",
                VersionProvider.lines(props("version", "1.2.3", "commit", "abc1234", "dirty", "true"))[0]);
    }

    @Test
    void unknownOutsideGitOrWithoutTheResource() {
        assertEquals("ecs-guard 1.2.3 (commit unknown)",
                VersionProvider.lines(props("version", "1.2.3", "commit", "${git.commit.id.abbrev}",
                        "dirty", "${git.dirty}"))[0]);
        assertEquals("ecs-guard unknown (commit unknown)", VersionProvider.lines(new Properties())[0]);
    }

    @Test
    void buildResourceIsFiltered() throws Exception {
        String[] lines = VersionProvider.lines(VersionProvider.load());
        assertTrue(lines[0].matches("ecs-guard \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{7,}(-dirty)?|unknown)\\)"),
                lines[0]);
    }

    @Test
    void versionOptionAndDocumentedExitCodes() {
        CliRun version = CliRun.run("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().contains("OPA compatibility: Rego v1 / v0, OPA 1.4.2 semantics"), version.out());

        CliRun help = CliRun.run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("Exit codes:"), help.out());
        assertTrue(help.out().contains("2   usage error"), help.out());

        assertEquals(2, CliRun.run("--no-such-option").exit());
    }
}

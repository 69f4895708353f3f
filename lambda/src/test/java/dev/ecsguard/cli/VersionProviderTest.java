package dev.ecsguard.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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
        String[] lines = new VersionProvider().getVersion();
        assertTrue(lines[0].matches("ecs-guard \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{7,}(-dirty)?|unknown)\\)"),
                lines[0]);
    }

    @Test
    void versionOptionAndDocumentedExitCodes() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, cli.execute("--version"));
        assertTrue(out.toString().contains("OPA compatibility: Rego v1 / v0, OPA 1.4.2 semantics"), out.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, cli.execute("--help"));
        assertTrue(out.toString().contains("Exit codes:"), out.toString());
        assertTrue(out.toString().contains("2   usage error"), out.toString());

        assertEquals(2, cli.execute("--no-such-option"));
    }
}

package dev.ecsguard.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.policy.PolicyBundle;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** template.yaml's generated sections are what {@link SamTemplateSections} writes from today's sources. */
class TemplateSectionsTest {
    static final String REGENERATE = "; regenerate them: mvn -B -q -pl infra-cdk -am -Psam-sections process-classes";

    @Test
    void generatedSectionsAreUpToDate() throws Exception {
        String text = Files.readString(Templates.ROOT.resolve("template.yaml"));
        assertEquals(SamTemplateSections.parameters(), SamTemplateSections.section(text, SamTemplateSections.PARAMETERS),
                "template.yaml's Parameters differ from infra-cdk's Settings" + REGENERATE);
        List<PolicyBundle.Entry> bundle = PolicyBundle.fromDirectory(Templates.ROOT.resolve("policies"));
        assertEquals(SamTemplateSections.starterPolicies(bundle), SamTemplateSections.section(text, SamTemplateSections.STARTER_POLICIES),
                "template.yaml's starter policies differ from policies/" + REGENERATE);
    }

    @Test
    void replacingASectionKeepsTheRest() {
        String text = "a\n  # BEGIN generated: x\n  old\n  # END generated: x\nb\n";
        String replaced = SamTemplateSections.replace(text, "x", "  new\n");
        assertEquals("a\n  # BEGIN generated: x\n  new\n  # END generated: x\nb\n", replaced);
        assertEquals("  new\n", SamTemplateSections.section(replaced, "x"));
        assertTrue(SamTemplateSections.quote("a \"b\" \\ c").equals("\"a \\\"b\\\" \\\\ c\""));
    }
}

package dev.ecsguard.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * cfn-lint (AWS's CloudFormation linter, the version CI installs) finds nothing in template.yaml,
 * member.yaml, or the CDK app's template with its default and with every optional part switched on.
 */
class CfnLintTest {
    @Test
    void templatesInTheRepository() throws IOException {
        lint(Templates.ROOT.resolve("template.yaml"));
        lint(Templates.ROOT.resolve("member.yaml"));
    }

    @Test
    void synthesizedTemplates() throws IOException {
        lint(Templates.cdk(Map.of()).file());
        lint(Templates.cdk(EcsGuardStackTest.ENFORCE).file());
    }

    static void lint(Path template) throws IOException {
        Templates.requireTool("cfn-lint", "--version");
        Templates.Result r = Templates.run(List.of("cfn-lint", "--format", "parseable", template.toString()), 300);
        assertEquals(0, r.exit(), "cfn-lint " + template + ":\n" + r.stdout() + r.stderr());
    }
}

package dev.ecsguard.aws;

import dev.ecsguard.testsupport.MotoServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link EcsHarnessScenarioTest} on a local moto_server (skipped without it, failed in CI). */
@ExtendWith(MotoServerExtension.class)
class EcsHarnessMotoTest extends EcsHarnessScenarioTest {}

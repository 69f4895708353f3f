package dev.ecsguard.aws;

import dev.ecsguard.testsupport.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link EcsHarnessScenarioTest} on LocalStack in Docker (skipped where no Docker engine runs). */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(LocalStackExtension.class)
class EcsHarnessLocalStackTest extends EcsHarnessScenarioTest {}

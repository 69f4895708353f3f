package dev.ecsguard.enforce;

import dev.ecsguard.testsupport.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link EnforcementScenarioTest} on LocalStack (skipped without Docker; ECS and auto scaling need LOCALSTACK_AUTH_TOKEN). */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(LocalStackExtension.class)
class EnforcementLocalStackEndToEndTest extends EnforcementScenarioTest {}

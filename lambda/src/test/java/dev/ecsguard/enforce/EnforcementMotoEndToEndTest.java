package dev.ecsguard.enforce;

import dev.ecsguard.testsupport.MotoServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link EnforcementScenarioTest} on moto_server. */
@ExtendWith(MotoServerExtension.class)
class EnforcementMotoEndToEndTest extends EnforcementScenarioTest {}

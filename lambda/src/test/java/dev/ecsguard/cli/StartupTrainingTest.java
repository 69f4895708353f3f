package dev.ecsguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartupTrainingTest {
    @Test
    void commandLinesAreSeparatedBySemicolonArguments() {
        assertEquals(List.of(List.of("eval", "1"), List.of("test", "p")),
                StartupTraining.split(new String[] {"eval", "1", ";", "test", "p", ";"}));
        assertEquals(List.of(), StartupTraining.split(new String[] {";", ";"}));
    }
}

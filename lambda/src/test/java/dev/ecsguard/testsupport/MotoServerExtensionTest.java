package dev.ecsguard.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The extension's decisions without a real moto: skip or fail, PATH lookup, start-up failures. */
class MotoServerExtensionTest {
    @TempDir
    Path dir;

    @Test
    void missingMotoSkipsOnADevelopersMachine() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> MotoServerExtension.locate(Map.of("PATH", dir.toString())));
        assertEquals("moto_server not found: pip install \"moto[server]\"", e.getMessage());
    }

    @Test
    void missingMotoFailsInCi() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> MotoServerExtension.locate(Map.of("PATH", dir.toString(), "CI", "true")));
        assertTrue(e.getMessage().contains("pip install \"moto[server]\""), e.getMessage());
        assertThrows(AssertionFailedError.class, () -> MotoServerExtension.locate(
                Map.of("PATH", dir.toString(), "ECS_GUARD_REQUIRE_MOTO", "true")));
    }

    @Test
    void requiredOnlyWhenAskedFor() {
        assertFalse(MotoServerExtension.required(Map.of()));
        assertFalse(MotoServerExtension.required(Map.of("CI", "false")));
        assertFalse(MotoServerExtension.required(Map.of("CI", "1")));
        assertTrue(MotoServerExtension.required(Map.of("CI", "TRUE")));
        assertTrue(MotoServerExtension.required(Map.of("ECS_GUARD_REQUIRE_MOTO", "true")));
    }

    @Test
    void findsExecutableOnPathSkippingDirectoriesWithoutIt() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path notExecutable = Files.createDirectory(dir.resolve("noexec"));
        Files.writeString(notExecutable.resolve("moto_server"), "#!/bin/sh\n");
        Path exe = script(bin.resolve("moto_server"), "exit 0");
        String path = String.join(java.io.File.pathSeparator, empty.toString(), "", notExecutable.toString(), bin.toString());
        assertEquals(exe, MotoServerExtension.findOnPath("moto_server", path).orElseThrow());
        assertTrue(MotoServerExtension.findOnPath("moto_server", empty.toString()).isEmpty());
        assertEquals(exe, MotoServerExtension.locate(Map.of("PATH", path, "CI", "true")));
    }

    @Test
    void serverThatExitsAtStartIsReportedWithItsLog() throws IOException {
        Path exe = script(dir.resolve("moto_server"), "echo 'boom: no moto here' >&2; exit 3");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MotoServer.start(exe, dir.resolve("logs"), Duration.ofSeconds(20)));
        assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("boom: no moto here"), e.getMessage());
    }

    @Test
    void serverThatNeverAnswersTimesOutAndIsStopped() throws IOException {
        Path pidFile = dir.resolve("pid");
        Path exe = script(dir.resolve("moto_server"), "echo $$ > '" + pidFile + "'; echo 'still booting'; exec sleep 60");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MotoServer.start(exe, dir.resolve("logs"), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
        assertTrue(e.getMessage().contains("still booting"), e.getMessage());
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the hung server is killed");
    }

    private static Path script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}

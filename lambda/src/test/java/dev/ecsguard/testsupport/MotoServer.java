package dev.ecsguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code moto_server} process on a free loopback port, its output captured in a log file.
 * Started by {@link #start}, ready once {@code GET /moto-api/} answers 200, stopped by
 * {@link #close} (and by a JVM shutdown hook should the test run end some other way).
 */
public final class MotoServer implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final Thread shutdownHook;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        this.shutdownHook = new Thread(this::stopProcess, "moto-server-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code executable -H 127.0.0.1 -p PORT} on a free port and waits until it answers.
     * Retries on a new port if the process dies at start (another process took the port).
     */
    public static MotoServer start(Path executable, Path logDir, Duration timeout) {
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(executable, logDir, freePort(), timeout);
            } catch (EarlyExit e) {
                last = e;
            }
        }
        throw last;
    }

    private static MotoServer startOnce(Path executable, Path logDir, int port, Duration timeout) {
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path log = logDir.resolve("moto-server-" + port + ".log");
        Process process;
        try {
            Files.createDirectories(logDir);
            ProcessBuilder pb = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            pb.environment().put("PYTHONUNBUFFERED", "1");
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable + " (log " + log + ")", e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (MotoApi.isReady(endpoint)) {
                return new MotoServer(process, endpoint, log);
            }
            if (!process.isAlive()) {
                throw new EarlyExit("moto_server exited with code " + process.exitValue() + " before answering on "
                        + endpoint + "; log " + log + ":\n" + tail(log));
            }
            sleep(100);
        }
        destroy(process);
        throw new IllegalStateException("moto_server did not answer GET " + endpoint + "/moto-api/ within "
                + timeout.toSeconds() + " s; log " + log + ":\n" + tail(log));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The file holding the server's stdout and stderr. */
    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Clears all emulated resources and any state-manager transition a test set. */
    public void reset() {
        if (!process.isAlive()) {
            throw new IllegalStateException("moto_server (" + endpoint + ") has died; log " + log + ":\n" + tail(log));
        }
        MotoApi.reset(endpoint);
        MotoApi.unsetTransition(endpoint, "ecs::task");
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to do
        }
    }

    private void stopProcess() {
        destroy(process);
    }

    private static void destroy(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for moto_server", e);
        }
    }

    private static final class EarlyExit extends IllegalStateException {
        EarlyExit(String message) {
            super(message);
        }
    }

    @Override
    public String toString() {
        return "moto_server@" + endpoint;
    }
}

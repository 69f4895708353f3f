package dev.ecsguard.check;

import java.nio.file.Path;

/** A file {@code ecs-guard check} cannot evaluate (exit code 2); the message names the file. */
public final class CheckInputException extends Exception {
    private final transient Path file;
    private final String problem;

    public CheckInputException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }

    public Path file() {
        return file;
    }
}

package dev.ecsguard.rego.parsecache;

import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Parser;
import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.errors.RegoError;
import dev.ecsguard.rego.errors.RegoException;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Parsed modules kept between runs of the command line: one file per module under a cache
 * directory. An entry holds everything the parse depends on (the module's source and file name,
 * the Rego version flag, the engine build, {@link ModuleCodec#FORMAT}) and the encoded module; a
 * module whose entry holds exactly its source and the rest is decoded instead of parsed, any other
 * is parsed and its entry (re)written.
 *
 * <p>An entry is never trusted blindly: it is used only when all of the above compare equal byte
 * for byte, its CRC-32 matches (a corrupted or truncated file) and the module decodes completely;
 * anything else is ignored and rewritten. The source is compared rather than hashed: SHA-256 of the
 * starter policies' 66 KB cost about as much CPU in a fresh JVM as decoding them (README, "Start-up").
 * Entries are written to a temporary file and moved into place. A cache that cannot be read or
 * written (no home, read-only disk) only costs the parse. Modules that do not parse are not cached:
 * their errors come from the parser every time. The directory is the user's (created owner-only):
 * whoever can write it can change what the commands evaluate, as with the policy files themselves.
 *
 * <p>Only parsing is cached: compiling depends on all modules and the data together, and reading
 * a serialized compiled policy in a fresh JVM cost more than compiling (README, "Start-up").
 */
public final class ParsedModuleCache {
    private static final String MAGIC = "ecs-guard parsed module\n";

    private final Path dir;
    private final String engine;

    /**
     * @param dir    where entries live (created on first write, owner-only where the file system allows)
     * @param engine what identifies the engine build; entries of another build are never looked up
     */
    public ParsedModuleCache(Path dir, String engine) {
        this.dir = dir;
        this.engine = engine;
    }

    /**
     * The cache of this engine build in the user's cache directory: {@code $XDG_CACHE_HOME/ecs-guard/parsed},
     * else {@code ~/.cache/ecs-guard/parsed}; null when neither is known or the engine build cannot
     * be identified (then nothing is cached).
     */
    public static ParsedModuleCache forUser(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base;
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            base = Path.of(xdg);
        } else {
            String home = System.getProperty("user.home");
            if (home == null || home.isBlank() || home.equals("?")) return null;
            base = Path.of(home, ".cache");
        }
        String engine = engineBuild();
        return engine == null ? null : new ParsedModuleCache(base.resolve("ecs-guard").resolve("parsed"), engine);
    }

    /**
     * The engine's build: the path, size and modification time of the jar the parser was loaded
     * from (a rebuilt jar is another engine, whatever its version says); from a directory of
     * classes (tests, an IDE), the newest modification time and the number of the engine's classes.
     */
    static String engineBuild() {
        try {
            CodeSource cs = Parser.class.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) return null;
            Path p = Path.of(cs.getLocation().toURI());
            if (Files.isDirectory(p)) {
                long newest = 0, count = 0;
                try (Stream<Path> classes = Files.walk(p.resolve("dev/ecsguard/rego"))) {
                    for (Path c : (Iterable<Path>) classes::iterator) {
                        newest = Math.max(newest, Files.getLastModifiedTime(c).toMillis());
                        count++;
                    }
                }
                return p + "|classes|" + count + "|" + newest;
            }
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return p + "|" + a.size() + "|" + a.lastModifiedTime().toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    public Path dir() { return dir; }

    /**
     * Parses every module (file name to source), from the cache where it can, in order. Collects
     * the errors of every module that does not parse, as {@code Rego.Builder#build} does for
     * sources (the modules this returns go to {@code Rego.Builder#module(Module)}, whose start-up
     * trace mark {@code parse} then covers reading them here).
     * @throws RegoException with every parse error
     */
    public List<Module> parseAll(Map<String, String> sources, RegoVersion version) {
        List<Module> modules = new ArrayList<>(sources.size());
        List<RegoError> errors = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Module m = load(e.getKey(), e.getValue(), version);
            if (m != null) {
                modules.add(m);
                continue;
            }
            try {
                m = Parser.parseModule(e.getValue(), e.getKey(), version);
            } catch (RegoException ex) {
                errors.addAll(ex.errors());
                continue;
            }
            store(e.getKey(), e.getValue(), version, m);
            modules.add(m);
        }
        if (!errors.isEmpty()) throw new RegoException(errors);
        return modules;
    }

    /**
     * An entry's name: a 64-bit FNV-1a hash of the engine build, the version flag and the module's
     * file name, in hex. A module edited in place reuses its entry (the cache does not grow with
     * every edit); two modules whose names collide only miss, as the entry names its module in full.
     */
    Path entry(String file, RegoVersion version) {
        long h = 0xcbf29ce484222325L;
        String id = engine + "\0" + version + "\0" + file;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        return dir.resolve(HexFormat.of().toHexDigits(h) + ".bin");
    }

    /**
     * What an entry holds before the encoded module: the format, the engine build, the version
     * flag, the file name and the module's source, each compared exactly on load.
     */
    private byte[] header(String file, RegoVersion version) {
        return (MAGIC + ModuleCodec.FORMAT + "\0" + engine + "\0" + version + "\0" + file + "\0")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The module of a valid entry for exactly this source, or null (missing, unreadable, for
     * another source, build or format, corrupted).
     */
    Module load(String file, String source, RegoVersion version) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(entry(file, version));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        byte[] header = header(file, version);
        byte[] src = source.getBytes(StandardCharsets.UTF_8);
        int payloadAt = header.length + 4 + src.length;
        if (bytes.length < payloadAt + 8
                || !Arrays.equals(bytes, 0, header.length, header, 0, header.length)
                || ByteBuffer.wrap(bytes, header.length, 4).getInt() != src.length
                || !Arrays.equals(bytes, header.length + 4, payloadAt, src, 0, src.length)) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        if (ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong() != crc.getValue()) return null;
        try {
            return ModuleCodec.decode(Arrays.copyOfRange(bytes, payloadAt, bytes.length - 8));
        } catch (ModuleCodec.MalformedException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Writes an entry atomically (a temporary file, then a move: a reader sees the old entry or
     * the new one, never half of one); failing to write is not an error.
     */
    void store(String file, String source, RegoVersion version, Module m) {
        byte[] header = header(file, version);
        byte[] src = source.getBytes(StandardCharsets.UTF_8);
        byte[] payload = ModuleCodec.encode(m);
        ByteBuffer b = ByteBuffer.allocate(header.length + 4 + src.length + payload.length + 8);
        b.put(header).putInt(src.length).put(src).put(payload);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putLong(crc.getValue());
        Path tmp = null;
        try {
            if (!Files.isDirectory(dir)) createPrivateDirectories(dir);
            // Not Files.createTempFile: its SecureRandom costs a fresh JVM more than the parse saved.
            tmp = dir.resolve(".entry-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp");
            Files.write(tmp, b.array(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Path target = entry(file, version);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written costs the next run a parse, nothing else
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // left in the cache directory, never read (not a .bin name)
                }
            }
        }
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }
}

package dev.ecsguard.rego.builtins;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * A time zone as Go's {@code time.LoadLocation} reads it, so that offsets and abbreviations are
 * those of the machine's tzdata, as OPA sees them: the TZif file is looked up in the platform
 * zoneinfo directories in Go's order, parsed as {@code LoadLocationFromTZData} does (64-bit data
 * when present, footer TZ string for times past the last transition), and queried with Go's
 * {@code Location.lookup} and {@code tzset}. Go's read errors are kept ("is a directory",
 * "malformed time zone information"); {@link #load} returns null when no directory has the name.
 */
final class TimeZoneGo {
    /** Go's platformZoneSources on Unix. */
    static final List<String> SOURCES = List.of("/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/",
            "/etc/zoneinfo");

    static final long ALPHA = Long.MIN_VALUE, OMEGA = Long.MAX_VALUE;
    private static final int HOUR = 3600, DAY = 86400;

    /** Go's LoadLocation failure (message as Go words it). */
    static final class ZoneError extends RuntimeException {
        ZoneError(String message) { super(message, null, false, false); }
    }

    record Zone(String name, int offset, boolean isDst) {}

    /** Result of a lookup: the zone in effect at a time, and the interval [start, end) it covers. */
    record Lookup(String name, int offset, long start, long end, boolean isDst) {}

    final String name;
    private final Zone[] zones;
    private final long[] txWhen;
    private final int[] txIndex;
    private final String extend;

    private TimeZoneGo(String name, Zone[] zones, long[] txWhen, int[] txIndex, String extend) {
        this.name = name;
        this.zones = zones;
        this.txWhen = txWhen;
        this.txIndex = txIndex;
        this.extend = extend;
    }

    /**
     * Go's loadLocation over {@code sources}: the first readable, valid file wins; the first error
     * other than "no such file" is thrown if none does; null when no source has the name.
     */
    static TimeZoneGo load(String name, List<String> sources) {
        ZoneError first = null;
        for (String source : sources) {
            Path p = Path.of(source.isEmpty() ? name : source + "/" + name);
            byte[] data;
            try {
                if (Files.isDirectory(p)) throw new ZoneError("is a directory");
                if (Files.size(p) > 10 << 20) throw new ZoneError("file " + p + " is too large");
                data = Files.readAllBytes(p);
            } catch (NoSuchFileException e) {
                continue;
            } catch (AccessDeniedException e) {
                if (first == null) first = new ZoneError("permission denied");
                continue;
            } catch (ZoneError e) {
                if (first == null) first = e;
                continue;
            } catch (IOException | RuntimeException e) {
                if (Files.notExists(p)) continue;
                if (first == null) first = new ZoneError(e.getMessage() == null ? "read error" : e.getMessage());
                continue;
            }
            try {
                return parse(name, data);
            } catch (ZoneError e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
        return null;
    }

    private static final class Data {
        final byte[] b;
        int pos;
        boolean error;

        Data(byte[] b, int pos) {
            this.b = b;
            this.pos = pos;
        }

        int[] read(int n) {
            if (n < 0 || b.length - pos < n) {
                pos = b.length;
                error = true;
                return null;
            }
            int[] out = new int[n];
            for (int i = 0; i < n; i++) out[i] = b[pos + i] & 0xff;
            pos += n;
            return out;
        }

        long big4() {
            int[] p = read(4);
            if (p == null) return -1;
            return ((long) p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
        }

        long big8() {
            long hi = big4(), lo = big4();
            if (error) return 0;
            return (hi << 32) | lo;
        }
    }

    private static ZoneError bad() { return new ZoneError("malformed time zone information"); }

    /** Go's LoadLocationFromTZData. */
    static TimeZoneGo parse(String name, byte[] bytes) {
        Data d = new Data(bytes, 0);
        int[] magic = d.read(4);
        if (magic == null || magic[0] != 'T' || magic[1] != 'Z' || magic[2] != 'i' || magic[3] != 'f') throw bad();
        int[] p = d.read(16);
        if (p == null) throw bad();
        int version = switch (p[0]) {
            case 0 -> 1;
            case '2' -> 2;
            case '3' -> 3;
            default -> throw bad();
        };
        final int nUtcLocal = 0, nStdWall = 1, nLeap = 2, nTime = 3, nZone = 4, nChar = 5;
        int[] n = new int[6];
        for (int i = 0; i < 6; i++) {
            long v = d.big4();
            if (d.error || v > Integer.MAX_VALUE) throw bad();
            n[i] = (int) v;
        }
        boolean is64 = false;
        if (version > 1) {
            long skip = (long) n[nTime] * 4 + n[nTime] + (long) n[nZone] * 6 + n[nChar] + (long) n[nLeap] * 8 + n[nStdWall]
                    + n[nUtcLocal] + 4 + 16;
            if (skip > Integer.MAX_VALUE) throw bad();
            d.read((int) skip);
            is64 = true;
            for (int i = 0; i < 6; i++) {
                long v = d.big4();
                if (d.error || v > Integer.MAX_VALUE) throw bad();
                n[i] = (int) v;
            }
        }
        int size = is64 ? 8 : 4;
        int txStart = d.pos;
        d.read((int) Math.min(Integer.MAX_VALUE, (long) n[nTime] * size));
        int[] txZones = d.read(n[nTime]);
        int zoneStart = d.pos;
        d.read((int) Math.min(Integer.MAX_VALUE, (long) n[nZone] * 6));
        int[] abbrev = d.read(n[nChar]);
        d.read((int) Math.min(Integer.MAX_VALUE, (long) n[nLeap] * (size + 4)));
        d.read(n[nStdWall]);
        d.read(n[nUtcLocal]);
        if (d.error) throw bad();
        String extend = "";
        int restLen = bytes.length - d.pos;
        if (restLen > 2 && bytes[d.pos] == '\n' && bytes[bytes.length - 1] == '\n') {
            extend = new String(bytes, d.pos + 1, restLen - 2, StandardCharsets.UTF_8);
        }
        if (n[nZone] == 0) throw bad();
        Zone[] zones = new Zone[n[nZone]];
        Data zd = new Data(bytes, zoneStart);
        for (int i = 0; i < zones.length; i++) {
            int off = (int) zd.big4();
            int[] flags = zd.read(2);
            if (flags == null || flags[1] >= abbrev.length) throw bad();
            int end = flags[1];
            while (end < abbrev.length && abbrev[end] != 0) end++;
            byte[] nameBytes = new byte[end - flags[1]];
            for (int k = 0; k < nameBytes.length; k++) nameBytes[k] = (byte) abbrev[flags[1] + k];
            zones[i] = new Zone(new String(nameBytes, StandardCharsets.UTF_8), off, flags[0] != 0);
        }
        int count = n[nTime];
        long[] when = new long[Math.max(count, 1)];
        int[] index = new int[Math.max(count, 1)];
        Data td = new Data(bytes, txStart);
        for (int i = 0; i < count; i++) {
            when[i] = is64 ? td.big8() : (int) td.big4();
            if (txZones[i] >= zones.length) throw bad();
            index[i] = txZones[i];
        }
        if (count == 0) {
            // Go: a fake transition covering all time (fixed zones such as Etc/GMT0).
            when[0] = ALPHA;
            index[0] = 0;
        }
        return new TimeZoneGo(name, zones, when, index, extend);
    }

    /** A fixed zone, like Go's time.UTC. */
    static TimeZoneGo fixed(String name, String abbrev, int offset) {
        return new TimeZoneGo(name, new Zone[]{new Zone(abbrev, offset, false)}, new long[]{ALPHA}, new int[]{0}, "");
    }

    /** Go's Location.lookup: the zone in effect at {@code sec} (Unix seconds). */
    Lookup lookup(long sec) {
        if (sec < txWhen[0]) {
            Zone z = zones[lookupFirstZone()];
            return new Lookup(z.name, z.offset, ALPHA, txWhen[0], z.isDst);
        }
        long end = OMEGA;
        int lo = 0, hi = txWhen.length;
        while (hi - lo > 1) {
            int m = (lo + hi) >>> 1;
            long lim = txWhen[m];
            if (sec < lim) {
                end = lim;
                hi = m;
            } else {
                lo = m;
            }
        }
        Zone z = zones[txIndex[lo]];
        long start = txWhen[lo];
        if (lo == txWhen.length - 1 && !extend.isEmpty()) {
            Lookup e = tzset(extend, start, sec);
            if (e != null) return e;
        }
        return new Lookup(z.name, z.offset, start, end, z.isDst);
    }

    private int lookupFirstZone() {
        boolean firstZoneUsed = false;
        for (int i : txIndex) {
            if (i == 0) {
                firstZoneUsed = true;
                break;
            }
        }
        if (!firstZoneUsed) return 0;
        if (zones[txIndex[0]].isDst) {
            for (int zi = txIndex[0] - 1; zi >= 0; zi--) if (!zones[zi].isDst) return zi;
        }
        for (int zi = 0; zi < zones.length; zi++) if (!zones[zi].isDst) return zi;
        return 0;
    }

    /**
     * Go's Date() conversion of a local wall-clock time (seconds as if UTC) to Unix seconds: the
     * offset found for the local time, corrected once if the result falls outside its interval.
     */
    long toUtc(long local) {
        Lookup l = lookup(local);
        int offset = l.offset;
        if (offset != 0) {
            long utc = local - offset;
            if (utc < l.start || utc >= l.end) offset = lookup(utc).offset;
            local -= offset;
        }
        return local;
    }

    // ---- tzset: POSIX TZ strings (the TZif footer) ----------------------------------------------

    private record Parsed<T>(T value, String rest) {}

    private record Rule(int kind, int day, int week, int mon, int time) {}

    private static final int JULIAN = 0, DOY = 1, MONTH_WEEK_DAY = 2;

    static Lookup tzset(String s, long lastTxSec, long sec) {
        Parsed<String> std = tzsetName(s);
        if (std == null) return null;
        Parsed<Integer> stdOff = tzsetOffset(std.rest);
        if (stdOff == null) return null;
        String stdName = std.value;
        int stdOffset = -stdOff.value;
        s = stdOff.rest;
        if (s.isEmpty() || s.charAt(0) == ',') return new Lookup(stdName, stdOffset, lastTxSec, OMEGA, false);
        Parsed<String> dst = tzsetName(s);
        if (dst == null) return null;
        String dstName = dst.value;
        s = dst.rest;
        int dstOffset;
        if (s.isEmpty() || s.charAt(0) == ',') {
            dstOffset = stdOffset + HOUR;
        } else {
            Parsed<Integer> o = tzsetOffset(s);
            if (o == null) return null;
            dstOffset = -o.value;
            s = o.rest;
        }
        if (s.isEmpty()) s = ",M3.2.0,M11.1.0";
        if (s.charAt(0) != ',' && s.charAt(0) != ';') return null;
        Parsed<Rule> startRule = tzsetRule(s.substring(1));
        if (startRule == null || startRule.rest.isEmpty() || startRule.rest.charAt(0) != ',') return null;
        Parsed<Rule> endRule = tzsetRule(startRule.rest.substring(1));
        if (endRule == null || !endRule.rest.isEmpty()) return null;

        int year = LocalDate.ofEpochDay(Math.floorDiv(sec, DAY)).getYear();
        long abs = LocalDate.of(year, 1, 1).toEpochDay() * DAY;
        long ysec = sec - abs;
        long startSec = tzruleTime(year, startRule.value, stdOffset);
        long endSec = tzruleTime(year, endRule.value, dstOffset);
        boolean dstIsDst = true, stdIsDst = false;
        if (endSec < startSec) {
            long t = startSec; startSec = endSec; endSec = t;
            String tn = stdName; stdName = dstName; dstName = tn;
            int to = stdOffset; stdOffset = dstOffset; dstOffset = to;
            boolean tb = stdIsDst; stdIsDst = dstIsDst; dstIsDst = tb;
        }
        if (ysec < startSec) return new Lookup(stdName, stdOffset, abs, startSec + abs, stdIsDst);
        if (ysec >= endSec) return new Lookup(stdName, stdOffset, endSec + abs, abs + 365L * DAY, stdIsDst);
        return new Lookup(dstName, dstOffset, startSec + abs, endSec + abs, dstIsDst);
    }

    private static Parsed<String> tzsetName(String s) {
        if (s.isEmpty()) return null;
        if (s.charAt(0) != '<') {
            for (int i = 0; i < s.length(); i++) {
                char r = s.charAt(i);
                if ((r >= '0' && r <= '9') || r == ',' || r == '-' || r == '+') {
                    if (i < 3) return null;
                    return new Parsed<>(s.substring(0, i), s.substring(i));
                }
            }
            if (s.length() < 3) return null;
            return new Parsed<>(s, "");
        }
        int gt = s.indexOf('>');
        if (gt < 0) return null;
        return new Parsed<>(s.substring(1, gt), s.substring(gt + 1));
    }

    private static Parsed<Integer> tzsetOffset(String s) {
        if (s.isEmpty()) return null;
        boolean neg = false;
        if (s.charAt(0) == '+') {
            s = s.substring(1);
        } else if (s.charAt(0) == '-') {
            s = s.substring(1);
            neg = true;
        }
        Parsed<Integer> h = tzsetNum(s, 0, 24 * 7);
        if (h == null) return null;
        int off = h.value * HOUR;
        s = h.rest;
        if (!s.isEmpty() && s.charAt(0) == ':') {
            Parsed<Integer> m = tzsetNum(s.substring(1), 0, 59);
            if (m == null) return null;
            off += m.value * 60;
            s = m.rest;
            if (!s.isEmpty() && s.charAt(0) == ':') {
                Parsed<Integer> sec = tzsetNum(s.substring(1), 0, 59);
                if (sec == null) return null;
                off += sec.value;
                s = sec.rest;
            }
        }
        return new Parsed<>(neg ? -off : off, s);
    }

    private static Parsed<Rule> tzsetRule(String s) {
        if (s.isEmpty()) return null;
        int kind, day, week = 0, mon = 0;
        if (s.charAt(0) == 'J') {
            Parsed<Integer> j = tzsetNum(s.substring(1), 1, 365);
            if (j == null) return null;
            kind = JULIAN;
            day = j.value;
            s = j.rest;
        } else if (s.charAt(0) == 'M') {
            Parsed<Integer> m = tzsetNum(s.substring(1), 1, 12);
            if (m == null || m.rest.isEmpty() || m.rest.charAt(0) != '.') return null;
            Parsed<Integer> w = tzsetNum(m.rest.substring(1), 1, 5);
            if (w == null || w.rest.isEmpty() || w.rest.charAt(0) != '.') return null;
            Parsed<Integer> dd = tzsetNum(w.rest.substring(1), 0, 6);
            if (dd == null) return null;
            kind = MONTH_WEEK_DAY;
            day = dd.value;
            week = w.value;
            mon = m.value;
            s = dd.rest;
        } else {
            Parsed<Integer> dd = tzsetNum(s, 0, 365);
            if (dd == null) return null;
            kind = DOY;
            day = dd.value;
            s = dd.rest;
        }
        if (s.isEmpty() || s.charAt(0) != '/') return new Parsed<>(new Rule(kind, day, week, mon, 2 * HOUR), s);
        Parsed<Integer> t = tzsetOffset(s.substring(1));
        if (t == null) return null;
        return new Parsed<>(new Rule(kind, day, week, mon, t.value), t.rest);
    }

    private static Parsed<Integer> tzsetNum(String s, int min, int max) {
        if (s.isEmpty()) return null;
        int num = 0;
        for (int i = 0; i < s.length(); i++) {
            char r = s.charAt(i);
            if (r < '0' || r > '9') {
                if (i == 0 || num < min) return null;
                return new Parsed<>(num, s.substring(i));
            }
            num = num * 10 + (r - '0');
            if (num > max) return null;
        }
        if (num < min) return null;
        return new Parsed<>(num, "");
    }

    private static boolean isLeap(int year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static final int[] DAYS_BEFORE = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};

    private static long tzruleTime(int year, Rule r, int off) {
        long s;
        switch (r.kind) {
            case JULIAN -> {
                s = (long) (r.day - 1) * DAY;
                if (isLeap(year) && r.day >= 60) s += DAY;
            }
            case DOY -> s = (long) r.day * DAY;
            default -> {
                // Zeller's congruence: day of week of the first day of r.mon.
                int m1 = (r.mon + 9) % 12 + 1;
                int yy0 = year;
                if (r.mon <= 2) yy0--;
                int yy1 = yy0 / 100;
                int yy2 = yy0 % 100;
                int dow = ((26 * m1 - 2) / 10 + 1 + yy2 + yy2 / 4 + yy1 / 4 - 2 * yy1) % 7;
                if (dow < 0) dow += 7;
                int d = r.day - dow;
                if (d < 0) d += 7;
                int daysIn = DAYS_BEFORE[r.mon] - DAYS_BEFORE[r.mon - 1] + (r.mon == 2 && isLeap(year) ? 1 : 0);
                for (int i = 1; i < r.week; i++) {
                    if (d + 7 >= daysIn) break;
                    d += 7;
                }
                d += DAYS_BEFORE[r.mon - 1];
                if (isLeap(year) && r.mon > 2) d++;
                s = (long) d * DAY;
            }
        }
        return s + r.time - off;
    }
}

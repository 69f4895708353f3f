package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Signature;
import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OPA's time builtins with Go's semantics: layouts in Go's reference-time notation (see
 * {@link TimeGoLayout}), Go's duration syntax, zones read from the machine's tzdata as Go reads them
 * ({@link TimeZoneGo}; java.time's rules where there is none), nanosecond
 * timestamps limited to the int64 range ("time outside of valid range").
 */
public final class TimeBuiltins implements BuiltinNamespace {
    /** OPA's declared argument types: ns, or [ns, tz] (time.format also [ns, tz, layout]). */
    private static final Type NS_OR_TZ = Type.anyOf(Type.NUMBER, Type.tuple(Type.NUMBER, Type.STRING));
    private static final Type NS_OR_TZ_LAYOUT = Type.anyOf(Type.NUMBER, Type.tuple(Type.NUMBER, Type.STRING),
            Type.tuple(Type.NUMBER, Type.STRING, Type.STRING));

    @Override
    public void register(BuiltinRegistry r) {
        r.register(new Builtin("time.now_ns", Signature.of(Type.NUMBER), (a, ctx) -> NumberValue.of(ctx.nowNs()), false, null));
        r.register("time.parse_ns", Type.NUMBER, TimeBuiltins::parseNs, Type.STRING, Type.STRING);
        r.register("time.parse_rfc3339_ns", Type.NUMBER, TimeBuiltins::parseRfc3339Ns, Type.STRING);
        r.register("time.parse_duration_ns", Type.NUMBER, TimeBuiltins::parseDurationNs, Type.STRING);
        r.register("time.date", Type.tuple(Type.NUMBER, Type.NUMBER, Type.NUMBER), TimeBuiltins::date, NS_OR_TZ);
        r.register("time.clock", Type.tuple(Type.NUMBER, Type.NUMBER, Type.NUMBER), TimeBuiltins::clock, NS_OR_TZ);
        r.register("time.weekday", Type.STRING, TimeBuiltins::weekday, NS_OR_TZ);
        r.register("time.add_date", Type.NUMBER, TimeBuiltins::addDate, Type.NUMBER, Type.NUMBER, Type.NUMBER, Type.NUMBER);
        r.register("time.diff", Type.tuple(Type.NUMBER, Type.NUMBER, Type.NUMBER, Type.NUMBER, Type.NUMBER, Type.NUMBER),
                TimeBuiltins::diff, NS_OR_TZ, NS_OR_TZ);
        r.register("time.format", Type.STRING, TimeBuiltins::format, NS_OR_TZ_LAYOUT);
    }

    private static final Map<String, String> NAMED_LAYOUTS = Map.of(
            "ANSIC", "Mon Jan _2 15:04:05 2006",
            "UnixDate", "Mon Jan _2 15:04:05 MST 2006",
            "RubyDate", "Mon Jan 02 15:04:05 -0700 2006",
            "RFC822", "02 Jan 06 15:04 MST",
            "RFC822Z", "02 Jan 06 15:04 -0700",
            "RFC850", "Monday, 02-Jan-06 15:04:05 MST",
            "RFC1123", "Mon, 02 Jan 2006 15:04:05 MST",
            "RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700",
            "RFC3339", TimeGoLayout.RFC3339,
            "RFC3339Nano", TimeGoLayout.RFC3339_NANO);

    private static final BigInteger MIN_NS = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_NS = BigInteger.valueOf(Long.MAX_VALUE);

    private static Value safeNs(String name, BigInteger ns) {
        if (ns.compareTo(MIN_NS) < 0 || ns.compareTo(MAX_NS) > 0) {
            throw BuiltinException.failure(name, "time outside of valid range");
        }
        return NumberValue.of(ns.longValue());
    }

    private static Value parseNs(Value[] args, BuiltinContext ctx) {
        String name = "time.parse_ns";
        String layout = RegexBuiltins.str(name, args, 0);
        String value = RegexBuiltins.str(name, args, 1);
        layout = NAMED_LAYOUTS.getOrDefault(layout, layout);
        return safeNs(name, parse(name, layout, value));
    }

    private static BigInteger parse(String name, String layout, String value) {
        try {
            return TimeGoLayout.parse(layout, value);
        } catch (TimeGoLayout.GoTimeException e) {
            throw BuiltinException.failure(name, e.getMessage());
        } catch (DateTimeException e) {
            throw BuiltinException.failure(name, "time outside of valid range");
        }
    }

    private static Value parseRfc3339Ns(Value[] args, BuiltinContext ctx) {
        String name = "time.parse_rfc3339_ns";
        String value = RegexBuiltins.str(name, args, 0);
        return safeNs(name, parse(name, TimeGoLayout.RFC3339, value));
    }

    private static Value parseDurationNs(Value[] args, BuiltinContext ctx) {
        String name = "time.parse_duration_ns";
        String d = RegexBuiltins.str(name, args, 0);
        try {
            return NumberValue.of(TimeGoLayout.parseDuration(d));
        } catch (TimeGoLayout.GoTimeException e) {
            throw BuiltinException.failure(name, e.getMessage());
        }
    }

    /**
     * A location as OPA's time.LoadLocation finds it: a Go zone read from the machine's tzdata
     * ({@link TimeZoneGo}: Go's offsets and abbreviations, also for names java.time does not know),
     * or, where no zoneinfo file has the name (a machine without tzdata), java.time's rules.
     */
    record Loc(TimeZoneGo go, ZoneId rules) {
        /** The time at an instant, with the zone's offset then, and its abbreviation. */
        TzTime at(Instant instant, String layout) {
            if (go == null) {
                ZonedDateTime t = ZonedDateTime.ofInstant(instant, rules);
                return new TzTime(t, TimeGoLayout.abbreviation(t), this, layout);
            }
            TimeZoneGo.Lookup l = go.lookup(instant.getEpochSecond());
            ZonedDateTime t;
            try {
                t = ZonedDateTime.ofInstant(instant, ZoneOffset.ofTotalSeconds(l.offset()));
            } catch (DateTimeException e) {   // offsets beyond +-18h: same wall clock, clamped offset
                t = ZonedDateTime.ofInstant(instant.plusSeconds(l.offset()), ZoneOffset.UTC);
            }
            return new TzTime(t, l.name(), this, layout);
        }

        /** Go's Date(): Unix seconds of a wall-clock time in this location. */
        long toUtc(long localSec) {
            if (go != null) return go.toUtc(localSec);
            java.time.LocalDateTime ldt = java.time.LocalDateTime.ofEpochSecond(localSec, 0, ZoneOffset.UTC);
            return localSec - ZonedDateTime.ofLocal(ldt, rules, null).getOffset().getTotalSeconds();
        }
    }

    /** A time in a location (fixed-offset fields, zone abbreviation) plus the layout given as the third array element. */
    record TzTime(ZonedDateTime time, String abbreviation, Loc loc, String layout) {}

    private static final Set<String> UTC_NAMES = Set.of("", "UTC");
    private static final Loc UTC = new Loc(TimeZoneGo.fixed("UTC", "UTC", 0), null);
    private static final Map<String, ZoneId> LEGACY = Map.of(
            // tzdata now links these to zones with the same fixed offset and abbreviation
            "EST", ZoneId.of("America/Panama"), "MST", ZoneId.of("America/Phoenix"), "HST", ZoneId.of("Pacific/Honolulu"));
    private static final ConcurrentHashMap<String, Loc> ZONES = new ConcurrentHashMap<>();
    private static volatile Loc local;

    /** Go's sources: $ZONEINFO (a directory) first, then the platform zoneinfo directories. */
    private static List<String> sources() {
        String env = System.getenv("ZONEINFO");
        if (env == null || env.isEmpty() || !Files.isDirectory(Path.of(env))) return TimeZoneGo.SOURCES;
        List<String> out = new ArrayList<>();
        out.add(env);
        out.addAll(TimeZoneGo.SOURCES);
        return out;
    }

    static Loc zone(String name, String tz) {
        if (UTC_NAMES.contains(tz)) return UTC;
        if (tz.equals("Local")) return local();
        if (tz.contains("..") || tz.startsWith("/") || tz.startsWith("\\")) {
            throw BuiltinException.failure(name, "time: invalid location name");
        }
        Loc cached = ZONES.get(tz);
        if (cached != null) return cached;
        TimeZoneGo go;
        try {
            go = TimeZoneGo.load(tz, sources());
        } catch (TimeZoneGo.ZoneError e) {
            throw BuiltinException.failure(name, e.getMessage());
        }
        Loc loc;
        if (go != null) {
            loc = new Loc(go, null);
        } else {
            ZoneId legacy = LEGACY.get(tz);
            if (legacy == null && !ZoneId.getAvailableZoneIds().contains(tz)) {
                throw BuiltinException.failure(name, "unknown time zone " + tz);
            }
            loc = new Loc(null, legacy != null ? legacy : ZoneId.of(tz));
        }
        ZONES.put(tz, loc);
        return loc;
    }

    /** Go's time.Local: $TZ (":" stripped; a path, or a zone name other than UTC), else /etc/localtime, else UTC. */
    private static Loc local() {
        Loc l = local;
        if (l != null) return l;
        l = UTC;
        String tz = System.getenv("TZ");
        try {
            TimeZoneGo z = null;
            if (tz == null) {
                z = TimeZoneGo.load("localtime", List.of("/etc"));
            } else {
                if (tz.startsWith(":")) tz = tz.substring(1);
                if (tz.startsWith("/")) z = TimeZoneGo.load(tz, List.of(""));
                else if (!tz.isEmpty() && !tz.equals("UTC")) z = TimeZoneGo.load(tz, TimeZoneGo.SOURCES);
            }
            if (z != null) l = new Loc(z, null);
        } catch (TimeZoneGo.ZoneError e) {
            // Go falls back to UTC
        }
        local = l;
        return l;
    }

    static TzTime tzTime(String name, Value a) {
        Value nVal;
        Loc loc = UTC;
        String layout = "";
        if (a instanceof ArrayValue arr) {
            if (arr.size() == 0) {
                throw BuiltinException.operand(name, 1, "either number (ns) or [number (ns), string (tz)]", a);
            }
            nVal = arr.get(0);
            if (!(nVal instanceof NumberValue)) throw BuiltinException.operand(name, 1, "number", nVal);
            if (arr.size() > 1) {
                if (!(arr.get(1) instanceof StringValue tz)) throw BuiltinException.operand(name, 1, "string", arr.get(1));
                loc = zone(name, tz.value());
            }
            if (arr.size() > 2) {
                if (!(arr.get(2) instanceof StringValue lay)) throw BuiltinException.operand(name, 1, "string", arr.get(2));
                layout = lay.value();
            }
        } else if (a instanceof NumberValue) {
            nVal = a;
        } else {
            throw BuiltinException.operand(name, 1, "either number (ns) or [number (ns), string (tz)]", a);
        }
        BigDecimal bd = ((NumberValue) nVal).bigDecimal();
        // 1e10000000 must not be expanded to find out it is too big
        if (bd.signum() != 0 && (long) bd.precision() - bd.scale() > 20) throw BuiltinException.failure(name, "timestamp too big");
        BigInteger bi;
        try {
            bi = bd.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw BuiltinException.failure(name, "timestamp too big");
        }
        if (bi.bitLength() > 63) throw BuiltinException.failure(name, "timestamp too big");
        long ns = bi.longValue();
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
        return loc.at(instant, layout);
    }

    private static Value date(Value[] args, BuiltinContext ctx) {
        ZonedDateTime t = tzTime("time.date", args[0]).time();
        return ArrayValue.of(NumberValue.of(t.getYear()), NumberValue.of(t.getMonthValue()), NumberValue.of(t.getDayOfMonth()));
    }

    private static Value clock(Value[] args, BuiltinContext ctx) {
        ZonedDateTime t = tzTime("time.clock", args[0]).time();
        return ArrayValue.of(NumberValue.of(t.getHour()), NumberValue.of(t.getMinute()), NumberValue.of(t.getSecond()));
    }

    private static Value weekday(Value[] args, BuiltinContext ctx) {
        ZonedDateTime t = tzTime("time.weekday", args[0]).time();
        return StringValue.of(TimeGoLayout.weekdayName(t.getDayOfWeek()));
    }

    private static Value addDate(Value[] args, BuiltinContext ctx) {
        String name = "time.add_date";
        TzTime tt = tzTime(name, args[0]);
        ZonedDateTime t = tt.time();
        long years = RegexBuiltins.intOperand(name, args, 1);
        long months = RegexBuiltins.intOperand(name, args, 2);
        long days = RegexBuiltins.intOperand(name, args, 3);
        // Go's AddDate: Date(y+years, m+months, d+days, h, mi, s, ns) with normalisation.
        long y = t.getYear() + years;
        long m = t.getMonthValue() - 1 + months;
        y += Math.floorDiv(m, 12);
        m = Math.floorMod(m, 12);
        if (Math.abs(y) > 1_000_000_000L || Math.abs(days) > 400_000_000_000L) {
            throw BuiltinException.failure(name, "time outside of valid range");
        }
        long epochDay = java.time.LocalDate.of((int) y, (int) m + 1, 1).toEpochDay() + (t.getDayOfMonth() - 1) + days;
        long secOfDay = t.toLocalTime().toSecondOfDay();
        BigInteger localSec = BigInteger.valueOf(epochDay).multiply(BigInteger.valueOf(86400)).add(BigInteger.valueOf(secOfDay));
        // The location's offset at that wall-clock time, resolved as Go's Date() does.
        long utc;
        try {
            utc = tt.loc().toUtc(localSec.longValueExact());
        } catch (DateTimeException | ArithmeticException e) {
            throw BuiltinException.failure(name, "time outside of valid range");
        }
        BigInteger ns = BigInteger.valueOf(utc).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(t.getNano()));
        return safeNs(name, ns);
    }

    private static Value diff(Value[] args, BuiltinContext ctx) {
        String name = "time.diff";
        TzTime tt1 = tzTime(name, args[0]);
        TzTime tt2 = tzTime(name, args[1]);
        ZonedDateTime t1 = tt1.time();
        ZonedDateTime t2 = tt2.time();
        if (tt1.loc() != tt2.loc()) t2 = tt1.loc().at(t2.toInstant(), "").time();
        if (t1.isAfter(t2)) {
            ZonedDateTime tmp = t1;
            t1 = t2;
            t2 = tmp;
        }
        int year = t2.getYear() - t1.getYear();
        int month = t2.getMonthValue() - t1.getMonthValue();
        int day = t2.getDayOfMonth() - t1.getDayOfMonth();
        int hour = t2.getHour() - t1.getHour();
        int min = t2.getMinute() - t1.getMinute();
        int sec = t2.getSecond() - t1.getSecond();
        if (sec < 0) { sec += 60; min--; }
        if (min < 0) { min += 60; hour--; }
        if (hour < 0) { hour += 24; day--; }
        if (day < 0) {
            // Go: Date(y1, M1, 32) normalises into the next month; 32 - that day = days in M1.
            day += t1.toLocalDate().lengthOfMonth();
            month--;
        }
        if (month < 0) { month += 12; year--; }
        return ArrayValue.of(NumberValue.of(year), NumberValue.of(month), NumberValue.of(day),
                NumberValue.of(hour), NumberValue.of(min), NumberValue.of(sec));
    }

    private static Value format(Value[] args, BuiltinContext ctx) {
        TzTime tt = tzTime("time.format", args[0]);
        String layout = tt.layout();
        if (layout.isEmpty()) layout = TimeGoLayout.RFC3339_NANO;
        else layout = NAMED_LAYOUTS.getOrDefault(layout, layout);
        return StringValue.of(TimeGoLayout.format(tt.time(), tt.abbreviation(), layout));
    }
}

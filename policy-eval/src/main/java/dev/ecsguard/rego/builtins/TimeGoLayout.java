package dev.ecsguard.rego.builtins;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Go's {@code time} layout strings ("2006-01-02T15:04:05Z07:00"): formatting and parsing with the
 * same chunking ({@code nextStdChunk}), the same leniencies and the same error messages as Go's
 * {@code time.Format} / {@code time.Parse}, and Go's {@code ParseDuration}. Layouts are ASCII-driven;
 * values are compared byte-wise on their UTF-16 form, which agrees with Go for the ASCII fields.
 */
final class TimeGoLayout {
    private TimeGoLayout() {}

    static final String RFC3339 = "2006-01-02T15:04:05Z07:00";
    static final String RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";

    static final class GoTimeException extends RuntimeException {
        GoTimeException(String m) { super(m, null, false, false); }
    }

    // std codes (values only need to be distinct; flags mirror Go's for the "need" checks)
    static final int LONG_MONTH = 1, MONTH = 2, NUM_MONTH = 3, ZERO_MONTH = 4, LONG_WEEKDAY = 5, WEEKDAY = 6,
            DAY = 7, UNDER_DAY = 8, ZERO_DAY = 9, UNDER_YEAR_DAY = 10, ZERO_YEAR_DAY = 11, HOUR = 12, HOUR12 = 13,
            ZERO_HOUR12 = 14, MINUTE = 15, ZERO_MINUTE = 16, SECOND = 17, ZERO_SECOND = 18, LONG_YEAR = 19,
            YEAR = 20, PM = 21, PM_LOWER = 22, TZ = 23, ISO_TZ = 24, ISO_SECONDS_TZ = 25, ISO_SHORT_TZ = 26,
            ISO_COLON_TZ = 27, ISO_COLON_SECONDS_TZ = 28, NUM_TZ = 29, NUM_SECONDS_TZ = 30, NUM_SHORT_TZ = 31,
            NUM_COLON_TZ = 32, NUM_COLON_SECONDS_TZ = 33, FRAC0 = 34, FRAC9 = 35;

    /** One chunk: literal prefix, std code (0 = none), std text, remaining layout; frac digits/separator. */
    record Chunk(String prefix, int std, String stdStr, String suffix, int digits, char sep) {}

    private static final int[] STD0X = {ZERO_MONTH, ZERO_DAY, ZERO_HOUR12, ZERO_MINUTE, ZERO_SECOND, YEAR};

    private static boolean startsWithLower(String s, int i) {
        return i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
    }

    private static boolean isDigit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    private static Chunk chunk(String l, int i, int std, int len) {
        return new Chunk(l.substring(0, i), std, l.substring(i, i + len), l.substring(i + len), 0, '.');
    }

    static Chunk nextStdChunk(String l) {
        int n = l.length();
        for (int i = 0; i < n; i++) {
            char c = l.charAt(i);
            switch (c) {
                case 'J' -> {
                    if (l.startsWith("Jan", i)) {
                        if (l.startsWith("January", i)) return chunk(l, i, LONG_MONTH, 7);
                        if (!startsWithLower(l, i + 3)) return chunk(l, i, MONTH, 3);
                    }
                }
                case 'M' -> {
                    if (l.startsWith("Mon", i)) {
                        if (l.startsWith("Monday", i)) return chunk(l, i, LONG_WEEKDAY, 6);
                        if (!startsWithLower(l, i + 3)) return chunk(l, i, WEEKDAY, 3);
                    }
                    if (l.startsWith("MST", i)) return chunk(l, i, TZ, 3);
                }
                case '0' -> {
                    if (i + 1 < n && l.charAt(i + 1) >= '1' && l.charAt(i + 1) <= '6') {
                        return chunk(l, i, STD0X[l.charAt(i + 1) - '1'], 2);
                    }
                    if (l.startsWith("002", i)) return chunk(l, i, ZERO_YEAR_DAY, 3);
                }
                case '1' -> {
                    if (i + 1 < n && l.charAt(i + 1) == '5') return chunk(l, i, HOUR, 2);
                    return chunk(l, i, NUM_MONTH, 1);
                }
                case '2' -> {
                    if (l.startsWith("2006", i)) return chunk(l, i, LONG_YEAR, 4);
                    return chunk(l, i, DAY, 1);
                }
                case '_' -> {
                    if (i + 1 < n && l.charAt(i + 1) == '2') {
                        if (l.startsWith("2006", i + 1)) {
                            return new Chunk(l.substring(0, i + 1), LONG_YEAR, "2006", l.substring(i + 5), 0, '.');
                        }
                        return chunk(l, i, UNDER_DAY, 2);
                    }
                    if (l.startsWith("__2", i)) return chunk(l, i, UNDER_YEAR_DAY, 3);
                }
                case '3' -> { return chunk(l, i, HOUR12, 1); }
                case '4' -> { return chunk(l, i, MINUTE, 1); }
                case '5' -> { return chunk(l, i, SECOND, 1); }
                case 'P' -> { if (i + 1 < n && l.charAt(i + 1) == 'M') return chunk(l, i, PM, 2); }
                case 'p' -> { if (i + 1 < n && l.charAt(i + 1) == 'm') return chunk(l, i, PM_LOWER, 2); }
                case '-' -> {
                    if (l.startsWith("-070000", i)) return chunk(l, i, NUM_SECONDS_TZ, 7);
                    if (l.startsWith("-07:00:00", i)) return chunk(l, i, NUM_COLON_SECONDS_TZ, 9);
                    if (l.startsWith("-0700", i)) return chunk(l, i, NUM_TZ, 5);
                    if (l.startsWith("-07:00", i)) return chunk(l, i, NUM_COLON_TZ, 6);
                    if (l.startsWith("-07", i)) return chunk(l, i, NUM_SHORT_TZ, 3);
                }
                case 'Z' -> {
                    if (l.startsWith("Z070000", i)) return chunk(l, i, ISO_SECONDS_TZ, 7);
                    if (l.startsWith("Z07:00:00", i)) return chunk(l, i, ISO_COLON_SECONDS_TZ, 9);
                    if (l.startsWith("Z0700", i)) return chunk(l, i, ISO_TZ, 5);
                    if (l.startsWith("Z07:00", i)) return chunk(l, i, ISO_COLON_TZ, 6);
                    if (l.startsWith("Z07", i)) return chunk(l, i, ISO_SHORT_TZ, 3);
                }
                case '.', ',' -> {
                    if (i + 1 < n && (l.charAt(i + 1) == '0' || l.charAt(i + 1) == '9')) {
                        char ch = l.charAt(i + 1);
                        int j = i + 1;
                        while (j < n && l.charAt(j) == ch) j++;
                        if (!isDigit(l, j)) {
                            return new Chunk(l.substring(0, i), ch == '9' ? FRAC9 : FRAC0, l.substring(i, j),
                                    l.substring(j), j - (i + 1), c);
                        }
                    }
                }
                default -> { }
            }
        }
        return new Chunk(l, 0, "", "", 0, '.');
    }

    static final String[] LONG_DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    static final String[] SHORT_DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static final String[] SHORT_MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static final String[] LONG_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"};

    static String weekdayName(DayOfWeek d) {
        return LONG_DAYS[d.getValue() % 7];
    }

    // ---- formatting ----

    private static void appendInt(StringBuilder b, long x, int width) {
        if (x < 0) {
            b.append('-');
            x = -x;
        }
        String s = Long.toString(x);
        for (int p = width - s.length(); p > 0; p--) b.append('0');
        b.append(s);
    }

    /** Go's Time.Format for a zoned time; {@code zoneName} is the zone abbreviation ("" if none). */
    static String format(ZonedDateTime t, String zoneName, String layout) {
        StringBuilder b = new StringBuilder(layout.length() + 10);
        int offset = t.getOffset().getTotalSeconds();
        while (!layout.isEmpty()) {
            Chunk c = nextStdChunk(layout);
            b.append(c.prefix);
            if (c.std == 0) break;
            layout = c.suffix;
            int hour = t.getHour();
            switch (c.std) {
                case YEAR -> appendInt(b, Math.abs(t.getYear()) % 100, 2);
                case LONG_YEAR -> appendInt(b, t.getYear(), 4);
                case MONTH -> b.append(SHORT_MONTHS[t.getMonthValue() - 1]);
                case LONG_MONTH -> b.append(LONG_MONTHS[t.getMonthValue() - 1]);
                case NUM_MONTH -> appendInt(b, t.getMonthValue(), 0);
                case ZERO_MONTH -> appendInt(b, t.getMonthValue(), 2);
                case WEEKDAY -> b.append(weekdayName(t.getDayOfWeek()), 0, 3);
                case LONG_WEEKDAY -> b.append(weekdayName(t.getDayOfWeek()));
                case DAY -> appendInt(b, t.getDayOfMonth(), 0);
                case UNDER_DAY -> {
                    if (t.getDayOfMonth() < 10) b.append(' ');
                    appendInt(b, t.getDayOfMonth(), 0);
                }
                case ZERO_DAY -> appendInt(b, t.getDayOfMonth(), 2);
                case UNDER_YEAR_DAY -> {
                    int yd = t.getDayOfYear();
                    if (yd < 100) {
                        b.append(' ');
                        if (yd < 10) b.append(' ');
                    }
                    appendInt(b, yd, 0);
                }
                case ZERO_YEAR_DAY -> appendInt(b, t.getDayOfYear(), 3);
                case HOUR -> appendInt(b, hour, 2);
                case HOUR12, ZERO_HOUR12 -> {
                    int hr = hour % 12;
                    if (hr == 0) hr = 12;
                    appendInt(b, hr, c.std == HOUR12 ? 0 : 2);
                }
                case MINUTE -> appendInt(b, t.getMinute(), 0);
                case ZERO_MINUTE -> appendInt(b, t.getMinute(), 2);
                case SECOND -> appendInt(b, t.getSecond(), 0);
                case ZERO_SECOND -> appendInt(b, t.getSecond(), 2);
                case PM -> b.append(hour >= 12 ? "PM" : "AM");
                case PM_LOWER -> b.append(hour >= 12 ? "pm" : "am");
                case ISO_TZ, ISO_COLON_TZ, ISO_SECONDS_TZ, ISO_SHORT_TZ, ISO_COLON_SECONDS_TZ,
                     NUM_TZ, NUM_COLON_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_SECONDS_TZ -> {
                    boolean iso = c.std >= ISO_TZ && c.std <= ISO_COLON_SECONDS_TZ;
                    if (offset == 0 && iso) {
                        b.append('Z');
                        break;
                    }
                    int zone = offset / 60;
                    int absoffset = offset;
                    if (zone < 0) {
                        b.append('-');
                        zone = -zone;
                        absoffset = -absoffset;
                    } else {
                        b.append('+');
                    }
                    appendInt(b, zone / 60, 2);
                    boolean colon = c.std == ISO_COLON_TZ || c.std == NUM_COLON_TZ
                            || c.std == ISO_COLON_SECONDS_TZ || c.std == NUM_COLON_SECONDS_TZ;
                    if (colon) b.append(':');
                    if (c.std != NUM_SHORT_TZ && c.std != ISO_SHORT_TZ) appendInt(b, zone % 60, 2);
                    if (c.std == ISO_SECONDS_TZ || c.std == NUM_SECONDS_TZ || c.std == NUM_COLON_SECONDS_TZ
                            || c.std == ISO_COLON_SECONDS_TZ) {
                        if (c.std == NUM_COLON_SECONDS_TZ || c.std == ISO_COLON_SECONDS_TZ) b.append(':');
                        appendInt(b, absoffset % 60, 2);
                    }
                }
                case TZ -> {
                    if (!zoneName.isEmpty()) {
                        b.append(zoneName);
                        break;
                    }
                    int zone = offset / 60;
                    if (zone < 0) {
                        b.append('-');
                        zone = -zone;
                    } else {
                        b.append('+');
                    }
                    appendInt(b, zone / 60, 2);
                    appendInt(b, zone % 60, 2);
                }
                case FRAC0, FRAC9 -> appendNano(b, t.getNano(), c);
                default -> { }
            }
        }
        return b.toString();
    }

    private static void appendNano(StringBuilder b, int nanosec, Chunk c) {
        boolean trim = c.std == FRAC9;
        int n = c.digits;
        if (trim && (n == 0 || nanosec == 0)) return;
        int start = b.length();
        b.append(c.sep);
        String digits = String.format("%09d", nanosec);
        b.append(digits, 0, Math.min(n, 9));
        if (trim) {
            while (b.length() > start && b.charAt(b.length() - 1) == '0') b.setLength(b.length() - 1);
            if (b.length() > start && b.charAt(b.length() - 1) == c.sep) b.setLength(b.length() - 1);
        }
    }

    /** Zone abbreviation as Go's tzdata names it, from Java's short display name. */
    static String abbreviation(ZonedDateTime t) {
        String id = t.getZone().getId();
        if (id.equals("UTC") || id.equals("Z") || id.equals("UCT") || id.equals("Zulu") || id.equals("Etc/UTC")
                || id.equals("Etc/UCT") || id.equals("Etc/Zulu") || id.equals("Universal") || id.equals("Etc/Universal")) {
            return "UTC";
        }
        String s = t.format(DateTimeFormatter.ofPattern("zzz", Locale.US));
        if (s.startsWith("GMT") && s.length() > 3) {
            // tzdata's numeric abbreviations: "+04", "+0530", "-03"
            String off = s.substring(3).replace(":", "");
            if (off.endsWith("00") && off.length() == 5) off = off.substring(0, 3);
            return off;
        }
        return s;
    }

    // ---- parsing ----

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (c >= 0x80 || c < ' ') {
                b.append("\\x").append("0123456789abcdef".charAt(c >> 4)).append("0123456789abcdef".charAt(c & 0xf));
            } else {
                if (c == '"' || c == '\\') b.append('\\');
                b.append((char) c);
            }
        }
        return b.append('"').toString();
    }

    private static GoTimeException parseError(String layout, String value, String layoutElem, String valueElem, String message) {
        if (message.isEmpty()) {
            return new GoTimeException("parsing time " + quote(value) + " as " + quote(layout) + ": cannot parse "
                    + quote(valueElem) + " as " + quote(layoutElem));
        }
        return new GoTimeException("parsing time " + quote(value) + message);
    }

    private static final class Bad extends Exception {
        Bad() { super(null, null, false, false); }
    }

    private static final Bad BAD = new Bad();

    /** Mutable cursor over the value. */
    private static final class Cur {
        String v;
        Cur(String v) { this.v = v; }
    }

    private static int getnum(Cur c, boolean fixed) throws Bad {
        String s = c.v;
        if (!isDigit(s, 0)) throw BAD;
        if (!isDigit(s, 1)) {
            if (fixed) throw BAD;
            c.v = s.substring(1);
            return s.charAt(0) - '0';
        }
        c.v = s.substring(2);
        return (s.charAt(0) - '0') * 10 + (s.charAt(1) - '0');
    }

    private static int getnum3(Cur c, boolean fixed) throws Bad {
        String s = c.v;
        int n = 0, i;
        for (i = 0; i < 3 && isDigit(s, i); i++) n = n * 10 + (s.charAt(i) - '0');
        if (i == 0 || (fixed && i != 3)) throw BAD;
        c.v = s.substring(i);
        return n;
    }

    private static int lookup(String[] tab, Cur c) throws Bad {
        for (int i = 0; i < tab.length; i++) {
            String t = tab[i];
            if (c.v.length() >= t.length() && c.v.regionMatches(true, 0, t, 0, t.length())
                    && asciiLetters(c.v, t.length())) {
                c.v = c.v.substring(t.length());
                return i;
            }
        }
        throw BAD;
    }

    private static boolean asciiLetters(String s, int n) {
        for (int i = 0; i < n; i++) if (s.charAt(i) >= 0x80) return false;
        return true;
    }

    /** Go's skip; on a mismatch, leaves the unmatched rest of the value in {@code c.v} and throws. */
    private static void skip(Cur c, String prefix) throws Bad {
        String value = c.v;
        while (!prefix.isEmpty()) {
            if (prefix.charAt(0) == ' ') {
                if (!value.isEmpty() && value.charAt(0) != ' ') {
                    c.v = value;
                    throw BAD;
                }
                prefix = cutspace(prefix);
                value = cutspace(value);
                continue;
            }
            if (value.isEmpty() || value.charAt(0) != prefix.charAt(0)) {
                c.v = value;
                throw BAD;
            }
            prefix = prefix.substring(1);
            value = value.substring(1);
        }
        c.v = value;
    }

    private static String cutspace(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        return s.substring(i);
    }

    private static int atoi(String s) throws Bad {
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.isEmpty()) return 0;
        long x = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') throw BAD;
            x = x * 10 + (ch - '0');
            if (x > Integer.MAX_VALUE) throw BAD;
        }
        return (int) (neg ? -x : x);
    }

    private static boolean commaOrPeriod(char c) { return c == '.' || c == ','; }

    private static int parseNanoseconds(String value, int nbytes) throws Bad {
        if (!commaOrPeriod(value.charAt(0))) throw BAD;
        if (nbytes > 10) {
            value = value.substring(0, 10);
            nbytes = 10;
        }
        int ns = atoi(value.substring(1, nbytes));
        for (int i = 0; i < 10 - nbytes; i++) ns *= 10;
        return ns;
    }

    /** Go's time.Parse(layout, value) with Local = UTC; returns nanoseconds since the epoch as a BigInteger-safe long pair. */
    static java.math.BigInteger parse(String layout, String value) {
        String alayout = layout, avalue = value;
        String rangeErr = "";
        boolean amSet = false, pmSet = false;
        int year = 0, month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0;
        boolean utcZone = false;
        int zoneOffset = -1;
        String zoneName = "";
        Cur cur = new Cur(value);
        while (true) {
            Chunk c = nextStdChunk(layout);
            String stdstr = c.stdStr;
            try {
                skip(cur, c.prefix);
            } catch (Bad e) {
                throw parseError(alayout, avalue, c.prefix, cur.v, "");
            }
            if (c.std == 0) {
                if (!cur.v.isEmpty()) throw parseError(alayout, avalue, "", cur.v, ": extra text: " + quote(cur.v));
                break;
            }
            layout = c.suffix;
            String hold = cur.v;
            try {
                switch (c.std) {
                    case YEAR -> {
                        if (cur.v.length() < 2) throw BAD;
                        String p = cur.v.substring(0, 2);
                        cur.v = cur.v.substring(2);
                        year = atoi(p);
                        year += year >= 69 ? 1900 : 2000;
                    }
                    case LONG_YEAR -> {
                        if (cur.v.length() < 4 || !isDigit(cur.v, 0)) throw BAD;
                        String p = cur.v.substring(0, 4);
                        cur.v = cur.v.substring(4);
                        year = atoi(p);
                    }
                    case MONTH -> month = lookup(SHORT_MONTHS, cur) + 1;
                    case LONG_MONTH -> month = lookup(LONG_MONTHS, cur) + 1;
                    case NUM_MONTH, ZERO_MONTH -> {
                        month = getnum(cur, c.std == ZERO_MONTH);
                        if (month <= 0 || 12 < month) rangeErr = "month";
                    }
                    case WEEKDAY -> lookup(SHORT_DAYS, cur);
                    case LONG_WEEKDAY -> lookup(LONG_DAYS, cur);
                    case DAY, UNDER_DAY, ZERO_DAY -> {
                        if (c.std == UNDER_DAY && !cur.v.isEmpty() && cur.v.charAt(0) == ' ') cur.v = cur.v.substring(1);
                        day = getnum(cur, c.std == ZERO_DAY);
                    }
                    case UNDER_YEAR_DAY, ZERO_YEAR_DAY -> {
                        for (int i = 0; i < 2; i++) {
                            if (c.std == UNDER_YEAR_DAY && !cur.v.isEmpty() && cur.v.charAt(0) == ' ') cur.v = cur.v.substring(1);
                        }
                        yday = getnum3(cur, c.std == ZERO_YEAR_DAY);
                    }
                    case HOUR -> {
                        hour = getnum(cur, false);
                        if (hour < 0 || 24 <= hour) rangeErr = "hour";
                    }
                    case HOUR12, ZERO_HOUR12 -> {
                        hour = getnum(cur, c.std == ZERO_HOUR12);
                        if (hour < 0 || 12 < hour) rangeErr = "hour";
                    }
                    case MINUTE, ZERO_MINUTE -> {
                        min = getnum(cur, c.std == ZERO_MINUTE);
                        if (min < 0 || 60 <= min) rangeErr = "minute";
                    }
                    case SECOND, ZERO_SECOND -> {
                        sec = getnum(cur, c.std == ZERO_SECOND);
                        if (sec < 0 || 60 <= sec) {
                            rangeErr = "second";
                            break;
                        }
                        String v = cur.v;
                        if (v.length() >= 2 && commaOrPeriod(v.charAt(0)) && isDigit(v, 1)) {
                            int nstd = nextStdChunk(layout).std;
                            if (nstd == FRAC0 || nstd == FRAC9) break;
                            int n = 2;
                            while (n < v.length() && isDigit(v, n)) n++;
                            nsec = parseNanoseconds(v, n);
                            cur.v = v.substring(n);
                        }
                    }
                    case PM, PM_LOWER -> {
                        if (cur.v.length() < 2) throw BAD;
                        String p = cur.v.substring(0, 2);
                        cur.v = cur.v.substring(2);
                        if (p.equals(c.std == PM ? "PM" : "pm")) pmSet = true;
                        else if (p.equals(c.std == PM ? "AM" : "am")) amSet = true;
                        else throw BAD;
                    }
                    case ISO_TZ, ISO_SHORT_TZ, ISO_COLON_TZ, ISO_SECONDS_TZ, ISO_COLON_SECONDS_TZ,
                         NUM_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ -> {
                        boolean iso = c.std >= ISO_TZ && c.std <= ISO_COLON_SECONDS_TZ;
                        String v = cur.v;
                        if (iso && !v.isEmpty() && v.charAt(0) == 'Z') {
                            cur.v = v.substring(1);
                            utcZone = true;
                            break;
                        }
                        String sign, hh, mm, ss;
                        if (c.std == ISO_COLON_TZ || c.std == NUM_COLON_TZ) {
                            if (v.length() < 6 || v.charAt(3) != ':') throw BAD;
                            sign = v.substring(0, 1); hh = v.substring(1, 3); mm = v.substring(4, 6); ss = "00";
                            cur.v = v.substring(6);
                        } else if (c.std == NUM_SHORT_TZ || c.std == ISO_SHORT_TZ) {
                            if (v.length() < 3) throw BAD;
                            sign = v.substring(0, 1); hh = v.substring(1, 3); mm = "00"; ss = "00";
                            cur.v = v.substring(3);
                        } else if (c.std == ISO_COLON_SECONDS_TZ || c.std == NUM_COLON_SECONDS_TZ) {
                            if (v.length() < 9 || v.charAt(3) != ':' || v.charAt(6) != ':') throw BAD;
                            sign = v.substring(0, 1); hh = v.substring(1, 3); mm = v.substring(4, 6); ss = v.substring(7, 9);
                            cur.v = v.substring(9);
                        } else if (c.std == ISO_SECONDS_TZ || c.std == NUM_SECONDS_TZ) {
                            if (v.length() < 7) throw BAD;
                            sign = v.substring(0, 1); hh = v.substring(1, 3); mm = v.substring(3, 5); ss = v.substring(5, 7);
                            cur.v = v.substring(7);
                        } else {
                            if (v.length() < 5) throw BAD;
                            sign = v.substring(0, 1); hh = v.substring(1, 3); mm = v.substring(3, 5); ss = "00";
                            cur.v = v.substring(5);
                        }
                        int hr = getnum(new Cur(hh), true);
                        int mi = getnum(new Cur(mm), true);
                        int se = getnum(new Cur(ss), true);
                        if (hr > 24) rangeErr = "time zone offset hour";
                        if (mi > 60) rangeErr = "time zone offset minute";
                        if (se > 60) rangeErr = "time zone offset second";
                        zoneOffset = (hr * 60 + mi) * 60 + se;
                        switch (sign.charAt(0)) {
                            case '+' -> { }
                            case '-' -> zoneOffset = -zoneOffset;
                            default -> throw BAD;
                        }
                    }
                    case TZ -> {
                        String v = cur.v;
                        if (v.length() >= 3 && v.startsWith("UTC")) {
                            utcZone = true;
                            cur.v = v.substring(3);
                            break;
                        }
                        int n = parseTimeZone(v);
                        if (n <= 0) throw BAD;
                        zoneName = v.substring(0, n);
                        cur.v = v.substring(n);
                    }
                    case FRAC0 -> {
                        int ndigit = 1 + c.digits;
                        if (cur.v.length() < ndigit) throw BAD;
                        nsec = parseNanoseconds(cur.v, ndigit);
                        cur.v = cur.v.substring(ndigit);
                    }
                    case FRAC9 -> {
                        String v = cur.v;
                        if (v.length() < 2 || !commaOrPeriod(v.charAt(0)) || v.charAt(1) < '0' || v.charAt(1) > '9') break;
                        int i = 0;
                        while (i + 1 < v.length() && v.charAt(i + 1) >= '0' && v.charAt(i + 1) <= '9') i++;
                        nsec = parseNanoseconds(v, 1 + i);
                        cur.v = v.substring(1 + i);
                    }
                    default -> { }
                }
            } catch (Bad e) {
                if (!rangeErr.isEmpty()) throw parseError(alayout, avalue, stdstr, cur.v, ": " + rangeErr + " out of range");
                throw parseError(alayout, avalue, stdstr, hold, "");
            }
            if (!rangeErr.isEmpty()) throw parseError(alayout, avalue, stdstr, cur.v, ": " + rangeErr + " out of range");
        }
        if (pmSet && hour < 12) hour += 12;
        else if (amSet && hour == 12) hour = 0;

        if (yday >= 0) {
            int d = 0, m = 0;
            boolean leap = java.time.Year.isLeap(year);
            if (leap) {
                if (yday == 31 + 29) {
                    m = 2;
                    d = 29;
                } else if (yday > 31 + 29) {
                    yday--;
                }
            }
            if (yday < 1 || yday > 365) throw parseError(alayout, avalue, "", cur.v, ": day-of-year out of range");
            if (m == 0) {
                m = (yday - 1) / 31 + 1;
                if (daysBefore(m + 1) < yday) m++;
                d = yday - daysBefore(m);
            }
            if (month >= 0 && month != m) throw parseError(alayout, avalue, "", cur.v, ": day-of-year does not match month");
            month = m;
            if (day >= 0 && day != d) throw parseError(alayout, avalue, "", cur.v, ": day-of-year does not match day");
            day = d;
        } else {
            if (month < 0) month = 1;
            if (day < 0) day = 1;
        }
        if (day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            throw parseError(alayout, avalue, "", cur.v, ": day out of range");
        }
        long epochSec = LocalDateTime.of(year, month, day, hour, min, sec).toEpochSecond(ZoneOffset.UTC);
        if (!utcZone) {
            if (zoneOffset != -1) {
                epochSec -= zoneOffset;
            }
            // A zone abbreviation unknown to the (UTC) local zone only labels the time in Go: the
            // instant is the wall clock read as UTC, even for "GMT+3".
        }
        return java.math.BigInteger.valueOf(epochSec).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                .add(java.math.BigInteger.valueOf(nsec));
    }

    private static int daysBefore(int m) {
        int[] cum = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
        return cum[m];
    }

    private static int parseTimeZone(String value) {
        if (value.length() < 3) return 0;
        if (value.length() >= 4 && (value.startsWith("ChST") || value.startsWith("MeST"))) return 4;
        if (value.startsWith("GMT")) {
            String rest = value.substring(3);
            if (rest.isEmpty()) return 3;
            return 3 + parseSignedOffset(rest);
        }
        if (value.charAt(0) == '+' || value.charAt(0) == '-') return parseSignedOffset(value);
        int nUpper;
        for (nUpper = 0; nUpper < 6; nUpper++) {
            if (nUpper >= value.length()) break;
            char c = value.charAt(nUpper);
            if (c < 'A' || c > 'Z') break;
        }
        switch (nUpper) {
            case 5: if (value.charAt(4) == 'T') return 5; return 0;
            case 4: if (value.charAt(3) == 'T' || value.startsWith("WITA")) return 4; return 0;
            case 3: return 3;
            default: return 0;
        }
    }

    private static int parseSignedOffset(String value) {
        char sign = value.charAt(0);
        if (sign != '-' && sign != '+') return 0;
        int i = 1;
        long x = 0;
        while (i < value.length() && isDigit(value, i)) {
            x = x * 10 + (value.charAt(i) - '0');
            if (x > 1_000_000) return 0;
            i++;
        }
        if (i == 1 || x > 23) return 0;
        return i;
    }

    // ---- durations ----

    private static final java.util.Map<String, Long> UNITS = java.util.Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    /** Go's time.ParseDuration. Works on UTF-8 bytes as Go does (units may be "µs"). */
    static long parseDuration(String orig) {
        byte[] s = orig.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int p = 0, n = s.length;
        boolean neg = false;
        GoTimeException invalid = new GoTimeException("time: invalid duration " + quote(orig));
        if (n > 0 && (s[0] == '-' || s[0] == '+')) {
            neg = s[0] == '-';
            p = 1;
        }
        if (n - p == 1 && s[p] == '0') return 0;
        if (p == n) throw invalid;
        long d = 0; // treated as unsigned up to 1<<63
        while (p < n) {
            long v = 0, f = 0;
            double scale = 1;
            if (!(s[p] == '.' || (s[p] >= '0' && s[p] <= '9'))) throw invalid;
            int pl = p;
            while (p < n && s[p] >= '0' && s[p] <= '9') {
                if (Long.compareUnsigned(v, Long.divideUnsigned(1L << 63, 10)) > 0) throw invalid;
                v = v * 10 + (s[p] - '0');
                if (Long.compareUnsigned(v, 1L << 63) > 0) throw invalid;
                p++;
            }
            boolean pre = pl != p;
            boolean post = false;
            if (p < n && s[p] == '.') {
                p++;
                int fl = p;
                boolean overflow = false;
                while (p < n && s[p] >= '0' && s[p] <= '9') {
                    if (!overflow) {
                        if (f > (Long.MAX_VALUE) / 10) {
                            overflow = true;
                        } else {
                            long y = f * 10 + (s[p] - '0');
                            if (y < 0) overflow = true;
                            else {
                                f = y;
                                scale *= 10;
                            }
                        }
                    }
                    p++;
                }
                post = fl != p;
            }
            if (!pre && !post) throw invalid;
            int us = p;
            while (p < n && !(s[p] == '.' || (s[p] >= '0' && s[p] <= '9'))) p++;
            if (us == p) throw new GoTimeException("time: missing unit in duration " + quote(orig));
            String u = new String(s, us, p - us, java.nio.charset.StandardCharsets.UTF_8);
            Long unit = UNITS.get(u);
            if (unit == null) throw new GoTimeException("time: unknown unit " + quote(u) + " in duration " + quote(orig));
            if (Long.compareUnsigned(v, Long.divideUnsigned(1L << 63, unit)) > 0) throw invalid;
            v *= unit;
            if (f > 0) {
                v += (long) ((double) f * ((double) unit / scale));
                if (Long.compareUnsigned(v, 1L << 63) > 0) throw invalid;
            }
            d += v;
            if (Long.compareUnsigned(d, 1L << 63) > 0) throw invalid;
        }
        if (neg) return -d;
        if (Long.compareUnsigned(d, Long.MAX_VALUE) > 0) throw invalid;
        return d;
    }
}

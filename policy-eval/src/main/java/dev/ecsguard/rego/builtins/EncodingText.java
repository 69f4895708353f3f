package dev.ecsguard.rego.builtins;

import java.nio.charset.StandardCharsets;

/** Bytes ↔ strings the way Go treats them, for the encoding builtins. */
final class EncodingText {
    private EncodingText() {}

    /** UTF-8 bytes of s; a lone surrogate (which no Go string holds) is encoded as U+FFFD. */
    static byte[] utf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) return fixSurrogates(s).getBytes(StandardCharsets.UTF_8);
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String fixSurrogates(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Bytes as a Go string shows them when printed or marshalled: valid UTF-8 sequences decode,
     * every byte of an invalid sequence becomes one U+FFFD (utf8.DecodeRune's width-1 errors).
     */
    static String goString(byte[] b) {
        int i = 0;
        while (i < b.length && b[i] >= 0) i++;
        if (i == b.length) return new String(b, StandardCharsets.ISO_8859_1);
        StringBuilder sb = new StringBuilder(b.length);
        for (int k = 0; k < i; k++) sb.append((char) b[k]);
        while (i < b.length) {
            int r = decodeRune(b, i);
            if (r < 0) {
                sb.append('\uFFFD');
                i++;
            } else {
                sb.appendCodePoint(r);
                i += width(r);
            }
        }
        return sb.toString();
    }

    /** utf8.DecodeRune: the code point of the sequence at b[i], or -1 when it is not valid UTF-8. */
    static int decodeRune(byte[] b, int i) {
        int c = b[i] & 0xff;
        if (c < 0x80) return c;
        int n, cp, lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return -1;
        }
        for (int k = 1; k <= n; k++) {
            if (i + k >= b.length) return -1;
            int x = b[i + k] & 0xff;
            if (k == 1 ? (x < lo || x > hi) : (x < 0x80 || x > 0xBF)) return -1;
            cp = cp << 6 | (x & 0x3F);
        }
        return cp;
    }

    /** Length in UTF-8 of a code point. */
    static int width(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
}

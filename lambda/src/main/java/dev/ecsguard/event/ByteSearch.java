package dev.ecsguard.event;

/**
 * Whether a payload names a marker, without parsing it: a cheap look at every invocation's bytes
 * before deciding how to read them (a restore request, a deployment lifecycle hook).
 */
public final class ByteSearch {
    private ByteSearch() {}

    /** True when {@code needle} occurs in {@code haystack}. */
    public static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

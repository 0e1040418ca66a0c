package io.wsroute.admission;

/**
 * Checks that a request body is UTF-8 JSON text before Jackson reads the bytes: well-formed per RFC 3629 (no
 * overlong forms, no encoded surrogates, nothing above U+10FFFF), no byte order mark (RFC 8259 forbids one between
 * systems) and no NUL byte (JSON has none outside escapes, so this also refuses UTF-16 and UTF-32, which Jackson
 * would otherwise detect and read). Checking in place avoids decoding the body to a String only to validate it.
 */
final class StrictUtf8 {

    private StrictUtf8() {}

    /** Offset of the first byte that breaks the rules above, or -1 when the body passes. */
    static int firstInvalid(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return 0;
        }
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i];
            if (b > 0) { // ASCII other than NUL: the common case
                i++;
                continue;
            }
            if (b == 0) {
                return i;
            }
            int lead = b & 0xFF;
            int length;
            int min;
            int max;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
                min = 0x80;
                max = 0x7FF;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                min = 0x800;
                max = 0xFFFF;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                min = 0x10000;
                max = 0x10FFFF;
            } else {
                return i; // a continuation byte where a character starts, C0/C1 (always overlong) or F5..FF
            }
            if (i + length > bytes.length) {
                return i;
            }
            int codePoint = lead & (0xFF >> (length + 1));
            for (int k = 1; k < length; k++) {
                int next = bytes[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    return i;
                }
                codePoint = (codePoint << 6) | (next & 0x3F);
            }
            if (codePoint < min || codePoint > max || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return i;
            }
            i += length;
        }
        return -1;
    }
}

package io.wsroute.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link StrictUtf8} agrees with the JDK's strict UTF-8 decoder, and refuses what JSON between systems never holds. */
class StrictUtf8Test {

    @Property(tries = 3000)
    void agreesWithTheJdksStrictDecoder(@ForAll("bytesNearUtf8") byte[] bytes) {
        boolean jdkAccepts = decodesStrictly(bytes);
        boolean hasNul = new String(bytes, StandardCharsets.ISO_8859_1).indexOf('\0') >= 0;
        boolean bom = bytes.length >= 3
                && (bytes[0] & 0xFF) == 0xEF
                && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
        assertThat(StrictUtf8.firstInvalid(bytes) < 0).isEqualTo(jdkAccepts && !hasNul && !bom);
    }

    @Property(tries = 500)
    void everyStringWithoutNulEncodesToAcceptedBytes(@ForAll String text) {
        String withoutNul = text.replace("\0", "").replace("\uFEFF", "");
        // unpaired surrogates cannot be encoded: the JDK writes '?' for them
        assertThat(StrictUtf8.firstInvalid(withoutNul.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(-1);
    }

    @Example
    void namesTheOffsetOfTheFirstBadSequence() {
        assertThat(StrictUtf8.firstInvalid(bytes(0x7B, 0x22, 0xC3, 0xA9, 0x22, 0x7D)))
                .isEqualTo(-1); // {"é"}
        assertThat(StrictUtf8.firstInvalid(bytes(0x7B, 0xC0, 0xAF))).isEqualTo(1); // overlong '/'
        assertThat(StrictUtf8.firstInvalid(bytes(0x7B, 0x20, 0xED, 0xA0, 0x80))).isEqualTo(2); // encoded surrogate
        assertThat(StrictUtf8.firstInvalid(bytes(0xF4, 0x90, 0x80, 0x80))).isEqualTo(0); // above U+10FFFF
        assertThat(StrictUtf8.firstInvalid(bytes(0x7B, 0xE2, 0x82))).isEqualTo(1); // cut short
        assertThat(StrictUtf8.firstInvalid(bytes(0xEF, 0xBB, 0xBF, 0x7B, 0x7D))).isEqualTo(0); // byte order mark
        assertThat(StrictUtf8.firstInvalid("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE)))
                .isEqualTo(1); // NUL
    }

    @Provide
    Arbitrary<byte[]> bytesNearUtf8() {
        // Mostly valid text with a few arbitrary bytes mixed in, so both sides of every rule are reached.
        Arbitrary<byte[]> valid = Arbitraries.strings().ofMaxLength(12).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(6);
        Arbitrary<byte[]> leads = Arbitraries.of(
                        0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x80, 0xBF, 0xA0, 0x90, 0x8F)
                .map(b -> new byte[] {(byte) (int) b})
                .array(byte[][].class)
                .ofMaxSize(4)
                .map(parts -> {
                    ByteBuffer buffer = ByteBuffer.allocate(parts.length);
                    for (byte[] part : parts) {
                        buffer.put(part);
                    }
                    return buffer.array();
                });
        return Arbitraries.oneOf(valid, noise, leads).list().ofMaxSize(4).map(parts -> {
            ByteBuffer buffer =
                    ByteBuffer.allocate(parts.stream().mapToInt(p -> p.length).sum());
            parts.forEach(buffer::put);
            return buffer.array();
        });
    }

    private static boolean decodesStrictly(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}

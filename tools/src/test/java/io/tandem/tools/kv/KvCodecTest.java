package io.tandem.tools.kv;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KvCodecTest
{
    private static UnsafeBuffer bytes(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String string(final UnsafeBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void requestLaysOutItsFieldsLittleEndianAtTheDocumentedOffsets()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final int length = new KvRequestEncoder().wrap(buffer, 0)
            .header(KvOp.CAS, 0x04030201, 0x08070605)
            .key(bytes("k"), 0, 1)
            .expected(bytes("ex"), 0, 2)
            .value(bytes("val"), 0, 3)
            .encodedLength();

        final byte[] expected = {
            1, 4, 1, 0,                 // version, op CAS, key length 1
            1, 2, 3, 4,                 // client id
            5, 6, 7, 8,                 // request no
            3, 0, 2, 0,                 // value length 3, expected length 2
            'k', 'e', 'x', 'v', 'a', 'l'};
        final byte[] actual = new byte[length];
        buffer.getBytes(0, actual);
        assertArrayEquals(expected, actual);
    }

    @Test
    void responseLaysOutItsFieldsLittleEndianAtTheDocumentedOffsets()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final int length = new KvResponseEncoder().wrap(buffer, 0)
            .header(KvStatus.CAS_MISMATCH.code(), 0x04030201, 0x08070605, 0x0C0B0A09)
            .value(bytes("cur"), 0, 3)
            .encodedLength();

        final byte[] expected = {
            1, 2, 3, 0,                 // version, status CAS_MISMATCH, value length 3
            1, 2, 3, 4,                 // client id
            5, 6, 7, 8,                 // request no
            9, 10, 11, 12,              // reply seq
            'c', 'u', 'r'};
        final byte[] actual = new byte[length];
        buffer.getBytes(0, actual);
        assertArrayEquals(expected, actual);
    }

    @Test
    void requestRoundTripsEveryFieldAtAnOffsetWithUnsignedExtremes()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[3000]);
        final byte[] key = new byte[KvProtocol.MAX_KEY_LENGTH];
        final byte[] value = new byte[KvProtocol.MAX_VALUE_LENGTH];
        for (int i = 0; i < value.length; i++)
        {
            value[i] = (byte)i;
            key[i % key.length] = (byte)(0x80 | i);
        }
        final int length = new KvRequestEncoder().wrap(buffer, 7)
            .header(KvOp.CAS, 0xFFFF_FFFF, 0x8000_0000)
            .key(new UnsafeBuffer(key), 0, key.length)
            .expected(new UnsafeBuffer(value), 0, 1000)
            .value(new UnsafeBuffer(value), 0, value.length)
            .encodedLength();
        assertEquals(KvRequestEncoder.HEADER_LENGTH + 64 + 1000 + 1024, length);

        final KvRequestDecoder decoder = new KvRequestDecoder().wrap(buffer, 7, length);
        assertTrue(decoder.isComplete());
        assertEquals(KvProtocol.VERSION, decoder.version());
        assertSame(KvOp.CAS, KvOp.get(decoder.op()));
        assertEquals(0xFFFF_FFFFL, Integer.toUnsignedLong(decoder.clientId()));
        assertEquals(0x8000_0000L, Integer.toUnsignedLong(decoder.requestNo()));
        assertEquals(64, decoder.keyLength());
        assertEquals(1000, decoder.expectedLength());
        assertEquals(1024, decoder.valueLength());
        final byte[] keyBack = new byte[64];
        buffer.getBytes(decoder.keyOffset(), keyBack);
        assertArrayEquals(key, keyBack);
        final byte[] valueBack = new byte[1024];
        buffer.getBytes(decoder.valueOffset(), valueBack);
        assertArrayEquals(value, valueBack);
        assertEquals(value[999], buffer.getByte(decoder.expectedOffset() + 999));
    }

    @Test
    void responseRoundTripsEveryField()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2000]);
        final int length = new KvResponseEncoder().wrap(buffer, 3)
            .header(KvStatus.STALE_REQUEST.code(), -2, 77, 0xFFFF_FFFF)
            .value(bytes("the value"), 0, 9)
            .encodedLength();

        final KvResponseDecoder decoder = new KvResponseDecoder().wrap(buffer, 3, length);
        assertTrue(decoder.isComplete());
        assertEquals(KvProtocol.VERSION, decoder.version());
        assertSame(KvStatus.STALE_REQUEST, decoder.status());
        assertEquals(-2, decoder.clientId());
        assertEquals(77, decoder.requestNo());
        assertEquals(0xFFFF_FFFFL, Integer.toUnsignedLong(decoder.replySeq()));
        assertEquals("the value", string(buffer, decoder.valueOffset(), decoder.valueLength()));
    }

    @Test
    void eachPartClearsTheLengthsOfThePartsAfterIt()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final KvRequestEncoder encoder = new KvRequestEncoder().wrap(buffer, 0).header(KvOp.CAS, 1, 1)
            .key(bytes("a"), 0, 1).expected(bytes("b"), 0, 1).value(bytes("c"), 0, 1);
        encoder.header(KvOp.PUT, 1, 2).key(bytes("key"), 0, 3);
        assertEquals(0, encoder.expectedLength());
        assertEquals(0, encoder.valueLength());
        encoder.value(bytes("v"), 0, 1);
        assertEquals(KvRequestEncoder.HEADER_LENGTH + 4, encoder.encodedLength());
        assertEquals("keyv", string(buffer, KvRequestEncoder.HEADER_LENGTH, 4));
    }

    @Test
    void decodersRefuseDatagramsWhoseLengthsDoNotAddUp()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final int request = new KvRequestEncoder().wrap(buffer, 0).header(KvOp.PUT, 1, 1)
            .key(bytes("k"), 0, 1).value(bytes("v"), 0, 1).encodedLength();
        final KvRequestDecoder requestDecoder = new KvRequestDecoder();
        assertTrue(requestDecoder.wrap(buffer, 0, request).isComplete());
        assertFalse(requestDecoder.wrap(buffer, 0, request - 1).isComplete(), "cut short");
        assertFalse(requestDecoder.wrap(buffer, 0, request + 1).isComplete(), "trailing byte");
        assertFalse(requestDecoder.wrap(buffer, 0, KvRequestEncoder.HEADER_LENGTH - 1).isComplete(), "no header");

        final int response = new KvResponseEncoder().wrap(buffer, 0).header(0, 1, 1, 1)
            .value(bytes("v"), 0, 1).encodedLength();
        final KvResponseDecoder responseDecoder = new KvResponseDecoder();
        assertTrue(responseDecoder.wrap(buffer, 0, response).isComplete());
        assertFalse(responseDecoder.wrap(buffer, 0, response - 1).isComplete(), "cut short");
        assertFalse(responseDecoder.wrap(buffer, 0, response + 1).isComplete(), "trailing byte");
        assertFalse(responseDecoder.wrap(buffer, 0, KvResponseEncoder.HEADER_LENGTH - 1).isComplete(), "no header");
    }

    @Test
    void encodersRefuseLengthsBeyondTheFieldsAndTheBuffer()
    {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[KvRequestEncoder.HEADER_LENGTH + 4]);
        final KvRequestEncoder encoder = new KvRequestEncoder().wrap(small, 0).header(KvOp.PUT, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> encoder.keyLength(0x1_0000));
        assertThrows(IllegalArgumentException.class, () -> encoder.valueLength(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.key(bytes("12345"), 0, 5));
        encoder.key(bytes("1234"), 0, 4);
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.value(bytes("v"), 0, 1));
        assertThrows(IndexOutOfBoundsException.class,
            () -> new KvRequestEncoder().wrap(small, 8).header(KvOp.GET, 1, 1));

        final UnsafeBuffer response = new UnsafeBuffer(new byte[KvResponseEncoder.HEADER_LENGTH + 2]);
        final KvResponseEncoder responseEncoder = new KvResponseEncoder().wrap(response, 0).header(0, 1, 1, 1);
        assertThrows(IndexOutOfBoundsException.class, () -> responseEncoder.value(bytes("abc"), 0, 3));
    }

    @Test
    void statusAndOpCodesMapBothWays()
    {
        for (final KvStatus status : KvStatus.values())
        {
            if (status.code() >= 0)
            {
                assertSame(status, KvStatus.get(status.code()));
            }
        }
        assertEquals(6, KvStatus.STALE_REQUEST.code());
        assertSame(KvStatus.UNKNOWN, KvStatus.get(7));
        assertSame(KvStatus.UNKNOWN, KvStatus.get(255));
        for (final KvOp op : KvOp.values())
        {
            assertSame(op, KvOp.get(op.code()));
        }
        assertEquals(4, KvOp.CAS.code());
        assertNull(KvOp.get(0));
        assertNull(KvOp.get(5));
    }
}

package io.tandem.transport.arbiter;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimMessagesTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ClaimRequest.MAX_LENGTH + 16]);
    private final ClaimRequest request = new ClaimRequest();

    @Test
    void claimReadsBackWhatWasWritten()
    {
        final int length = ClaimRequest.encode(buffer, 8, 42, 7, "kv-pair", "backup@host-b");
        assertNull(request.wrap(buffer, 8, length).validate());
        assertEquals(42, request.correlationId());
        assertEquals(7, request.generation());
        assertEquals("kv-pair", request.pair());
        assertEquals("backup@host-b", request.claimant());
    }

    @Test
    void claimLayoutIsLittleEndianAtTheDocumentedOffsets()
    {
        ClaimRequest.encode(buffer, 0, 0x0102030405060708L, 9, "p", "c");
        assertEquals(ArbiterMessage.TYPE_CLAIM_REQUEST, buffer.getShort(0, ByteOrder.LITTLE_ENDIAN));
        assertEquals(ArbiterMessage.VERSION, buffer.getShort(2, ByteOrder.LITTLE_ENDIAN));
        assertEquals(0x08, buffer.getByte(4));
        assertEquals(9, buffer.getLong(12, ByteOrder.LITTLE_ENDIAN));
        assertEquals(1, buffer.getInt(20, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void everyTruncationOfAClaimIsRefusedWithoutThrowing()
    {
        final int length = ClaimRequest.encode(buffer, 0, 1, 2, "pair", "claimant");
        for (int truncated = 0; truncated < length; truncated++)
        {
            assertNotNull(request.wrap(buffer, 0, truncated).validate(), "accepted " + truncated + " bytes");
        }
    }

    @Test
    void claimOfAnotherVersionIsRefused()
    {
        final int length = ClaimRequest.encode(buffer, 0, 1, 2, "pair", "claimant");
        buffer.putShort(2, (short)(ArbiterMessage.VERSION + 1), ByteOrder.LITTLE_ENDIAN);
        final String problem = request.wrap(buffer, 0, length).validate();
        assertTrue(problem != null && problem.contains("version"), problem);
    }

    @Test
    void claimAnnouncingAnOversizedNameIsRefused()
    {
        final int length = ClaimRequest.encode(buffer, 0, 1, 2, "pair", "claimant");
        buffer.putInt(ClaimRequest.PAIR_OFFSET, Integer.MAX_VALUE, ByteOrder.LITTLE_ENDIAN);
        assertNotNull(request.wrap(buffer, 0, length).validate());
    }

    @Test
    void emptyAndOverlongNamesAreRejectedBeforeSending()
    {
        assertThrows(IllegalArgumentException.class, () -> ArbiterMessage.checkName("pair", ""));
        assertThrows(IllegalArgumentException.class, () -> ArbiterMessage.checkName("claimant", null));
        assertThrows(IllegalArgumentException.class,
            () -> ArbiterMessage.checkName("pair", "é".repeat(ArbiterMessage.MAX_NAME_BYTES / 2 + 1)));
        assertEquals(ArbiterMessage.MAX_NAME_BYTES, ArbiterMessage.checkName("pair", "x".repeat(ArbiterMessage.MAX_NAME_BYTES)));
    }

    @Test
    void generationQueryReadsBackAndEveryTruncationIsRefused()
    {
        final GenerationQuery query = new GenerationQuery();
        final int length = GenerationQuery.encode(buffer, 8, 77, "kv-pair");
        assertNull(query.wrap(buffer, 8, length).validate());
        assertEquals(77, query.correlationId());
        assertEquals("kv-pair", query.pair());
        assertEquals(ArbiterMessage.TYPE_GENERATION_QUERY, buffer.getShort(8, ByteOrder.LITTLE_ENDIAN));
        for (int truncated = 0; truncated < length; truncated++)
        {
            assertNotNull(query.wrap(buffer, 8, truncated).validate(), "accepted " + truncated + " bytes");
        }
        final int claimLength = ClaimRequest.encode(buffer, 0, 1, 2, "pair", "claimant");
        assertNotNull(query.wrap(buffer, 0, claimLength).validate(), "a claim is not a query");
        assertNotNull(request.wrap(buffer, 8, length).validate(), "a query is not a claim");
    }

    @Test
    void generationAnswerReadsBackAndIsNotTakenForAClaimsAnswer()
    {
        final int length = GenerationAnswer.encode(buffer, 4, 99, 12);
        assertTrue(GenerationAnswer.isAnswer(buffer, 4, length));
        assertEquals(99, GenerationAnswer.correlationId(buffer, 4));
        assertEquals(12, GenerationAnswer.generation(buffer, 4));
        assertFalse(GenerationAnswer.isAnswer(buffer, 4, length - 1));
        assertFalse(ClaimAnswer.isAnswer(buffer, 4, length));
        final int claimAnswer = ClaimAnswer.encode(buffer, 4, 99, ClaimAnswer.WON);
        assertFalse(GenerationAnswer.isAnswer(buffer, 4, claimAnswer));
    }

    @Test
    void answerReadsBackAndOnlyAnswersAreTakenForAnswers()
    {
        final int length = ClaimAnswer.encode(buffer, 4, 99, ClaimAnswer.LOST);
        assertTrue(ClaimAnswer.isAnswer(buffer, 4, length));
        assertEquals(99, ClaimAnswer.correlationId(buffer, 4));
        assertEquals(ClaimAnswer.LOST, ClaimAnswer.verdict(buffer, 4));
        assertFalse(ClaimAnswer.isAnswer(buffer, 4, length - 1));
        final int claimLength = ClaimRequest.encode(buffer, 0, 1, 2, "pair", "claimant");
        assertFalse(ClaimAnswer.isAnswer(buffer, 0, claimLength));
    }
}

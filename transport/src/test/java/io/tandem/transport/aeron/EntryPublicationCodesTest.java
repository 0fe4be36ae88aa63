package io.tandem.transport.aeron;

import io.aeron.Publication;
import io.tandem.engine.replica.EntryPublication;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's port answers with Aeron's codes, which AeronEntryPublication passes through unchanged. */
class EntryPublicationCodesTest
{
    @Test
    void thePortsCodesAreAeronsAndOnlyBackPressureIsRetried()
    {
        assertEquals(Publication.NOT_CONNECTED, EntryPublication.NOT_CONNECTED);
        assertEquals(Publication.BACK_PRESSURED, EntryPublication.BACK_PRESSURED);
        assertEquals(Publication.ADMIN_ACTION, EntryPublication.ADMIN_ACTION);
        assertEquals(Publication.CLOSED, EntryPublication.CLOSED);
        assertEquals(Publication.MAX_POSITION_EXCEEDED, EntryPublication.MAX_POSITION_EXCEEDED);
        assertTrue(EntryPublication.retryable(Publication.BACK_PRESSURED));
        assertTrue(EntryPublication.retryable(Publication.ADMIN_ACTION));
        assertFalse(EntryPublication.retryable(Publication.NOT_CONNECTED));
        assertFalse(EntryPublication.retryable(Publication.CLOSED));
    }
}

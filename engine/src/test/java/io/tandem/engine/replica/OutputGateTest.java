package io.tandem.engine.replica;

import io.tandem.engine.dev.ConsoleSink;
import io.tandem.engine.dev.PacketSink;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputGateTest
{
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<String> events = new ArrayList<>();
    private long sequence;
    private final OutputGate gate = new OutputGate(
        console::write,
        (buffer, offset, length) -> events.add("frame:" + buffer.getStringWithoutLengthAscii(offset, length)),
        () -> sequence);

    private void print(final String text)
    {
        final ConsoleSink sink = gate.consoleSide();
        for (final char c : text.toCharArray())
        {
            sink.write((byte)c);
        }
    }

    private void send(final String payload)
    {
        final PacketSink sink = gate.networkSide();
        final UnsafeBuffer buffer = new UnsafeBuffer(payload.getBytes());
        sink.send(buffer, 0, buffer.capacity());
    }

    @Test
    void outputsWaitUntilTheLogEntryBeforeThemIsAcknowledged()
    {
        sequence = 5;
        print("a");
        send("x");
        sequence = 7;
        print("b");
        send("y");

        assertEquals(0, gate.release(4));
        assertEquals("", console.toString());
        assertTrue(events.isEmpty());

        assertEquals(2, gate.release(6));
        assertEquals("a", console.toString());
        assertEquals(List.of("frame:x"), events);

        assertEquals(2, gate.release(7));
        assertEquals("ab", console.toString());
        assertEquals(List.of("frame:x", "frame:y"), events);
        assertEquals(0, gate.heldBytes());
    }

    @Test
    void outputsLeaveInTheOrderTheGuestProducedThem()
    {
        sequence = 1;
        print("hello");
        sequence = 2;
        send("f1");
        sequence = 1; // a later output can never carry a lower tag in practice; order still holds
        print("!");
        gate.release(1);
        assertEquals("hello", console.toString());
        assertTrue(events.isEmpty(), "the frame tagged 2 blocks everything behind it");
        gate.release(2);
        assertEquals("hello!", console.toString());
    }

    @Test
    void aPrimaryAloneLetsEverythingThrough()
    {
        sequence = 3;
        print("held");
        gate.passThrough();
        assertEquals("held", console.toString());
        print(" now");
        send("z");
        assertEquals("held now", console.toString());
        assertEquals(List.of("frame:z"), events);
    }

    @Test
    void aBackupDropsWhatThePrimaryReleasedAndLetsOutOnlyTheRestOnGoingLive()
    {
        sequence = 2;
        print("a");
        send("x");
        sequence = 4;
        send("y");
        print("b");

        assertEquals(2, gate.discard(3));
        assertEquals("", console.toString(), "dropped outputs are never sent");
        assertTrue(events.isEmpty());

        gate.passThrough();
        assertEquals("b", console.toString());
        assertEquals(List.of("frame:y"), events);
        assertEquals(2, gate.discardedOutputs());
        assertEquals(0, gate.heldBytes());
    }

    @Test
    void theTracingPortHearsEachFrameHeldThenItsReleaseThenItsSend()
    {
        gate.events(new PrimaryEvents()
        {
            @Override
            public void outputHeld(final long tag)
            {
                events.add("held:" + tag);
            }

            @Override
            public void outputsReleased(final int count)
            {
                events.add("released:" + count);
            }

            @Override
            public void frameSent()
            {
                events.add("sent");
            }
        });
        sequence = 3;
        send("x");
        send("y");
        assertEquals(0, gate.release(2));
        assertEquals(2, gate.release(3));
        gate.passThrough();
        send("z");
        assertEquals(List.of("held:3", "held:3", "frame:x", "sent", "frame:y", "sent", "released:2", "frame:z", "sent"),
            events);
    }
}

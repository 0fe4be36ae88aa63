package io.tandem.engine.dev.virtio;

import io.tandem.engine.dev.Plic;
import io.tandem.engine.machine.StateHasher;
import io.tandem.engine.mem.GuestMemory;
import io.tandem.engine.mem.MmioDevice;
import io.tandem.engine.snapshot.StateReader;
import io.tandem.engine.snapshot.StateWriter;

/**
 * The virtio-mmio transport, version 2 (virtio 1.x, section 4.2.2): registers, feature
 * negotiation, the status handshake, queue configuration and the interrupt line into the PLIC.
 * A queue notification only records the kick; the work happens in {@link #service()}, which the
 * machine calls between instructions right after the notifying store.
 */
public final class VirtioMmio implements MmioDevice
{
    static final int MAGIC = 0x7472_6976; // "virt"
    static final int VERSION = 2;
    static final int VENDOR_ID = 0x554D_4551; // "QEMU", as QEMU's devices report

    static final long FEATURE_VERSION_1 = 1L << 32;

    static final int STATUS_ACKNOWLEDGE = 1;
    static final int STATUS_DRIVER = 2;
    static final int STATUS_DRIVER_OK = 4;
    static final int STATUS_FEATURES_OK = 8;
    static final int STATUS_DEVICE_NEEDS_RESET = 0x40;
    static final int STATUS_FAILED = 0x80;

    static final int INTERRUPT_USED_BUFFER = 1;
    static final int INTERRUPT_CONFIG_CHANGE = 2;

    private static final int REG_MAGIC = 0x000;
    private static final int REG_VERSION = 0x004;
    private static final int REG_DEVICE_ID = 0x008;
    private static final int REG_VENDOR_ID = 0x00C;
    private static final int REG_DEVICE_FEATURES = 0x010;
    private static final int REG_DEVICE_FEATURES_SEL = 0x014;
    private static final int REG_DRIVER_FEATURES = 0x020;
    private static final int REG_DRIVER_FEATURES_SEL = 0x024;
    private static final int REG_QUEUE_SEL = 0x030;
    private static final int REG_QUEUE_NUM_MAX = 0x034;
    private static final int REG_QUEUE_NUM = 0x038;
    private static final int REG_QUEUE_READY = 0x044;
    private static final int REG_QUEUE_NOTIFY = 0x050;
    private static final int REG_INTERRUPT_STATUS = 0x060;
    private static final int REG_INTERRUPT_ACK = 0x064;
    private static final int REG_STATUS = 0x070;
    private static final int REG_QUEUE_DESC_LOW = 0x080;
    private static final int REG_QUEUE_DESC_HIGH = 0x084;
    private static final int REG_QUEUE_DRIVER_LOW = 0x090;
    private static final int REG_QUEUE_DRIVER_HIGH = 0x094;
    private static final int REG_QUEUE_DEVICE_LOW = 0x0A0;
    private static final int REG_QUEUE_DEVICE_HIGH = 0x0A4;
    private static final int REG_CONFIG_GENERATION = 0x0FC;
    private static final int REG_CONFIG = 0x100;

    private final VirtioDevice device;
    private final Virtqueue[] queues;
    private final Plic plic;
    private final int irq;

    private int deviceFeaturesSelect;
    private int driverFeaturesSelect;
    private long driverFeatures;
    private int queueSelect;
    private int status;
    private int interruptStatus;
    private int notifiedQueues;
    private long contractViolations;
    private String lastViolation;

    VirtioMmio(final VirtioDevice device, final GuestMemory memory, final Plic plic, final int irq)
    {
        this.device = device;
        this.plic = plic;
        this.irq = irq;
        this.queues = new Virtqueue[device.queueCount()];
        for (int i = 0; i < queues.length; i++)
        {
            queues[i] = new Virtqueue(memory, device.queueMaxSize(i));
        }
    }

    Virtqueue queue(final int index)
    {
        return queues[index];
    }

    /** @return true once the driver completed the handshake and the device does not need a reset. */
    boolean live()
    {
        return (status & STATUS_DRIVER_OK) != 0 && (status & STATUS_DEVICE_NEEDS_RESET) == 0;
    }

    /** @return and clears the set of queues the driver notified since the last call (bit per queue). */
    int takeNotifiedQueues()
    {
        final int notified = notifiedQueues;
        notifiedQueues = 0;
        return notified;
    }

    /** Raises the used-buffer interrupt unless the driver suppressed it for this queue. */
    void usedBuffers(final Virtqueue queue)
    {
        if (!queue.interruptSuppressed())
        {
            interruptStatus |= INTERRUPT_USED_BUFFER;
            updateInterruptLine();
        }
    }

    /**
     * The driver broke the virtio contract: the device stops and tells the driver through
     * DEVICE_NEEDS_RESET and a configuration-change interrupt (virtio 1.x, 2.1.2).
     */
    void contractViolated(final String reason)
    {
        contractViolations++;
        lastViolation = reason;
        status |= STATUS_DEVICE_NEEDS_RESET;
        if ((status & STATUS_DRIVER_OK) != 0)
        {
            interruptStatus |= INTERRUPT_CONFIG_CHANGE;
            updateInterruptLine();
        }
    }

    /** @return how many times the driver broke the virtio contract (host-side diagnostics). */
    public long contractViolations()
    {
        return contractViolations;
    }

    /** @return the last contract violation, or null. */
    public String lastViolation()
    {
        return lastViolation;
    }

    /** @return the virtio device id behind this transport. */
    public int deviceId()
    {
        return device.deviceId();
    }

    /** Lets the device do its work between instructions; called by the machine. */
    public void service()
    {
        if (live())
        {
            try
            {
                device.service(this);
            }
            catch (final VirtioDeviceException ex)
            {
                contractViolated(ex.getMessage());
            }
        }
        else
        {
            notifiedQueues = 0;
        }
    }

    @Override
    public int read(final int offset, final int sizeBytes, final long icount)
    {
        if (offset >= REG_CONFIG)
        {
            return device.readConfig(offset - REG_CONFIG, sizeBytes);
        }
        if (sizeBytes != 4)
        {
            return 0; // the transport registers are 32-bit only
        }
        final Virtqueue queue = queueSelect < queues.length ? queues[queueSelect] : null;
        switch (offset)
        {
            case REG_MAGIC: return MAGIC;
            case REG_VERSION: return VERSION;
            case REG_DEVICE_ID: return device.deviceId();
            case REG_VENDOR_ID: return VENDOR_ID;
            case REG_DEVICE_FEATURES:
            {
                final long features = device.features() | FEATURE_VERSION_1;
                return deviceFeaturesSelect == 0 ? (int)features : deviceFeaturesSelect == 1 ? (int)(features >>> 32) : 0;
            }
            case REG_QUEUE_NUM_MAX: return queue == null ? 0 : queue.maxSize();
            case REG_QUEUE_READY: return queue != null && queue.ready ? 1 : 0;
            case REG_INTERRUPT_STATUS: return interruptStatus;
            case REG_STATUS: return status;
            case REG_CONFIG_GENERATION: return 0;
            default: return 0;
        }
    }

    @Override
    public void write(final int offset, final int sizeBytes, final int value, final long icount)
    {
        if (offset >= REG_CONFIG || sizeBytes != 4)
        {
            return; // neither device has writable configuration
        }
        final Virtqueue queue = queueSelect < queues.length ? queues[queueSelect] : null;
        switch (offset)
        {
            case REG_DEVICE_FEATURES_SEL: deviceFeaturesSelect = value; break;
            case REG_DRIVER_FEATURES_SEL: driverFeaturesSelect = value; break;
            case REG_DRIVER_FEATURES:
                if ((status & STATUS_FEATURES_OK) == 0)
                {
                    if (driverFeaturesSelect == 0)
                    {
                        driverFeatures = (driverFeatures & 0xFFFF_FFFF_0000_0000L) | Integer.toUnsignedLong(value);
                    }
                    else if (driverFeaturesSelect == 1)
                    {
                        driverFeatures = ((long)value << 32) | (driverFeatures & 0xFFFF_FFFFL);
                    }
                }
                break;
            case REG_QUEUE_SEL: queueSelect = value; break;
            case REG_QUEUE_NUM:
                if (queue != null && !queue.ready)
                {
                    queue.size = value;
                }
                break;
            case REG_QUEUE_READY:
                if (queue != null)
                {
                    setQueueReady(queue, value == 1);
                }
                break;
            case REG_QUEUE_NOTIFY:
                if (value >= 0 && value < queues.length)
                {
                    notifiedQueues |= 1 << value;
                }
                break;
            case REG_INTERRUPT_ACK:
                interruptStatus &= ~value;
                updateInterruptLine();
                break;
            case REG_STATUS: writeStatus(value); break;
            case REG_QUEUE_DESC_LOW: if (queue != null) { queue.descriptorTable = low(queue.descriptorTable, value); } break;
            case REG_QUEUE_DESC_HIGH: if (queue != null) { queue.descriptorTable = high(queue.descriptorTable, value); } break;
            case REG_QUEUE_DRIVER_LOW: if (queue != null) { queue.availableRing = low(queue.availableRing, value); } break;
            case REG_QUEUE_DRIVER_HIGH: if (queue != null) { queue.availableRing = high(queue.availableRing, value); } break;
            case REG_QUEUE_DEVICE_LOW: if (queue != null) { queue.usedRing = low(queue.usedRing, value); } break;
            case REG_QUEUE_DEVICE_HIGH: if (queue != null) { queue.usedRing = high(queue.usedRing, value); } break;
            default: break;
        }
    }

    private void setQueueReady(final Virtqueue queue, final boolean ready)
    {
        if (!ready)
        {
            queue.ready = false;
            return;
        }
        try
        {
            queue.enable();
        }
        catch (final VirtioDeviceException ex)
        {
            contractViolated(ex.getMessage());
        }
    }

    private void writeStatus(final int value)
    {
        if (value == 0)
        {
            reset();
            return;
        }
        int next = value | (status & STATUS_DEVICE_NEEDS_RESET);
        if ((next & STATUS_FEATURES_OK) != 0 && (status & STATUS_FEATURES_OK) == 0)
        {
            final long offered = device.features() | FEATURE_VERSION_1;
            if ((driverFeatures & ~offered) != 0 || (driverFeatures & FEATURE_VERSION_1) == 0)
            {
                next &= ~STATUS_FEATURES_OK; // refused: the driver reads FEATURES_OK back and sees it cleared
            }
        }
        status = next;
    }

    private void reset()
    {
        status = 0;
        interruptStatus = 0;
        driverFeatures = 0;
        deviceFeaturesSelect = 0;
        driverFeaturesSelect = 0;
        queueSelect = 0;
        notifiedQueues = 0;
        for (final Virtqueue queue : queues)
        {
            queue.reset();
        }
        device.reset();
        updateInterruptLine();
    }

    private void updateInterruptLine()
    {
        plic.setLevel(irq, interruptStatus != 0);
    }

    private static long low(final long address, final int value)
    {
        return (address & 0xFFFF_FFFF_0000_0000L) | Integer.toUnsignedLong(value);
    }

    private static long high(final long address, final int value)
    {
        return ((long)value << 32) | (address & 0xFFFF_FFFFL);
    }

    @Override
    public void hashState(final StateHasher hasher)
    {
        hasher.add(deviceFeaturesSelect).add(driverFeaturesSelect).add(driverFeatures).add(queueSelect)
            .add(status).add(interruptStatus).add(notifiedQueues);
        for (final Virtqueue queue : queues)
        {
            hasher.add(queue.size).add(queue.descriptorTable).add(queue.availableRing).add(queue.usedRing)
                .add(queue.ready ? 1 : 0).add(queue.lastAvailableIndex()).add(queue.usedIndex());
        }
        device.hashState(hasher);
    }

    /** Saves the transport's registers, every queue, then the device's own state. */
    public void saveState(final StateWriter out)
    {
        out.putInt(deviceFeaturesSelect).putInt(driverFeaturesSelect).putLong(driverFeatures).putInt(queueSelect)
            .putInt(status).putInt(interruptStatus).putInt(notifiedQueues)
            .putLong(contractViolations).putString(lastViolation).putInt(queues.length);
        for (final Virtqueue queue : queues)
        {
            queue.saveState(out);
        }
        device.saveState(out);
    }

    /** Loads what {@link #saveState} saved. */
    public void loadState(final StateReader in)
    {
        deviceFeaturesSelect = in.getInt();
        driverFeaturesSelect = in.getInt();
        driverFeatures = in.getLong();
        queueSelect = in.getInt();
        status = in.getInt();
        interruptStatus = in.getInt();
        notifiedQueues = in.getInt();
        contractViolations = in.getLong();
        lastViolation = in.getString();
        in.getInt("queue count", queues.length, queues.length);
        for (final Virtqueue queue : queues)
        {
            queue.loadState(in);
        }
        device.loadState(in);
    }
}

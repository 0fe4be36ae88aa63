package io.tandem.engine.mem;

/**
 * Physical addresses of the QEMU {@code virt} board that the machine implements, so that one
 * bare-metal ELF runs unchanged on both (QEMU is the reference for differential tests).
 */
public final class MemoryMap
{
    /** SiFive test finisher: writes end the machine with a pass or fail code. */
    public static final int TEST_FINISHER_BASE = 0x0010_0000;
    /** Size of the test finisher's window. */
    public static final int TEST_FINISHER_SIZE = 0x1000;

    /** Core-local interruptor: msip, mtimecmp, mtime. */
    public static final int CLINT_BASE = 0x0200_0000;
    /** Size of the CLINT window. */
    public static final int CLINT_SIZE = 0x1_0000;

    /** Platform-level interrupt controller. */
    public static final int PLIC_BASE = 0x0C00_0000;
    /** Size of the PLIC window. */
    public static final int PLIC_SIZE = 0x60_0000;

    /** UART 16550 (console). */
    public static final int UART_BASE = 0x1000_0000;
    /** Size of the UART window. */
    public static final int UART_SIZE = 0x100;
    /** PLIC source number of the UART's interrupt line on {@code virt}. */
    public static final int UART_IRQ = 10;

    /** First virtio-mmio slot; the slots are {@link #VIRTIO_STRIDE} apart. */
    public static final int VIRTIO_BASE = 0x1000_1000;
    /** Distance between virtio-mmio slots. */
    public static final int VIRTIO_STRIDE = 0x1000;
    /** Number of virtio-mmio slots. */
    public static final int VIRTIO_SLOTS = 8;
    /** PLIC source of virtio slot 0; slot i uses {@code VIRTIO_IRQ_BASE + i}. */
    public static final int VIRTIO_IRQ_BASE = 1;
    /** Slot of the network device. */
    public static final int VIRTIO_NET_SLOT = 0;
    /** Slot of the block device. */
    public static final int VIRTIO_BLK_SLOT = 1;

    /** Start of RAM. */
    public static final int RAM_BASE = 0x8000_0000;

    private MemoryMap()
    {
    }
}

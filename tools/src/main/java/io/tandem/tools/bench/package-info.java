/**
 * {@code tandem bench} and {@code tandem report}: end-to-end scenarios on real guests (guest
 * MIPS against QEMU, round-trip latency, failover, the backup's lag, log bandwidth), their
 * results directory (HdrHistogram {@code .hgrm} and {@code .hlog} files, {@code summary.json})
 * and a self-contained HTML report with percentile plots.
 */
package io.tandem.tools.bench;

/*
 * The machine's non-deterministic inputs, as calls: time, entropy and the
 * identity of the host running the guest. Under Tandem a recording
 * machine logs what these return and a replaying one gets the same values.
 */
#ifndef HOSTCALLS_H
#define HOSTCALLS_H

#include "tandem.h"

/* The `time` CSR (rdtime/rdtimeh, carry-safe): the same 10 MHz clock as
   CLINT mtime (clint_mtime(), read through MMIO). */
uint64_t time_now(void);

/* 16 bits from the Zkr `seed` CSR (read with csrrw rd, seed, x0), retried
   while its OPST field says BIST or WAIT. Returns -1 if the CSR does not
   exist (an illegal-instruction trap, e.g. QEMU without
   "-cpu rv32,zkr=true"), reports DEAD, or stays unready for too long. */
int32_t  entropy16(void);
/* 32 bits from two entropy16 calls; 0 with *ok = 0 when unavailable
   (ok may be NULL). */
uint32_t entropy32(int *ok);

/* The host identity: custom read-only M-mode CSR 0xFC0. Where that CSR
   does not exist (QEMU: illegal instruction) the trap is caught and the
   call returns 0; host_identity_present() tells the two cases apart. */
#define CSR_HOST_IDENTITY 0xFC0
uint32_t host_identity(void);
int      host_identity_present(void);

/* Raw probes behind the calls above: read the CSR with its trap caught.
   Return 1 and store the value, or 0 if the access trapped. While a probe
   runs, mtvec points at a private handler and mstatus.MIE is 0; mstatus,
   mtvec, mepc, mcause and mtval are restored afterwards, so the probes
   may be called from a trap handler too. */
int csr_try_read_seed(uint32_t *value);
int csr_try_read_host_identity(uint32_t *value);

#endif

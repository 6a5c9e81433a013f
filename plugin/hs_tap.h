/*
 * hs_tap.h - what the "shellshock" tap carries, one record per packet with
 * at least one graded payload (HTTP request or Telnet line), for the
 * statistics tree (Statistics > Shellshock, tshark -z shellshock,tree).
 */
#ifndef HS_TAP_H
#define HS_TAP_H

#include <epan/packet.h>

#include "ss.h"

typedef struct {
    ss_grade_t grade;  /* the highest grade in the packet: one attempt, counted once */
    unsigned cves;     /* SS_CVE_* bits of all its payloads */
    unsigned vectors;  /* 1 << ss_vector_t of all its payloads */
} hs_shellshock_tap_t;

/* Adds one payload to a packet's record. */
static inline void hs_shellshock_tap_add(hs_shellshock_tap_t *rec, const ss_payload_t *p)
{
    if (p->grade > rec->grade)
        rec->grade = p->grade;
    rec->cves |= p->cves;
    rec->vectors |= 1u << p->vector;
}

/* Queues the packet's record on the "shellshock" tap (no-op if max is NONE). */
void hs_shellshock_tap(packet_info *pinfo, const hs_shellshock_tap_t *rec);

/* Registers the tap; called from proto_register_shellshock. */
void hs_shellshock_tap_register(void);
/* Registers the statistics tree; called by the plugin's tap registration. */
void hs_stats_register(void);
/* Registers -z honeyshark,state,FILE (hs_tap_state.c); the same. */
void hs_state_tap_register(void);

#endif /* HS_TAP_H */

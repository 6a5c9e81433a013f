/*
 * hs_tap.h - what the attempt taps carry, one record per packet with at
 * least one graded payload, for the statistics trees: the "shellshock" tap
 * (HTTP requests and Telnet lines; Statistics > Shellshock, tshark -z
 * shellshock,tree) and the "rce" tap (HTTP command injection; Statistics >
 * Command injection, tshark -z rce,tree).  Both families share the record,
 * the tap code and the tree code (stats-attempts.c).
 */
#ifndef HS_TAP_H
#define HS_TAP_H

#include <epan/packet.h>

#include "ss.h"

/* The families of attempts, each with its tap and statistics tree. */
typedef enum {
    HS_FAMILY_SHELLSHOCK, /* "shellshock": shellshock.* and Telnet commands */
    HS_FAMILY_RCE,        /* "rce": rce.* */
    HS_FAMILY_COUNT
} hs_family_t;

typedef struct {
    ss_grade_t grade;    /* the highest grade in the packet: one attempt, counted once */
    unsigned cves;       /* SS_CVE_* bits of all its payloads */
    unsigned vectors;    /* 1 << ss_vector_t of all its payloads */
    const char *exploit; /* rce: the known exploit of the (first) highest-graded payload, else
                            NULL; must outlive the packet's dissection */
} hs_attempt_tap_t;

/* Queues the packet's record on the family's tap (no-op if its grade is NONE). */
void hs_attempt_tap(hs_family_t family, packet_info *pinfo, const hs_attempt_tap_t *rec);

/* Registers the family's tap; called from its proto_register_*. */
void hs_attempt_tap_register(hs_family_t family);
/* Registers the statistics trees; called by the plugin's tap registration. */
void hs_stats_register(void);
/* Registers -z honeyshark,state,FILE (hs_tap_state.c); the same. */
void hs_state_tap_register(void);

#endif /* HS_TAP_H */

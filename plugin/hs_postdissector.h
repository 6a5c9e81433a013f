/*
 * hs_postdissector.h - one Wireshark postdissector for all of honeyshark.
 *
 * Each registered postdissector costs every packet a call through
 * Wireshark's dissector machinery (layer bookkeeping, allocations): about
 * a thousand instructions a frame for four of them.  honeyshark registers
 * one, which calls its parts in order (shellshock, rce, login, src, OS: the OS
 * part adds to src's item), each only while its protocol is enabled.
 */
#ifndef HS_POSTDISSECTOR_H
#define HS_POSTDISSECTOR_H

#include <epan/packet.h>

typedef enum {
    HS_PART_SHELLSHOCK,
    HS_PART_RCE,
    HS_PART_LOGIN,
    HS_PART_SRC,
    HS_PART_OS,
    HS_PART_COUNT
} hs_part_t;

/* The part's dissector, run for packets while protocol proto is enabled. */
void hs_postdissector_add(hs_part_t part, int proto, dissector_t dissect);

/* The fields the part needs in the tree (NULL: none); takes wanted.  What
 * Wireshark is asked for is the union over the parts. */
void hs_postdissector_want(hs_part_t part, GArray *wanted);

void proto_register_honeyshark(void);
void proto_reg_handoff_honeyshark(void);

#endif /* HS_POSTDISSECTOR_H */

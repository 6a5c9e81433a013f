/*
 * hs_shellshock.h - what the shellshock protocol shares with other glue files:
 * turning core results into tree items, and the current grading rules.
 */
#ifndef HS_SHELLSHOCK_H
#define HS_SHELLSHOCK_H

#include <epan/packet.h>

#include "ss.h"

/* s[0..len) as a display-safe string: s itself when it is valid UTF-8
 * without NULs (s[len] must then be NUL), else a copy in pool where other
 * bytes are written \xHH. */
const char *hs_display_string(wmem_allocator_t *pool, const char *s, size_t len);

/* The rules in force (built-in defaults plus the user's UAT rows). */
const ss_rules_t *hs_shellshock_rules(void);

/* One "shellshock" subtree for payload p, covering tvb[offset, offset +
 * p->raw_len) (no bytes when offset is -1). */
proto_item *hs_shellshock_add_payload(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb,
                                      gint offset, const ss_payload_t *p);

/* Appends " [Shellshock: red]" (the highest grade) to the Info column, if wanted. */
void hs_shellshock_mark_info(packet_info *pinfo, ss_grade_t max_grade);

/* A deep copy of p in a (for results kept across passes). */
const ss_payload_t *hs_payload_copy(wmem_allocator_t *a, const ss_payload_t *p);

#endif /* HS_SHELLSHOCK_H */

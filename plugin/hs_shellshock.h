/*
 * hs_shellshock.h - what the shellshock protocol shares with other glue files:
 * turning core results into tree items, and the current grading rules.
 */
#ifndef HS_SHELLSHOCK_H
#define HS_SHELLSHOCK_H

#include <epan/packet.h>

#include "ss.h"

/* The rules in force (built-in defaults plus the user's UAT rows). */
const ss_rules_t *hs_shellshock_rules(void);

/* One "shellshock" subtree for payload p; offset is where p->raw_offset
 * counts from in tvb. */
void hs_shellshock_add_payload(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, gint offset,
                               const ss_payload_t *p);

/* Every payload of res, its problems as expert info, and the Info column. */
void hs_shellshock_add_result(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, gint offset,
                              const ss_result_t *res);

#endif /* HS_SHELLSHOCK_H */

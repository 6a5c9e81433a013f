/*
 * hs_http_part.h - a postdissector part that scans each HTTP request with
 * a core scanner and shows its graded payloads (Shellshock, rce).
 *
 * Both parts work alike: on the first pass every HTTP message of a frame
 * (the reassembled request, in the frame that completes it) goes to the
 * part's core scanner, and copies of the payloads are kept, within the
 * SS_MAX_KEPT_* caps, for later passes; each payload becomes a subtree
 * with the part's fields and expert info.  A part is described by its
 * field ids and scanner; the code is here once.
 */
#ifndef HS_HTTP_PART_H
#define HS_HTTP_PART_H

#include <epan/expert.h>
#include <epan/packet.h>

#include "hs_shellshock.h"

typedef struct {
    const char *name; /* "Shellshock", "Command injection": tree labels, expert info */
    int proto;
    int hf_grade, hf_cve, hf_vector, hf_header, hf_payload, hf_command, hf_url, hf_host;
    int hf_exploit; /* -1: the part names no exploits */
    gint ett;
    expert_field *ei_red, *ei_yellow, *ei_green, *ei_unparsed, *ei_not_kept;
    bool (*may_contain)(const uint8_t *buf, size_t len);
    size_t (*scan)(const ss_rules_t *rules, const uint8_t *buf, size_t len, ss_result_t *res);
    ss_result_t result; /* reused: no allocation per packet */
} hs_http_part_t;

/* One subtree of the part for payload p, covering tvb[offset, offset +
 * p->raw_len) (no bytes when offset is -1). */
proto_item *hs_http_part_add_payload(const hs_http_part_t *part, proto_tree *tree,
                                     packet_info *pinfo, tvbuff_t *tvb, gint offset,
                                     const hs_payload_t *p);

/* The part's work on one frame (proto_http: the "http" protocol id); adds
 * the frame's payloads to rec.  Returns FALSE when the frame has none. */
gboolean hs_http_part_dissect(hs_http_part_t *part, int proto_http, tvbuff_t *tvb,
                              packet_info *pinfo, proto_tree *tree, hs_attempt_tap_t *rec);

#endif /* HS_HTTP_PART_H */

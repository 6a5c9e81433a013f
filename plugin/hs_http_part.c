/*
 * hs_http_part.c - a postdissector part that scans HTTP requests, see
 * hs_http_part.h.
 */
#include "hs_http_part.h"

#include <wireshark.h>

#include <epan/conversation.h>
#include <epan/proto_data.h>

static void add_problems(const hs_http_part_t *part, packet_info *pinfo, proto_item *item,
                         unsigned problems)
{
    for (unsigned bit = 0; bit < SS_PROB_COUNT; bit++) {
        if (problems & (1u << bit))
            expert_add_info_format(pinfo, item, part->ei_unparsed, "%s: %s", part->name,
                                   ss_problem_text(bit));
    }
}

proto_item *hs_http_part_add_payload(const hs_http_part_t *part, proto_tree *tree,
                                     packet_info *pinfo, tvbuff_t *tvb, gint offset,
                                     const hs_payload_t *p)
{
    gint len = (gint)p->raw_len;
    if (offset < 0 || len < 0 || tvb_captured_length_remaining(tvb, offset) < len)
        offset = 0, len = 0; /* unknown place, or never point outside the buffer */

    const char *grade = ss_grade_name((ss_grade_t)p->grade);
    const char *where = p->header ? p->header : ss_vector_name((ss_vector_t)p->vector);
    proto_item *ti = proto_tree_add_protocol_format(tree, part->proto, tvb, offset, len,
                                                    "%s (%s): %s", part->name, grade, where);
    proto_tree *st = proto_item_add_subtree(ti, part->ett);

    proto_item *gi = proto_tree_add_uint(st, part->hf_grade, tvb, offset, len, p->grade);
    for (unsigned bit = 0; bit < SS_CVE_COUNT && part->hf_cve > 0; bit++) {
        if (p->cves & (1u << bit)) {
            proto_tree_add_string(st, part->hf_cve, tvb, offset, len, ss_cve_name(bit));
            proto_item_append_text(ti, ", %s", ss_cve_name(bit));
        }
    }
    proto_tree_add_string(st, part->hf_vector, tvb, offset, len,
                          ss_vector_name((ss_vector_t)p->vector));
    if (p->header)
        proto_tree_add_string(st, part->hf_header, tvb, offset, len,
                              hs_display_string(pinfo->pool, p->header, strlen(p->header)));
    proto_tree_add_string(st, part->hf_payload, tvb, offset, len,
                          hs_display_string(pinfo->pool, p->payload, p->payload_len));
    if (p->exploit && part->hf_exploit > 0) {
        const char *name = hs_display_string(pinfo->pool, p->exploit, strlen(p->exploit));
        proto_tree_add_string(st, part->hf_exploit, tvb, offset, len, name);
        proto_item_append_text(ti, ", %s", name);
    }
    guint n_strings = (guint)p->n_commands + p->n_urls + p->n_hosts;
    for (guint i = 0; i < n_strings; i++) {
        int hf = i < p->n_commands                 ? part->hf_command
                 : i < (guint)p->n_commands + p->n_urls ? part->hf_url
                                                        : part->hf_host;
        proto_tree_add_string(st, hf, tvb, offset, len,
                              hs_display_string(pinfo->pool, p->strings[i], strlen(p->strings[i])));
    }

    expert_field *ei = p->grade == SS_GRADE_RED      ? part->ei_red
                       : p->grade == SS_GRADE_YELLOW ? part->ei_yellow
                                                     : part->ei_green;
    expert_add_info_format(pinfo, gi, ei, "%s payload graded %s in %s%s%s", part->name, grade,
                           ss_vector_name((ss_vector_t)p->vector), p->header ? " " : "",
                           p->header ? hs_display_string(pinfo->pool, p->header, strlen(p->header)) : "");
    add_problems(part, pinfo, ti, p->problems);
    return ti;
}

/* What one HTTP message of a frame held: kept for frames with payloads only. */
typedef struct {
    guint message;          /* index among the frame's http items */
    const hs_payload_t **payloads;
    guint n_payloads;
    unsigned problems;      /* request-level SS_PROB_* */
} http_message_t;

typedef struct {
    http_message_t *messages;
    guint n_messages;
    hs_dropped_t dropped;   /* payloads over the SS_MAX_KEPT_* caps */
} http_frame_t;

/* Payloads of the part kept so far in the frame's TCP conversation. */
static hs_kept_t *conversation_kept(const hs_http_part_t *part, packet_info *pinfo)
{
    conversation_t *conv = find_or_create_conversation(pinfo);
    hs_kept_t *kept = conversation_get_proto_data(conv, part->proto);
    if (!kept) {
        kept = wmem_new0(wmem_file_scope(), hs_kept_t);
        conversation_add_proto_data(conv, part->proto, kept);
    }
    return kept;
}

/* Scans one HTTP message into part->result; FALSE when it holds no payload. */
static gboolean scan_http_message(hs_http_part_t *part, const field_info *fi)
{
    tvbuff_t *ds = fi->ds_tvb;
    if (!ds || fi->start < 0)
        return FALSE;
    gint avail = tvb_captured_length_remaining(ds, fi->start);
    if (avail <= 0)
        return FALSE;
    /* The http item's length is not reliable for pipelined requests: hand
     * the core everything from the message start; it stops at the end of
     * that one request (Content-Length, chunks or no body). */
    const guint8 *buf = tvb_get_ptr(ds, fi->start, avail);
    if (!part->may_contain(buf, (size_t)avail))
        return FALSE;
    return part->scan(hs_shellshock_rules(), buf, (size_t)avail, &part->result) != 0;
}

/* First pass: scan every HTTP message of the frame and keep, within the
 * caps, copies of their payloads; NULL when the frame has none. */
static http_frame_t *scan_frame(hs_http_part_t *part, packet_info *pinfo, GPtrArray *msgs)
{
    wmem_allocator_t *a = wmem_file_scope();
    http_frame_t *frame = NULL;
    hs_kept_t frame_kept = {{0}};
    hs_dropped_t dropped = {0, 0, 0};
    for (guint i = 0; i < msgs->len; i++) {
        if (!scan_http_message(part, g_ptr_array_index(msgs, i)))
            continue;
        hs_kept_t *conv_kept = conversation_kept(part, pinfo);
        const hs_payload_t *kept[SS_MAX_PAYLOADS];
        guint n = 0;
        for (size_t k = 0; k < part->result.n_payloads; k++) {
            const ss_payload_t *p = &part->result.payloads[k];
            if (hs_keep_item(&frame_kept, conv_kept, p->grade, &dropped))
                kept[n++] = hs_payload_copy(a, p);
        }
        if (!frame) {
            frame = wmem_new0(a, http_frame_t);
            frame->messages = wmem_alloc_array(a, http_message_t, msgs->len);
        }
        if (n == 0)
            continue;
        http_message_t *msg = &frame->messages[frame->n_messages++];
        msg->message = i;
        msg->n_payloads = n;
        msg->payloads = wmem_memdup(a, kept, n * sizeof(*kept));
        msg->problems = part->result.problems;
    }
    if (frame)
        frame->dropped = dropped;
    return frame;
}

static void add_message(const hs_http_part_t *part, proto_tree *tree, packet_info *pinfo,
                        tvbuff_t *frame_tvb, GPtrArray *msgs, const http_message_t *msg)
{
    /* Later passes may come without the http items (tshark -2 does not ask
     * for them again): then the items point at no bytes. */
    tvbuff_t *ds = frame_tvb;
    gint base = -1;
    if (msgs && msg->message < msgs->len) {
        const field_info *fi = g_ptr_array_index(msgs, msg->message);
        ds = fi->ds_tvb;
        base = fi->start;
    }
    proto_item *first = NULL;
    for (guint i = 0; i < msg->n_payloads; i++) {
        const hs_payload_t *p = msg->payloads[i];
        proto_item *ti = hs_http_part_add_payload(part, tree, pinfo, ds,
                                                  base < 0 ? -1 : base + (gint)p->raw_offset, p);
        if (!first)
            first = ti;
    }
    if (msg->problems && first) /* request-level problems go on its first payload */
        add_problems(part, pinfo, first, msg->problems);
}

gboolean hs_http_part_dissect(hs_http_part_t *part, int proto_http, tvbuff_t *tvb,
                              packet_info *pinfo, proto_tree *tree, hs_attempt_tap_t *rec)
{
    if (!tree)
        return FALSE;
    GPtrArray *msgs = proto_get_finfo_ptr_array(tree, proto_http);
    http_frame_t *frame;
    if (!PINFO_FD_VISITED(pinfo)) {
        if (!msgs || msgs->len == 0)
            return FALSE;
        frame = scan_frame(part, pinfo, msgs);
        if (!frame)
            return FALSE;
        p_add_proto_data(wmem_file_scope(), pinfo, part->proto, 0, frame);
    } else {
        frame = p_get_proto_data(wmem_file_scope(), pinfo, part->proto, 0);
        if (!frame)
            return FALSE;
    }
    for (guint i = 0; i < frame->n_messages; i++) {
        const http_message_t *msg = &frame->messages[i];
        add_message(part, tree, pinfo, tvb, msgs, msg);
        for (guint k = 0; k < msg->n_payloads; k++)
            hs_payload_tap_add(rec, msg->payloads[k]);
    }
    char what[64];
    g_snprintf(what, sizeof(what), "%s payloads", part->name);
    hs_add_dropped(tree, pinfo, part->ei_not_kept, tvb, 0, 0, what, &frame->dropped);
    return TRUE;
}

/*
 * hs_shellshock.h - what the shellshock protocol shares with other glue files:
 * turning core results into tree items, and the current grading rules.
 */
#ifndef HS_SHELLSHOCK_H
#define HS_SHELLSHOCK_H

#include <epan/packet.h>

#include "hs_tap.h"
#include "ss.h"

/* s[0..len) as a display-safe string: s itself when it is valid UTF-8
 * without NULs (s[len] must then be NUL), else a copy in pool where other
 * bytes are written \xHH. */
const char *hs_display_string(wmem_allocator_t *pool, const char *s, size_t len);

/* green / yellow / red, the names of ss_grade_t: shellshock.grade's values,
 * shared by every grade field (login.grade). */
extern const value_string shellshock_grade_vals[];

/* The rules in force (built-in defaults plus the user's UAT rows). */
const ss_rules_t *hs_shellshock_rules(void);

/* A graded payload as kept per frame for later passes: only what the tree
 * shows, in one block sized to its content (an ss_payload_t has room for
 * every cap of ss_limits.h: over 1 KB, whatever the payload holds). */
typedef struct {
    const char *header;         /* header name (http.header), else NULL */
    const char *exploit;        /* rce: the known exploit matched, else NULL */
    const char *payload;        /* NUL-terminated; may hold NULs: payload_len */
    const char *const *strings; /* n_commands commands, then n_urls URLs, then n_hosts hosts */
    guint32 payload_len;
    guint32 raw_offset, raw_len;
    guint32 cves, problems;     /* SS_CVE_*, SS_PROB_* */
    guint16 n_commands, n_urls, n_hosts;
    guint8 vector, grade;       /* ss_vector_t, ss_grade_t */
} hs_payload_t;

/* A copy of p in a, sized to what it holds. */
const hs_payload_t *hs_payload_copy(wmem_allocator_t *a, const ss_payload_t *p);

/* One "shellshock" subtree for payload p, covering tvb[offset, offset +
 * p->raw_len) (no bytes when offset is -1). */
proto_item *hs_shellshock_add_payload(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb,
                                      gint offset, const hs_payload_t *p);

/* Appends " [Shellshock: red]" (the highest grade) to the Info column, if wanted. */
void hs_shellshock_mark_info(packet_info *pinfo, ss_grade_t max_grade);

/* Adds one kept payload to a packet's tap record: the exploit is that of
 * the first payload at the highest grade that names one. */
static inline void hs_payload_tap_add(hs_attempt_tap_t *rec, const hs_payload_t *p)
{
    if (p->grade > rec->grade) {
        rec->grade = (ss_grade_t)p->grade;
        rec->exploit = p->exploit;
    } else if (p->grade == rec->grade && !rec->exploit) {
        rec->exploit = p->exploit;
    }
    rec->cves |= p->cves;
    rec->vectors |= 1u << p->vector;
}

/* ---- the caps on what is kept (SS_MAX_KEPT_* of ss_limits.h) ---- */

enum { HS_CAP_FRAME = 1u << 0, HS_CAP_CONVERSATION = 1u << 1 };

/* What a frame graded but did not keep. */
typedef struct {
    guint32 count;
    guint8 grade; /* the highest ss_grade_t among them */
    guint8 caps;  /* HS_CAP_* that were hit */
} hs_dropped_t;

/* Items kept so far, by grade (SS_GRADE_NONE: user names and passwords).
 * Each grade has its own budget, so a flood of harmless lines cannot push a
 * red one out of the fields: it is kept while red items are under the cap. */
typedef struct {
    guint32 by_grade[SS_GRADE_RED + 1];
} hs_kept_t;

/* Whether one more item of this grade may be kept, given what the frame and
 * the conversation kept so far (both counted when it is); otherwise the item
 * is counted in dropped. */
gboolean hs_keep_item(hs_kept_t *frame_kept, hs_kept_t *conv_kept, ss_grade_t grade,
                      hs_dropped_t *dropped);

/* "N <what> not kept (limit of 64 per frame, ...); highest grade among them: red"
 * as expert info ei on tree, when anything was dropped. */
void hs_add_dropped(proto_tree *tree, packet_info *pinfo, expert_field *ei, tvbuff_t *tvb,
                    gint offset, gint len, const char *what, const hs_dropped_t *dropped);

#endif /* HS_SHELLSHOCK_H */

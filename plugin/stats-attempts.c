/*
 * stats-shellshock.c - Statistics > Shellshock, and tshark -z shellshock,tree.
 *
 * Counts Shellshock attempts (packets with at least one graded payload,
 * each counted once at its highest grade, as DESIGN.md defines them) by
 * grade, CVE, vector, source country and source AS, with shares.
 */
#include <wireshark.h>

#include <epan/packet.h>
#include <epan/stats_tree.h>
#include <epan/tap.h>

#include "hs_src.h"
#include "hs_tap.h"

static int shellshock_tap = -1;

static int st_attempts = -1;
static int st_grade = -1;
static int st_cve = -1;
static int st_vector = -1;
static int st_country = -1;
static int st_as = -1;

static const char *const NODE_ATTEMPTS = "Shellshock attempts";

void hs_shellshock_tap_register(void)
{
    shellshock_tap = register_tap("shellshock");
}

void hs_shellshock_tap(packet_info *pinfo, const hs_shellshock_tap_t *rec)
{
    if (rec->grade == SS_GRADE_NONE || shellshock_tap < 0 || !have_tap_listener(shellshock_tap))
        return;
    hs_shellshock_tap_t *copy = wmem_new(pinfo->pool, hs_shellshock_tap_t);
    *copy = *rec;
    tap_queue_packet(shellshock_tap, pinfo, copy);
}

static void stats_init(stats_tree *st)
{
    st_attempts = stats_tree_create_node(st, NODE_ATTEMPTS, 0, STAT_DT_INT, TRUE);
    st_grade = stats_tree_create_pivot(st, "By grade", st_attempts);
    st_cve = stats_tree_create_pivot(st, "By CVE", st_attempts);
    st_vector = stats_tree_create_pivot(st, "By vector", st_attempts);
    st_country = stats_tree_create_pivot(st, "By source country", st_attempts);
    st_as = stats_tree_create_pivot(st, "By source AS", st_attempts);
}

static tap_packet_status stats_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt _U_,
                                      const void *data, tap_flags_t flags _U_)
{
    const hs_shellshock_tap_t *rec = data;
    tick_stat_node(st, NODE_ATTEMPTS, 0, FALSE);
    stats_tree_tick_pivot(st, st_grade, ss_grade_name(rec->grade));
    if (!rec->cves)
        stats_tree_tick_pivot(st, st_cve, "none (opener only)");
    for (unsigned bit = 0; bit < SS_CVE_COUNT; bit++) {
        if (rec->cves & (1u << bit))
            stats_tree_tick_pivot(st, st_cve, ss_cve_name(bit));
    }
    for (unsigned v = 0; v < SS_VEC_COUNT; v++) {
        if (rec->vectors & (1u << v))
            stats_tree_tick_pivot(st, st_vector, ss_vector_name((ss_vector_t)v));
    }
    /* src's postdissector has run by now (taps run after dissection). */
    const hs_src_info_t *src = hs_src_info(pinfo);
    stats_tree_tick_pivot(st, st_country, src && src->country[0] ? src->country : "unknown");
    char as[48];
    if (src && src->asn)
        snprintf(as, sizeof(as), "AS%u", src->asn);
    else
        snprintf(as, sizeof(as), "unknown");
    stats_tree_tick_pivot(st, st_as, as);
    return TAP_PACKET_REDRAW;
}

void hs_stats_register(void)
{
    stats_tree_register_plugin("shellshock", "shellshock", "Shellshock/Attempts", 0, stats_packet,
                               stats_init, NULL);
}

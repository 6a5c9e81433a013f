/*
 * stats-attempts.c - the statistics trees of the attempt taps (hs_tap.h):
 * Statistics > Shellshock (tshark -z shellshock,tree) and Statistics >
 * Command injection (tshark -z rce,tree).
 *
 * Each counts its family's attempts (packets with at least one graded
 * payload, each counted once at its highest grade, as DESIGN.md defines
 * them) by grade, by what the family names (Shellshock: CVE; command
 * injection: the known exploit), by vector, source country and source AS,
 * with shares.  The two trees differ only in their names and that one
 * branch; the code is here once.
 */
#include <wireshark.h>

#include <epan/packet.h>
#include <epan/stats_tree.h>
#include <epan/tap.h>

#include "hs_src.h"
#include "hs_tap.h"

typedef struct {
    const char *tap;      /* the tap's name, also the tree's -z name */
    const char *menu;     /* Statistics menu path */
    const char *root;     /* the top node */
    const char *by_kind;  /* the family's own branch */
    /* Ticks the family's own branch for one attempt. */
    void (*tick_kind)(stats_tree *st, int pivot, const hs_attempt_tap_t *rec);
    int tap_id;
    /* node ids: the same in every instance of the tree (created in order) */
    int st_root, st_grade, st_kind, st_vector, st_country, st_as;
} family_t;

static void tick_cves(stats_tree *st, int pivot, const hs_attempt_tap_t *rec)
{
    if (!rec->cves)
        stats_tree_tick_pivot(st, pivot, "none (opener only)");
    for (unsigned bit = 0; bit < SS_CVE_COUNT; bit++) {
        if (rec->cves & (1u << bit))
            stats_tree_tick_pivot(st, pivot, ss_cve_name(bit));
    }
}

static void tick_exploit(stats_tree *st, int pivot, const hs_attempt_tap_t *rec)
{
    stats_tree_tick_pivot(st, pivot, rec->exploit && rec->exploit[0] ? rec->exploit : "unknown");
}

static family_t families[HS_FAMILY_COUNT] = {
    [HS_FAMILY_SHELLSHOCK] = {"shellshock", "Shellshock/Attempts", "Shellshock attempts", "By CVE",
                              tick_cves, -1, -1, -1, -1, -1, -1, -1},
    [HS_FAMILY_RCE] = {"rce", "Command injection/Attempts", "Command injection attempts",
                       "By exploit", tick_exploit, -1, -1, -1, -1, -1, -1, -1},
};

void hs_attempt_tap_register(hs_family_t family)
{
    families[family].tap_id = register_tap(families[family].tap);
}

void hs_attempt_tap(hs_family_t family, packet_info *pinfo, const hs_attempt_tap_t *rec)
{
    int tap = families[family].tap_id;
    if (rec->grade == SS_GRADE_NONE || tap < 0 || !have_tap_listener(tap))
        return;
    hs_attempt_tap_t *copy = wmem_new(pinfo->pool, hs_attempt_tap_t);
    *copy = *rec;
    tap_queue_packet(tap, pinfo, copy);
}

static void family_init(stats_tree *st, family_t *f)
{
    f->st_root = stats_tree_create_node(st, f->root, 0, STAT_DT_INT, TRUE);
    f->st_grade = stats_tree_create_pivot(st, "By grade", f->st_root);
    f->st_kind = stats_tree_create_pivot(st, f->by_kind, f->st_root);
    f->st_vector = stats_tree_create_pivot(st, "By vector", f->st_root);
    f->st_country = stats_tree_create_pivot(st, "By source country", f->st_root);
    f->st_as = stats_tree_create_pivot(st, "By source AS", f->st_root);
}

static tap_packet_status family_packet(stats_tree *st, const family_t *f, packet_info *pinfo,
                                       const hs_attempt_tap_t *rec)
{
    tick_stat_node(st, f->root, 0, FALSE);
    stats_tree_tick_pivot(st, f->st_grade, ss_grade_name(rec->grade));
    f->tick_kind(st, f->st_kind, rec);
    for (unsigned v = 0; v < SS_VEC_COUNT; v++) {
        if (rec->vectors & (1u << v))
            stats_tree_tick_pivot(st, f->st_vector, ss_vector_name((ss_vector_t)v));
    }
    /* src's postdissector has run by now (taps run after dissection). */
    const hs_src_info_t *src = hs_src_info(pinfo);
    stats_tree_tick_pivot(st, f->st_country, src && src->country[0] ? src->country : "unknown");
    char as[48];
    if (src && src->asn)
        snprintf(as, sizeof(as), "AS%u", src->asn);
    else
        snprintf(as, sizeof(as), "unknown");
    stats_tree_tick_pivot(st, f->st_as, as);
    return TAP_PACKET_REDRAW;
}

/* stats_tree callbacks carry no user data: one pair per family. */
static void shellshock_init(stats_tree *st)
{
    family_init(st, &families[HS_FAMILY_SHELLSHOCK]);
}

static tap_packet_status shellshock_packet(stats_tree *st, packet_info *pinfo,
                                           epan_dissect_t *edt _U_, const void *data,
                                           tap_flags_t flags _U_)
{
    return family_packet(st, &families[HS_FAMILY_SHELLSHOCK], pinfo, data);
}

static void rce_init(stats_tree *st)
{
    family_init(st, &families[HS_FAMILY_RCE]);
}

static tap_packet_status rce_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt _U_,
                                    const void *data, tap_flags_t flags _U_)
{
    return family_packet(st, &families[HS_FAMILY_RCE], pinfo, data);
}

void hs_stats_register(void)
{
    static const struct {
        hs_family_t family;
        stat_tree_init_cb init;
        stat_tree_packet_cb packet;
    } trees[] = {
        {HS_FAMILY_SHELLSHOCK, shellshock_init, shellshock_packet},
        {HS_FAMILY_RCE, rce_init, rce_packet},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(trees); i++) {
        const family_t *f = &families[trees[i].family];
        stats_tree_register_plugin(f->tap, f->tap, f->menu, 0, trees[i].packet, trees[i].init,
                                   NULL);
    }
}

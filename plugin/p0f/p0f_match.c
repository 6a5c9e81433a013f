/*
 * p0f_match.c - matching a SYN or SYN+ACK against the signatures, as p0f
 * 3.09b's fp_tcp.c does it (tcp_find_match, detect_win_multi, guess_dist):
 *
 *   - only signatures with the packet's exact TCP option layout are looked
 *     at, in file order;
 *   - the first exact match of a specific (s:) signature wins;
 *   - otherwise the first exact match of a generic (g:) signature;
 *   - otherwise the first fuzzy match, where 'df' and 'id+' may disappear,
 *     'id-' and 'ecn' may appear, and the TTL may be out of range (never
 *     for tools, class '!');
 *   - a window is compared as a value, a '%N' modulus, or a multiple of MSS
 *     or MTU ('mss*N', 'mtu*N') found the way p0f finds it.
 */
#include <string.h>

#include "p0f_int.h"

uint8_t p0f_guess_dist(uint8_t ttl)
{
    if (ttl <= 32)
        return (uint8_t)(32 - ttl);
    if (ttl <= 64)
        return (uint8_t)(64 - ttl);
    if (ttl <= 128)
        return (uint8_t)(128 - ttl);
    return (uint8_t)(255 - ttl);
}

/* Minimal IPv4 + TCP and IPv6 + TCP header sizes (p0f's MIN_TCP4/6). */
#define MIN_TCP4 40
#define MIN_TCP6 60

int p0f_win_multi(const p0f_probe_t *ts, bool *use_mtu, uint16_t syn_mss)
{
    int win = ts->win, mss = ts->mss, mss12 = mss - 12;

    if (!win || mss < 100 || ts->win_type != P0F_WIN_NORMAL)
        return -1;

    /* The first divisor that divides the window, in p0f's order. */
    struct {
        int div;
        bool mtu;
        bool when;
    } tries[] = {
        {mss, false, true},
        {mss12, false, ts->ts1 != 0},            /* MSS - 12 with timestamps */
        {1500 - MIN_TCP4, false, true},           /* MTU 1500 on another interface */
        {1500 - MIN_TCP4 - 12, false, true},
        {1500 - MIN_TCP6, false, ts->ip_ver == 6},
        {1500 - MIN_TCP6 - 12, false, ts->ip_ver == 6},
        {mss + MIN_TCP4, true, true},             /* MTU instead of MSS */
        {mss + ts->tot_hdr, true, true},
        {mss + MIN_TCP6, true, ts->ip_ver == 6},
        {1500, true, true},
        {syn_mss, false, syn_mss != 0},           /* SYN+ACK: the peer's MSS */
        {(int)syn_mss - 12, false, syn_mss != 0},
    };
    for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
        int d = tries[i].div;
        if (tries[i].when && d && win % d == 0) {
            *use_mtu = tries[i].mtu;
            return (int16_t)(win / d); /* p0f keeps it in an s16 */
        }
    }
    return -1;
}

const p0f_group_t *p0f_group_find(const p0f_dirdb_t *d, const uint8_t *layout, uint8_t cnt)
{
    if (!d->tsize)
        return NULL;
    uint32_t h = 2166136261u ^ cnt;
    for (uint8_t i = 0; i < cnt; i++)
        h = (h ^ layout[i]) * 16777619u;
    for (uint32_t i = h & (d->tsize - 1);; i = (i + 1) & (d->tsize - 1)) {
        uint32_t slot = d->table[i];
        if (!slot)
            return NULL;
        const p0f_group_t *g = &d->groups[slot - 1];
        if (g->cnt == cnt && memcmp(g->layout, layout, cnt) == 0)
            return g;
    }
}

void p0f_find(const p0f_db_t *db, const p0f_dirdb_t *d, const p0f_group_t *g,
              const p0f_probe_t *ts, bool dupe_det, uint16_t syn_mss, p0f_hit_t *hit)
{
    const p0f_sig_t *fmatch = NULL, *gmatch = NULL;
    bool use_mtu = false;
    int win_multi = p0f_win_multi(ts, &use_mtu, syn_mss);

    hit->sig = NULL;
    hit->fuzzy = false;
    hit->dist = 0;

    for (uint32_t i = 0; g && i < g->n; i++) {
        const p0f_sig_t *ref = &d->sigs[g->sigs[i]];
        const p0f_probe_t *refs = &ref->p;
        bool fuzzy = false;
        uint32_t ref_quirks = refs->quirks;

        /* A signature for both IP versions ignores the other version's quirks. */
        if (refs->ip_ver == -1)
            ref_quirks &= ts->ip_ver == 4 ? ~(uint32_t)P0F_QUIRK_FLOW
                                          : ~(uint32_t)(P0F_QUIRK_DF | P0F_QUIRK_NZ_ID |
                                                        P0F_QUIRK_ZERO_ID);
        if (ref_quirks != ts->quirks) {
            uint32_t deleted = (ref_quirks ^ ts->quirks) & ref_quirks;
            uint32_t added = (ref_quirks ^ ts->quirks) & ts->quirks;
            /* 'df' or 'id+' gone, 'id-' or 'ecn' new: fuzzy, once. */
            if (fmatch || (deleted & ~(uint32_t)(P0F_QUIRK_DF | P0F_QUIRK_NZ_ID)) ||
                (added & ~(uint32_t)(P0F_QUIRK_ZERO_ID | P0F_QUIRK_ECN)))
                continue;
            fuzzy = true;
        }

        if (refs->opt_eol_pad != ts->opt_eol_pad || refs->ip_opt_len != ts->ip_opt_len)
            continue;

        if (ref->bad_ttl) {
            if (refs->ttl < ts->ttl)
                continue;
        } else if (refs->ttl < ts->ttl || refs->ttl - ts->ttl > P0F_MAX_DIST) {
            fuzzy = true;
        }

        if (refs->mss != -1 && refs->mss != ts->mss)
            continue;
        if (refs->wscale != -1 && refs->wscale != ts->wscale)
            continue;
        if (refs->pay_class != -1 && refs->pay_class != ts->pay_class)
            continue;

        if (ts->win_type != P0F_WIN_NORMAL) {
            /* Two signatures (duplicate check). */
            if (refs->win_type != ts->win_type || refs->win != ts->win)
                continue;
        } else {
            switch (refs->win_type) {
            case P0F_WIN_NORMAL:
                if (refs->win != ts->win)
                    continue;
                break;
            case P0F_WIN_MOD:
                if (ts->win % refs->win)
                    continue;
                break;
            case P0F_WIN_MSS:
                if (use_mtu || refs->win != win_multi)
                    continue;
                break;
            case P0F_WIN_MTU:
                if (!use_mtu || refs->win != win_multi)
                    continue;
                break;
            default: /* P0F_WIN_ANY */
                break;
            }
        }

        if (!fuzzy) {
            if (!db->labels[ref->label].generic) {
                hit->sig = ref;
                hit->dist = (uint8_t)(refs->ttl - ts->ttl);
                return;
            }
            if (!gmatch)
                gmatch = ref;
        } else if (!fmatch) {
            fmatch = ref;
        }
    }

    if (dupe_det)
        return;
    if (gmatch) {
        hit->sig = gmatch;
        hit->dist = (uint8_t)(gmatch->p.ttl - ts->ttl);
        return;
    }
    /* No fuzzy matching for userland tools. */
    if (fmatch && db->labels[fmatch->label].class_id == -1)
        return;
    if (!fmatch || fmatch->p.ttl < ts->ttl ||
        (!fmatch->bad_ttl && fmatch->p.ttl - ts->ttl > P0F_MAX_DIST))
        hit->dist = p0f_guess_dist((uint8_t)ts->ttl);
    else
        hit->dist = (uint8_t)(fmatch->p.ttl - ts->ttl);
    hit->sig = fmatch;
    hit->fuzzy = fmatch != NULL;
}

void p0f_probe_from_packet(const p0f_packet_t *pk, p0f_probe_t *ts)
{
    memset(ts, 0, sizeof(*ts));
    ts->ip_ver = pk->ip_ver;
    ts->ttl = pk->ttl;
    ts->ip_opt_len = pk->ip_opt_len;
    ts->mss = pk->mss;
    ts->win_type = P0F_WIN_NORMAL;
    ts->win = pk->win;
    ts->wscale = pk->wscale;
    ts->opt_eol_pad = pk->opt_eol_pad;
    ts->quirks = pk->quirks;
    ts->pay_class = pk->pay_len != 0;
    ts->tot_hdr = pk->tot_hdr;
    ts->ts1 = pk->ts1;
}

bool p0f_packet_dir(const p0f_packet_t *pk, p0f_dir_t *dir)
{
    /* p0f's tcp_type: SYN, ACK, FIN and RST only. */
    switch (pk->tcp_flags & 0x17) {
    case 0x02:
        *dir = P0F_DIR_SYN;
        return true;
    case 0x12:
        *dir = P0F_DIR_SYNACK;
        return true;
    default:
        return false;
    }
}

p0f_status_t p0f_match(const p0f_db_t *db, const p0f_packet_t *pk, uint16_t syn_mss,
                       p0f_result_t *res)
{
    p0f_dir_t dir;
    p0f_probe_t ts;
    p0f_hit_t hit;

    if (!db || !pk || !res)
        return P0F_ERR_ARG;
    memset(res, 0, sizeof(*res));
    if (!p0f_packet_dir(pk, &dir))
        return P0F_ERR_NOT_SYN;
    if (pk->opt_cnt > P0F_MAX_TCP_OPT)
        return P0F_ERR_ARG;

    const p0f_dirdb_t *d = &db->dir[dir];
    p0f_probe_from_packet(pk, &ts);
    p0f_find(db, d, p0f_group_find(d, pk->opt_layout, pk->opt_cnt), &ts, false, syn_mss, &hit);

    res->dist = hit.dist;
    if (!hit.sig)
        return P0F_OK;
    const p0f_label_t *l = &db->labels[hit.sig->label];
    res->generic = l->generic;
    res->fuzzy = hit.fuzzy;
    res->kind = hit.fuzzy ? P0F_MATCH_FUZZY : l->generic ? P0F_MATCH_GENERIC : P0F_MATCH_EXACT;
    res->app = l->class_id == -1;
    /* p0f reports its own p0f-sendsyn probes as an application. */
    if (dir == P0F_DIR_SYN && pk->win == P0F_SPECIAL_WIN && pk->mss == P0F_SPECIAL_MSS)
        res->app = true;
    res->bad_ttl = hit.sig->bad_ttl;
    res->label = l->text;
    res->name = db->names[l->name_id];
    res->flavor = l->flavor;
    res->os_class = l->class_id == -1 ? "!" : db->classes[l->class_id];
    res->line = hit.sig->line;
    return P0F_OK;
}

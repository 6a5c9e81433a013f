/*
 * p0f_sig.c - one TCP signature line of p0f.fp, parsed and registered as
 * p0f 3.09b's tcp_register_sig() does:
 *
 *   sig = ver:ittl:olen:mss:wsize,scale:olayout:quirks:pclass
 *
 *   ver      4, 6 or * (both)
 *   ittl     initial TTL, "64", "54+10" (seen TTL + distance) or "64-"
 *            (tools with random TTLs: any TTL up to 64)
 *   olen     IPv4 options length
 *   mss      value or *
 *   wsize    value, *, %N (a multiple of N), mss*N, mtu*N
 *   scale    value or *
 *   olayout  eol+N (last), nop, mss, ws, sok, sack, ts, ?N (option kind N)
 *   quirks   df, id+, id-, ecn, 0+, flow, seq-, ack+, ack-, uptr+, urgf+,
 *            pushf+, ts1-, ts2+, opt+, exws, bad
 *   pclass   0 (no payload), + (payload), * (either)
 *
 * Where p0f stops with a fatal error, this refuses the line with a reason;
 * a line that another one already covers is refused too, as p0f does.
 * Numbers saturate instead of overflowing, and "ittl-" is parsed as p0f's
 * documentation says (p0f 3.09b itself skips the first digit of olen after
 * "64-:", which only matters for a non-zero olen; see README-os.md).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "p0f_int.h"

#define NUM_CAP 1000000L

/* Digits at p (possibly none, then 0, as p0f's atol), saturated. */
static long digits(const char **p)
{
    long v = 0;
    while (isdigit((unsigned char)**p)) {
        if (v < NUM_CAP)
            v = v * 10 + (**p - '0');
        (*p)++;
    }
    return v;
}

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        snprintf(why, why_size, __VA_ARGS__);                                                      \
        return false;                                                                              \
    } while (0)

/* The fields of a sig value into sig (not yet registered). */
static bool parse_sig(const char *val, p0f_sig_t *sig, uint8_t *layout, uint8_t *cnt, char *why,
                      size_t why_size)
{
    p0f_probe_t *p = &sig->p;
    const char *nxt;
    long n;

    memset(sig, 0, sizeof(*sig));
    *cnt = 0;

    switch (*val) {
    case '4':
        p->ip_ver = 4;
        break;
    case '6':
        p->ip_ver = 6;
        break;
    case '*':
        p->ip_ver = -1;
        break;
    default:
        FAIL("unrecognized IP version");
    }
    if (val[1] != ':')
        FAIL("malformed signature (after the IP version)");
    val += 2;

    /* Initial TTL: "64", "54+10", "64-". */
    nxt = val;
    n = digits(&nxt);
    if (*nxt != ':' && *nxt != '+' && *nxt != '-')
        FAIL("malformed initial TTL");
    if (n < 1 || n > 255)
        FAIL("bogus initial TTL");
    p->ttl = (int)n;
    if (*nxt == '-') {
        if (nxt[1] != ':')
            FAIL("malformed initial TTL ('-' must end it)");
        sig->bad_ttl = true;
        val = nxt + 2;
    } else if (*nxt == '+') {
        val = nxt + 1;
        nxt = val;
        n = digits(&nxt);
        if (*nxt != ':')
            FAIL("malformed TTL distance");
        if (p->ttl + n > 255)
            FAIL("bogus initial TTL (TTL + distance over 255)");
        p->ttl += (int)n;
        val = nxt + 1;
    } else {
        val = nxt + 1;
    }

    /* IP options length. */
    nxt = val;
    n = digits(&nxt);
    if (*nxt != ':')
        FAIL("malformed IP option length");
    if (n > 255)
        FAIL("bogus IP option length");
    p->ip_opt_len = (int)n;
    val = nxt + 1;

    /* MSS. */
    if (val[0] == '*' && val[1] == ':') {
        p->mss = -1;
        val += 2;
    } else {
        nxt = val;
        n = digits(&nxt);
        if (*nxt != ':')
            FAIL("malformed MSS");
        if (n > 65535)
            FAIL("bogus MSS");
        p->mss = (int)n;
        val = nxt + 1;
    }

    /* Window size, then a comma. */
    if (val[0] == '*' && val[1] == ',') {
        p->win_type = P0F_WIN_ANY;
        p->win = 0;
        val += 2;
    } else if (val[0] == '%') {
        p->win_type = P0F_WIN_MOD;
        nxt = ++val;
        n = digits(&nxt);
        if (*nxt != ',')
            FAIL("malformed window size");
        if (n < 2 || n > 65535)
            FAIL("bogus '%%' value");
        p->win = (int)n;
        val = nxt + 1;
    } else if (strncmp(val, "mss*", 4) == 0 || strncmp(val, "mtu*", 4) == 0) {
        p->win_type = val[1] == 's' ? P0F_WIN_MSS : P0F_WIN_MTU;
        val += 4;
        nxt = val;
        n = digits(&nxt);
        if (*nxt != ',')
            FAIL("malformed window size");
        if (n < 1 || n > 1000)
            FAIL("bogus MSS/MTU multiplier");
        p->win = (int)n;
        val = nxt + 1;
    } else {
        p->win_type = P0F_WIN_NORMAL;
        nxt = val;
        n = digits(&nxt);
        if (*nxt != ',')
            FAIL("malformed window size");
        if (n > 65535)
            FAIL("bogus window size");
        p->win = (int)n;
        val = nxt + 1;
    }

    /* Window scale. */
    if (val[0] == '*' && val[1] == ':') {
        p->wscale = -1;
        val += 2;
    } else {
        nxt = val;
        n = digits(&nxt);
        if (*nxt != ':')
            FAIL("malformed window scale");
        if (n > 255)
            FAIL("bogus window scale");
        p->wscale = (int)n;
        val = nxt + 1;
    }

    /* Option layout. */
    static const struct {
        const char *name;
        uint8_t kind;
    } opts[] = {{"nop", P0F_OPT_NOP}, {"mss", P0F_OPT_MSS}, {"ws", P0F_OPT_WS},
                {"sok", P0F_OPT_SOK}, {"sack", P0F_OPT_SACK}, {"ts", P0F_OPT_TS}};
    while (*val != ':') {
        if (*cnt >= P0F_MAX_TCP_OPT)
            FAIL("too many TCP options (at most %d)", P0F_MAX_TCP_OPT);
        if (strncmp(val, "eol", 3) == 0) {
            layout[(*cnt)++] = P0F_OPT_EOL;
            val += 3;
            if (*val != '+')
                FAIL("malformed EOL option (eol+N)");
            nxt = ++val;
            n = digits(&nxt);
            if (!*nxt)
                FAIL("truncated options");
            if (*nxt != ':')
                FAIL("EOL must be the last option");
            if (n > 255)
                FAIL("bogus EOL padding");
            p->opt_eol_pad = (int)n;
            val = nxt;
        } else if (*val == '?') {
            nxt = ++val;
            n = digits(&nxt);
            if (*nxt != ':' && *nxt != ',')
                FAIL("malformed '?' option");
            if (n > 255)
                FAIL("bogus '?' option");
            layout[(*cnt)++] = (uint8_t)n;
            val = nxt;
        } else {
            size_t i;
            for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
                size_t len = strlen(opts[i].name);
                if (strncmp(val, opts[i].name, len) == 0) {
                    layout[(*cnt)++] = opts[i].kind;
                    val += len;
                    break;
                }
            }
            if (i == sizeof(opts) / sizeof(opts[0]))
                FAIL("unrecognized TCP option");
        }
        if (*val == ':')
            break;
        if (*val != ',')
            FAIL("malformed TCP options");
        val++;
    }
    val++;

    /* Quirks. */
    while (*val != ':') {
        size_t i;
        for (i = 0; i < p0f_quirk_name_count; i++) {
            size_t len = strlen(p0f_quirk_names[i].name);
            if (strncmp(val, p0f_quirk_names[i].name, len) == 0)
                break;
        }
        if (i == p0f_quirk_name_count)
            FAIL("unrecognized quirk");
        uint32_t bit = p0f_quirk_names[i].bit;
        if (p->ip_ver == 6 &&
            (bit & (P0F_QUIRK_DF | P0F_QUIRK_NZ_ID | P0F_QUIRK_ZERO_ID | P0F_QUIRK_NZ_MBZ)))
            FAIL("'%s' is not valid for IPv6", p0f_quirk_names[i].name);
        if (p->ip_ver == 4 && bit == P0F_QUIRK_FLOW)
            FAIL("'flow' is not valid for IPv4");
        p->quirks |= bit;
        val += strlen(p0f_quirk_names[i].name);
        if (*val == ':')
            break;
        if (*val != ',')
            FAIL("malformed quirks");
        val++;
    }
    val++;

    /* Payload class: exactly one character. */
    if (strcmp(val, "*") == 0)
        p->pay_class = -1;
    else if (strcmp(val, "0") == 0)
        p->pay_class = 0;
    else if (strcmp(val, "+") == 0)
        p->pay_class = 1;
    else
        FAIL("malformed payload class");
    return true;
}

static uint32_t layout_hash(const uint8_t *layout, uint8_t cnt)
{
    uint32_t h = 2166136261u ^ cnt;
    for (uint8_t i = 0; i < cnt; i++)
        h = (h ^ layout[i]) * 16777619u;
    return h;
}

/* Puts group index gi into the open-addressing table. */
static void table_put(p0f_dirdb_t *d, uint32_t gi)
{
    const p0f_group_t *g = &d->groups[gi];
    uint32_t i = layout_hash(g->layout, g->cnt) & (d->tsize - 1);
    while (d->table[i])
        i = (i + 1) & (d->tsize - 1);
    d->table[i] = gi + 1;
}

/* The group for a layout, created when new; NULL when out of memory. */
static p0f_group_t *group_get(p0f_dirdb_t *d, const uint8_t *layout, uint8_t cnt)
{
    p0f_group_t *g = (p0f_group_t *)p0f_group_find(d, layout, cnt);
    if (g)
        return g;
    if (d->ngroups == d->groupcap) {
        uint32_t cap = d->groupcap ? d->groupcap * 2 : 32;
        p0f_group_t *ng = realloc(d->groups, cap * sizeof(*ng));
        if (!ng)
            return NULL;
        d->groups = ng;
        d->groupcap = cap;
    }
    if ((d->ngroups + 1) * 2 > d->tsize) {
        uint32_t tsize = d->tsize ? d->tsize * 2 : 64;
        uint32_t *nt = calloc(tsize, sizeof(*nt));
        if (!nt)
            return NULL;
        free(d->table);
        d->table = nt;
        d->tsize = tsize;
        for (uint32_t i = 0; i < d->ngroups; i++)
            table_put(d, i);
    }
    g = &d->groups[d->ngroups];
    memset(g, 0, sizeof(*g));
    g->cnt = cnt;
    memcpy(g->layout, layout, cnt);
    table_put(d, d->ngroups++);
    return g;
}

bool p0f_sig_add(p0f_db_t *db, p0f_dir_t dir, uint32_t label, const char *val, uint32_t line,
                 char *why, size_t why_size, p0f_status_t *status)
{
    p0f_dirdb_t *d = &db->dir[dir];
    p0f_sig_t sig;
    uint8_t layout[P0F_MAX_TCP_OPT];
    uint8_t cnt;
    p0f_hit_t hit;

    *status = P0F_OK;
    if (!parse_sig(val, &sig, layout, &cnt, why, why_size))
        return false;
    sig.label = label;
    sig.line = line;

    /* As p0f: refuse a signature that an earlier one already matches exactly. */
    const p0f_group_t *existing = p0f_group_find(d, layout, cnt);
    p0f_find(db, d, existing, &sig.p, true, 0, &hit);
    if (hit.sig)
        FAIL("signature already covered by line %u", (unsigned)hit.sig->line);

    if (d->nsigs >= P0F_MAX_SIGS)
        FAIL("too many signatures (at most %d per section)", P0F_MAX_SIGS);
    if (d->nsigs == d->sigcap) {
        uint32_t cap = d->sigcap ? d->sigcap * 2 : 128;
        p0f_sig_t *ns = realloc(d->sigs, cap * sizeof(*ns));
        if (!ns)
            goto nomem;
        d->sigs = ns;
        d->sigcap = cap;
    }
    p0f_group_t *g = group_get(d, layout, cnt);
    if (!g)
        goto nomem;
    if (g->n == g->cap) {
        uint32_t cap = g->cap ? g->cap * 2 : 8;
        uint32_t *ni = realloc(g->sigs, cap * sizeof(*ni));
        if (!ni)
            goto nomem;
        g->sigs = ni;
        g->cap = cap;
    }
    g->sigs[g->n++] = d->nsigs;
    d->sigs[d->nsigs++] = sig;
    return true;

nomem:
    *status = P0F_ERR_NOMEM;
    FAIL("out of memory");
}

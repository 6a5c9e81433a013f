/*
 * rep_common.c - shared report helpers, see rep_common.h.
 */
#define _GNU_SOURCE /* qsort_r */
#include "rep_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rep_lookup(const char *name)
{
    for (int i = 0; i < REP_COUNT; i++)
        if (strcmp(rep_info[i].name, name) == 0)
            return i;
    return -1;
}

int rep_top(rep_id_t id, const rep_opts_t *o)
{
    return o->top >= 0 ? o->top : rep_info[id].default_top;
}

static int cmp_dynamic(const void *a, const void *b, void *arg)
{
    const agg_state_t *st = arg;
    return strcmp(st->sensors[*(const size_t *)a].name, st->sensors[*(const size_t *)b].name);
}

size_t rep_sensor_order(const agg_state_t *st, size_t order[HSR_MAX_SENSORS])
{
    size_t n = 0, ndyn;
    for (size_t i = 0; i < st->nsensors; i++)
        if (!st->sensors[i].dynamic)
            order[n++] = i;
    ndyn = n;
    for (size_t i = 0; i < st->nsensors; i++)
        if (st->sensors[i].dynamic)
            order[n++] = i;
    qsort_r(order + ndyn, n - ndyn, sizeof(size_t), cmp_dynamic, (void *)st);
    return n;
}

/* best[key] = (id, frames) with most frames, ties to the smaller string. */
static hsr_status_t best_of(const agg_state_t *st, int map, agg_map_t *best)
{
    hsr_status_t s = agg_map_init(best, 2);
    if (s != HSR_OK)
        return s;
    const agg_map_t *m = &st->maps[map];
    for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
        const uint64_t *k = agg_map_key(m, i);
        uint64_t key[AGG_KEY_WORDS] = {k[0], 0, 0};
        uint64_t *v = agg_map_upsert(best, key), frames = agg_map_val(m, i)[0];
        if (!v)
            return HSR_ERR_NOMEM;
        if (v[1] == 0 || frames > v[1] ||
            (frames == v[1] && strcmp(agg_intern_str(&st->strs, k[1]),
                                      agg_intern_str(&st->strs, v[0])) < 0)) {
            v[0] = k[1];
            v[1] = frames;
        }
    }
    return HSR_OK;
}

static hsr_status_t best_src(const agg_state_t *st, agg_map_t *best)
{
    hsr_status_t s = agg_map_init(best, 3);
    if (s != HSR_OK)
        return s;
    const agg_map_t *m = &st->maps[AGG_SRC_INFO];
    for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
        const uint64_t *k = agg_map_key(m, i);
        uint64_t key[AGG_KEY_WORDS] = {k[0], 0, 0};
        uint64_t *v = agg_map_upsert(best, key), frames = agg_map_val(m, i)[0];
        if (!v)
            return HSR_ERR_NOMEM;
        int better = v[2] == 0 || frames > v[2];
        if (!better && frames == v[2]) {
            int c = rep_cmp_u64(k[1], v[0]);
            if (c == 0)
                c = strcmp(agg_intern_str(&st->strs, k[2]), agg_intern_str(&st->strs, v[1]));
            better = c < 0;
        }
        if (better) {
            v[0] = k[1];
            v[1] = k[2];
            v[2] = frames;
        }
    }
    return HSR_OK;
}

hsr_status_t rep_ctx_init(rep_ctx_t *c, const agg_state_t *st, const rep_opts_t *o)
{
    memset(c, 0, sizeof(*c));
    c->st = st;
    c->o = o;
    c->nsensors = rep_sensor_order(st, c->order);
    for (size_t i = 0; i < c->nsensors; i++)
        c->pos[c->order[i]] = i;
    c->per_sensor = c->nsensors > 1;
    c->total_label = st->sum.truncated_inputs || st->sum.malformed_lines ? "total (incomplete)" : "total";
    hsr_status_t s = best_of(st, AGG_AS_ORG, &c->org);
    if (s == HSR_OK)
        s = best_of(st, AGG_COUNTRY_NAME, &c->cname);
    if (s == HSR_OK)
        s = best_src(st, &c->srcinfo);
    return s;
}

void rep_ctx_free(rep_ctx_t *c)
{
    agg_map_free(&c->org);
    agg_map_free(&c->cname);
    agg_map_free(&c->srcinfo);
}

const char *rep_str(const rep_ctx_t *c, uint64_t id)
{
    return agg_intern_str(&c->st->strs, id);
}

const char *rep_as_org(const rep_ctx_t *c, uint64_t asn)
{
    uint64_t key[AGG_KEY_WORDS] = {asn, 0, 0};
    const uint64_t *v = agg_map_find(&c->org, key);
    return v ? rep_str(c, v[0]) : NULL;
}

const char *rep_country_name(const rep_ctx_t *c, uint64_t cc)
{
    uint64_t key[AGG_KEY_WORDS] = {cc, 0, 0};
    const uint64_t *v = agg_map_find(&c->cname, key);
    return v ? rep_str(c, v[0]) : NULL;
}

void rep_src_info(const rep_ctx_t *c, uint64_t src, uint64_t *asn, uint64_t *cc)
{
    uint64_t key[AGG_KEY_WORDS] = {src, 0, 0};
    const uint64_t *v = agg_map_find(&c->srcinfo, key);
    *asn = v ? v[0] : AGG_ASN_UNKNOWN;
    *cc = v ? v[1] : 0;
}

int rep_sensor_cols(const rep_ctx_t *c, out_table_t *t, const char *metric)
{
    int first = -1;
    if (!c->per_sensor)
        return first;
    for (size_t i = 0; i < c->nsensors; i++) {
        char name[HSR_MAX_SENSOR_NAME + 32];
        snprintf(name, sizeof(name), "%s:%s", metric, c->st->sensors[c->order[i]].name);
        int col = out_col(t, name, 1);
        first = i == 0 ? col : first;
    }
    return first;
}

void rep_chart_sensors(const rep_ctx_t *c, out_chart_t *ch, int first)
{
    for (size_t i = 0; first >= 0 && i < c->nsensors; i++)
        out_chart_series(ch, first + (int)i);
}

void rep_sensor_cells(const rep_ctx_t *c, out_table_t *t, const uint64_t *per_sensor)
{
    if (!c->per_sensor)
        return;
    for (size_t i = 0; i < c->nsensors; i++)
        out_int(t, (int64_t)per_sensor[i]);
}

void rep_asn_cell(out_table_t *t, uint64_t asn)
{
    if (asn == AGG_ASN_UNKNOWN)
        out_unknown(t);
    else
        out_int(t, (int64_t)asn);
}

void rep_org_cell(const rep_ctx_t *c, out_table_t *t, uint64_t asn)
{
    const char *org = rep_as_org(c, asn);
    if (org)
        out_str(t, org);
    else
        out_unknown(t);
}

void rep_str_cell(const rep_ctx_t *c, out_table_t *t, uint64_t id)
{
    if (id == 0)
        out_unknown(t);
    else
        out_str(t, rep_str(c, id));
}

void rep_bucket_cell(const rep_ctx_t *c, out_table_t *t, int64_t bucket)
{
    char buf[48];
    if (bucket == AGG_TIME_UNKNOWN) {
        out_unknown(t);
        return;
    }
    agg_bucket_label(&c->st->bucket, bucket, buf, sizeof(buf));
    out_time(t, buf, bucket);
}

int rep_cmp_str(const rep_ctx_t *c, uint64_t a, uint64_t b)
{
    if (a == b)
        return 0;
    if (a == 0 || b == 0)
        return a == 0 ? 1 : -1;
    return strcmp(rep_str(c, a), rep_str(c, b));
}

void rep_topk_init(rep_topk_t *t, size_t k)
{
    memset(t, 0, sizeof(*t));
    t->k = k < REP_TOPK_MAX ? k : REP_TOPK_MAX;
}

void rep_topk_add(rep_topk_t *t, uint64_t key, uint64_t val)
{
    if (val == 0 || t->k == 0)
        return;
    size_t i = t->n;
    /* Position: after every entry that ranks before (key, val). */
    while (i > 0 && (t->val[i - 1] < val || (t->val[i - 1] == val && t->key[i - 1] > key)))
        i--;
    if (i >= t->k)
        return;
    size_t last = t->n < t->k ? t->n : t->k - 1;
    for (size_t j = last; j > i; j--) {
        t->key[j] = t->key[j - 1];
        t->val[j] = t->val[j - 1];
    }
    t->key[i] = key;
    t->val[i] = val;
    if (t->n < t->k)
        t->n++;
}

void rep_topk_ports(const rep_topk_t *t, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < t->n && used < n; i++) {
        char port[32];
        agg_port_label(t->key[i], port, sizeof(port));
        int k = snprintf(buf + used, n - used, "%s%s:%llu", i ? " " : "", port,
                         (unsigned long long)t->val[i]);
        if (k < 0)
            break;
        used += (size_t)k;
    }
}

double rep_pct(uint64_t part, uint64_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

const char *rep_family_name(agg_family_t fam)
{
    return fam == AGG_FAM_RCE ? "command injection" : "Shellshock";
}

const char *rep_gcol(const rep_ctx_t *c, const char *what, char *buf, size_t n)
{
    snprintf(buf, n, "%s_%s", c->o->family == AGG_FAM_RCE ? "rce" : "ss", what);
    return buf;
}

const char *rep_family_text(const rep_ctx_t *c, const char *text, char *buf, size_t n)
{
    const char *at = strstr(text, "Shellshock");
    if (c->o->family == AGG_FAM_SHELLSHOCK || !at)
        return text;
    /* At the start of a sentence the family's name takes a capital. */
    const char *name = at == text ? "Command injection" : rep_family_name(c->o->family);
    snprintf(buf, n, "%.*s%s%s", (int)(at - text), text, name, at + strlen("Shellshock"));
    return buf;
}

void rep_grade_cols(const rep_ctx_t *c, out_table_t *t, out_chart_t *ch)
{
    static const char *const what[] = {"attempts", "green", "yellow", "red"};
    char name[32];
    for (int i = 0; i < 4; i++) {
        int col = out_col(t, rep_gcol(c, what[i], name, sizeof(name)), 1);
        if (ch && i > 0)
            out_chart_series(ch, col);
    }
}

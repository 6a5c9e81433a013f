/*
 * rep_common.h - helpers the report builders share: sensor columns,
 * best names for an AS / country / source, top-k lists, distinct counts.
 */
#ifndef REP_COMMON_H
#define REP_COMMON_H

#include "rep.h"

#define REP_TOPK_MAX 16

struct rep_ctx { /* rep_ctx_t, declared in rep.h */
    const agg_state_t *st;
    const rep_opts_t *o;
    size_t order[HSR_MAX_SENSORS]; /* display order */
    size_t pos[HSR_MAX_SENSORS];   /* sensor index -> display position */
    size_t nsensors;
    int per_sensor;                /* more than one sensor: per-sensor columns */
    agg_map_t org;                 /* asn -> org id, frames */
    agg_map_t cname;               /* country id -> name id, frames */
    agg_map_t srcinfo;             /* src id -> asn, country id, frames */
    const char *total_label;       /* "total", or "total (incomplete)" */
};

hsr_status_t rep_ctx_init(rep_ctx_t *c, const agg_state_t *st, const rep_opts_t *o);
void rep_ctx_free(rep_ctx_t *c);

const char *rep_str(const rep_ctx_t *c, uint64_t id);
/* Most frequent organisation of an AS, NULL if none seen. */
const char *rep_as_org(const rep_ctx_t *c, uint64_t asn);
const char *rep_country_name(const rep_ctx_t *c, uint64_t cc);
/* AS and country most seen with a source. */
void rep_src_info(const rep_ctx_t *c, uint64_t src, uint64_t *asn, uint64_t *cc);

/* Columns "<metric>:<sensor>" for each sensor when there are several;
 * returns the first one's index, -1 when there are none. */
int rep_sensor_cols(const rep_ctx_t *c, out_table_t *t, const char *metric);
/* The sensor columns from first on as the chart's series. */
void rep_chart_sensors(const rep_ctx_t *c, out_chart_t *ch, int first);
void rep_sensor_cells(const rep_ctx_t *c, out_table_t *t, const uint64_t *per_sensor);

/* Cells for an AS number / org / country code that may be unknown. */
void rep_asn_cell(out_table_t *t, uint64_t asn);
void rep_org_cell(const rep_ctx_t *c, out_table_t *t, uint64_t asn);
void rep_str_cell(const rep_ctx_t *c, out_table_t *t, uint64_t id);
void rep_bucket_cell(const rep_ctx_t *c, out_table_t *t, int64_t bucket);

/* Compares two string ids by their text; unknown (0) sorts last. */
int rep_cmp_str(const rep_ctx_t *c, uint64_t a, uint64_t b);

/* The k largest (value desc, key asc) of a stream of key/value pairs;
 * the result does not depend on the order of insertion. */
typedef struct {
    size_t k, n;
    uint64_t key[REP_TOPK_MAX], val[REP_TOPK_MAX];
} rep_topk_t;
void rep_topk_init(rep_topk_t *t, size_t k);
void rep_topk_add(rep_topk_t *t, uint64_t key, uint64_t val);
/* "tcp/23:120 tcp/80:7" */
void rep_topk_ports(const rep_topk_t *t, char *buf, size_t n);

static inline int rep_cmp_u64(uint64_t a, uint64_t b)
{
    return a < b ? -1 : a > b;
}
static inline int rep_cmp_i64(int64_t a, int64_t b)
{
    return a < b ? -1 : a > b;
}

double rep_pct(uint64_t part, uint64_t whole);

/* --family: the family's grade counters in a "frames, grades" entry v of
 * AGG_AS, AGG_COUNTRY or AGG_TIME are rep_gv(c, v)[1..3]. */
static inline const uint64_t *rep_gv(const rep_ctx_t *c, const uint64_t *v)
{
    return v + AGG_G(c->o->family, 0);
}
/* "Shellshock", "command injection". */
const char *rep_family_name(agg_family_t fam);
/* A grade column's name says its family: "ss_green", "rce_attempts". */
const char *rep_gcol(const rep_ctx_t *c, const char *what, char *buf, size_t n);
/* Columns "<family>_attempts", then green, yellow and red (each a series
 * of ch, when not NULL). */
void rep_grade_cols(const rep_ctx_t *c, out_table_t *t, out_chart_t *ch);
/* A report's text for its family: "Shellshock" in it becomes the family's name. */
const char *rep_family_text(const rep_ctx_t *c, const char *text, char *buf, size_t n);

#endif /* REP_COMMON_H */

/*
 * rep_internal.h - what the report builders share besides rep_common.h:
 * a keyed, sortable list of rows, total helpers and the builders.
 */
#ifndef REP_INTERNAL_H
#define REP_INTERNAL_H

#include "rep_common.h"

/* Rows (each `size` bytes followed by one counter per sensor), found by a
 * three-word key; pointers stay valid until rep_rows_free. */
typedef struct {
    size_t size, nsens, n, cap;
    void **rows;
    agg_map_t idx; /* key -> row pointer */
} rep_rows_t;

hsr_status_t rep_rows_init(rep_rows_t *r, size_t size, size_t nsens);
void rep_rows_free(rep_rows_t *r);
/* The row of a key, created zeroed if new; NULL if out of memory. */
void *rep_rows_get(rep_rows_t *r, uint64_t k0, uint64_t k1, uint64_t k2);
void *rep_rows_find(const rep_rows_t *r, uint64_t k0, uint64_t k1, uint64_t k2);
uint64_t *rep_rows_sens(const rep_rows_t *r, const void *row);
static inline void *rep_rows_at(const rep_rows_t *r, size_t i)
{
    return r->rows[i];
}
void rep_rows_sort(rep_rows_t *r, int (*cmp)(const void *, const void *));

/* Totals over every counted frame, from the time aggregate: per sensor
 * (display order), overall, and by grade (g[1..3]). */
void rep_time_totals(const rep_ctx_t *c, uint64_t *sens, uint64_t *frames, uint64_t g[4]);
/* Distinct non-zero values of key word `word` in map (only entries whose
 * counter `val` is non-zero when val >= 0). */
hsr_status_t rep_distinct(const agg_map_t *map, int word, int val, uint64_t *count);

hsr_status_t rep_as_time(rep_ctx_t *c, out_table_t *t);
hsr_status_t rep_country(rep_ctx_t *c, out_table_t *t);
hsr_status_t rep_ports(rep_ctx_t *c, out_table_t *t);
hsr_status_t rep_timeline(rep_ctx_t *c, out_table_t *t);
hsr_status_t rep_grades(rep_ctx_t *c, out_table_t *t);
hsr_status_t rep_as_ports(rep_ctx_t *c, out_table_t *t);
hsr_status_t rep_multiport(rep_ctx_t *c, out_table_t *t);
hsr_status_t rep_os(rep_ctx_t *c, out_table_t *t);

#endif /* REP_INTERNAL_H */

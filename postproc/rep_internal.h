/*
 * rep_internal.h - what the report builders share besides rep_common.h:
 * a keyed, sortable list of rows, the skeleton that makes a report's rows
 * (map -> rows -> sort -> top N -> "other"), total helpers and the builders.
 */
#ifndef REP_INTERNAL_H
#define REP_INTERNAL_H

#include "rep_common.h"

/* Rows (each `size` bytes followed by one counter per sensor), found by a
 * three-word key; pointers stay valid until rep_rows_free, which may be
 * called on rows whose init (or rep_rows_make) failed. */
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

/* Row order: negative, zero or positive like strcmp, with the report's
 * context passed through (no static state).  Every report's order is total
 * (it ends on the row's key), so the sort algorithm cannot change output. */
typedef int (*rep_cmp_t)(const void *a, const void *b, const rep_ctx_t *c);
void rep_rows_sort(rep_rows_t *r, rep_cmp_t cmp, const rep_ctx_t *c);

/* The head of a row that --top may sum into an "other" row. */
typedef enum {
    REP_ROW_SHOWN,  /* a row of its own */
    REP_ROW_FOLDED, /* past --top: summed into an "other" row, not shown */
    REP_ROW_OTHER   /* the "other" row */
} rep_row_kind_t;
typedef struct {
    rep_row_kind_t kind;
    size_t folded; /* REP_ROW_OTHER: how many rows it sums */
} rep_row_t;

/*
 * The report skeleton: one map of the state -> rows -> sorted -> the first
 * --top N kept, the rest summed into an "other" row.  A report describes
 * its rows with a spec and keeps only its own columns and order.
 */
typedef struct {
    size_t size; /* sizeof the report's row; it starts with a rep_row_t if fold is set */
    int sensors; /* rows carry one counter per sensor (display order) */
    int map;     /* AGG_*: the map the rows are made from */
    /* The key of the row a map entry adds to, preset to {k[0], 0, 0}; returns
     * 0 to skip the entry.  NULL: every entry, by its first key word. */
    int (*key)(const uint64_t *k, const uint64_t *v, uint64_t key[AGG_KEY_WORDS], void *arg);
    /* Adds a map entry to its row (zeroed when new); sens: the row's
     * per-sensor counters. */
    hsr_status_t (*add)(const rep_ctx_t *c, void *row, uint64_t *sens, const uint64_t *k,
                        const uint64_t *v, void *arg);
    rep_cmp_t cmp; /* row order, also of the "other" rows among the others */
    /* --top N (N > 0) with fold set: in each group of consecutive sorted rows
     * (same_group(previous, row); NULL: all rows are one group), the rows
     * past the first N become REP_ROW_FOLDED and are summed into the
     * REP_ROW_OTHER row of key other_key(row) (preset to zeros): its
     * per-sensor counters here, the rest by fold(other, row).  The rows are
     * then sorted again. */
    int (*same_group)(const void *a, const void *b);
    void (*other_key)(const void *row, uint64_t key[AGG_KEY_WORDS]);
    void (*fold)(void *other, const void *row);
} rep_spec_t;

/* Initialises r and makes its rows as spec says; arg goes to key and add.
 * r must be freed with rep_rows_free whatever the result. */
hsr_status_t rep_rows_make(rep_rows_t *r, const rep_ctx_t *c, const rep_spec_t *spec, int top,
                           void *arg);

/* The AS with attempts of the report's family (--family), keyed by AS number (rep_rows_find(r,
 * asn, 0, 0)) and ranked by attempts, then AS number. */
typedef struct {
    uint64_t asn, attempts;
    int64_t first; /* bucket of its first attempt */
    size_t rank;   /* 0: most attempts */
} rep_attacker_t;
hsr_status_t rep_attackers(const rep_ctx_t *c, rep_rows_t *r);

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
hsr_status_t rep_exploits(rep_ctx_t *c, out_table_t *t);

#endif /* REP_INTERNAL_H */

/*
 * out_meta.h - what every output says besides its table: the options that
 * produced it and the summary of what was read (and whether it is complete).
 */
#ifndef OUT_META_H
#define OUT_META_H

#include <stddef.h>
#include <stdio.h>

#include "agg_state.h"

typedef struct {
    const char *version;
    const char *format;
    int top;             /* effective --top of the report, 0 = every row */
    const char *port;    /* --port label, NULL when not given */
    const agg_state_t *st;
    const size_t *sensor_order; /* display order of sensors */
    size_t nsensors;
    const char *bucket;  /* --follow: the bucket this report is of ("unknown"), else NULL */
} out_meta_t;

/* One sentence: frames read, counted, skipped... */
void out_summary_sentence(const out_meta_t *m, char *buf, size_t n);
/* Why totals are incomplete ("input truncated; 3 malformed lines skipped"),
 * or NULL when they are complete. */
const char *out_incomplete(const out_meta_t *m, char *buf, size_t n);
/* What a chart's time axis shows: "bucket start (1d buckets, Asia/Tokyo)". */
void out_time_note(const out_meta_t *m, char *buf, size_t n);
/* Which attribution databases the frames were attributed with (src.db_date):
 * "databases of 2015-03-01 (3 frames), 2020-01-01 (2 frames)", oldest first,
 * at most OUT_DB_DATES_SHOWN of them; NULL when no frame carried a date. */
#define OUT_DB_DATES_SHOWN 12
const char *out_attribution(const out_meta_t *m, char *buf, size_t n);
/* Every src.db_date and its frames, oldest first, in *out (malloc'd, to
 * free); 0 (and *out NULL) when none or out of memory. */
typedef struct {
    const char *date;
    uint64_t frames;
} out_db_date_t;
size_t out_db_dates(const out_meta_t *m, out_db_date_t **out);

/* "total" or "total (incomplete)". */
const char *out_total_label(const out_meta_t *m);

#endif /* OUT_META_H */

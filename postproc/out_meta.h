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
} out_meta_t;

/* One sentence: frames read, counted, skipped... */
void out_summary_sentence(const out_meta_t *m, char *buf, size_t n);
/* Why totals are incomplete ("input truncated; 3 malformed lines skipped"),
 * or NULL when they are complete. */
const char *out_incomplete(const out_meta_t *m, char *buf, size_t n);
/* What a chart's time axis shows: "bucket start (1d buckets, Asia/Tokyo)". */
void out_time_note(const out_meta_t *m, char *buf, size_t n);
/* "total" or "total (incomplete)". */
const char *out_total_label(const out_meta_t *m);

#endif /* OUT_META_H */

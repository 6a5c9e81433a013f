/*
 * hsr_run.h - reads ek inputs into a state, with the warnings the user
 * sees: "file:line: reason" for each skipped line (the first
 * HSR_MAX_WARNINGS per input), and a note when an input was truncated.
 */
#ifndef HSR_RUN_H
#define HSR_RUN_H

#include <stdio.h>

#include "agg_state.h"
#include "ek_lines.h"
#include "ek_record.h"

typedef struct {
    FILE *warn; /* NULL: no per-line warnings */
    const char *prog;
    FILE *rows;       /* non-NULL: write each counted frame there (out_rows.h) instead
                       * of aggregating it; only st->sum and the sensors grow */
    uint64_t rows_id; /* the input_id column of those rows */
} hsr_diag_t;

/*
 * Reads one input (fd, shown as name) labelled with sensor index `sensor`
 * (SIZE_MAX: none).  Malformed lines are skipped and counted; a cut-off
 * last line or a read error marks the input truncated and keeps what was
 * read.  HSR_ERR_NOT_EK when no record of the first HSR_SNIFF_LINES
 * non-blank lines is readable (nothing is then added to st).
 */
hsr_status_t hsr_read_input(agg_state_t *st, ek_parser_t *p, int fd, const char *name,
                            size_t sensor, const hsr_diag_t *d);

/* The same from memory (tests, fuzzing). */
hsr_status_t hsr_read_mem(agg_state_t *st, ek_parser_t *p, const char *data, size_t len,
                          const char *name, size_t sensor, const hsr_diag_t *d);

/*
 * The same rules one line at a time, for a reader that gets its lines its
 * own way (--follow): each record becomes a call of frame(); the line
 * counts, malformed lines and truncation go to *sum.
 */
typedef hsr_status_t (*hsr_frame_fn)(void *ctx, const hsr_frame_t *f, uint64_t line);

typedef struct {
    ek_parser_t *p;
    const hsr_diag_t *d;
    const char *name;
    agg_summary_t *sum;
    hsr_frame_fn frame;
    void *ctx;
    int done;      /* the input has ended (or is not ek): feed no more */
    unsigned shown; /* warnings printed */
    unsigned good, bad;
    int pending_index, truncated;
    agg_summary_t before; /* *sum at the start: restored when not ek */
} hsr_feed_t;

void hsr_feed_init(hsr_feed_t *fd, ek_parser_t *p, const char *name, agg_summary_t *sum,
                   const hsr_diag_t *d, hsr_frame_fn frame, void *ctx);
/* One answer of ek_lines_next() (never HSR_AGAIN): HSR_OK to go on (fd->done
 * once the input has ended), or the error that stops the run. */
hsr_status_t hsr_feed_line(hsr_feed_t *fd, const ek_lines_t *lines, hsr_status_t got,
                           const char *line, size_t len);
/* Once done (or the input ended): HSR_ERR_NOT_EK (and *sum as it was), or
 * HSR_OK with the input counted, truncated or not. */
hsr_status_t hsr_feed_end(hsr_feed_t *fd, const ek_lines_t *lines);
/* A warning about a line, within the input's HSR_MAX_WARNINGS. */
void hsr_feed_warn(hsr_feed_t *fd, uint64_t line, const char *what);

#endif /* HSR_RUN_H */

/*
 * hsr_run.h - reads ek inputs into a state, with the warnings the user
 * sees: "file:line: reason" for each skipped line (the first
 * HSR_MAX_WARNINGS per input), and a note when an input was truncated.
 */
#ifndef HSR_RUN_H
#define HSR_RUN_H

#include <stdio.h>

#include "agg_state.h"
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

#endif /* HSR_RUN_H */

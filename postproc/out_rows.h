/*
 * out_rows.h - each counted frame as one row of a table (--rows), for a
 * database to aggregate instead of honeyshark-report: ClickHouse's
 * TabSeparated format, the columns of contrib/clickhouse/schema.sql's
 * frames table in that order.  The values are agg_frame_facts(): the same
 * sensor, port key, grades and cleaned strings that the reports count.
 */
#ifndef OUT_ROWS_H
#define OUT_ROWS_H

#include <stdint.h>
#include <stdio.h>

#include "agg_state.h"

/* The column names, tab-separated, in order (the header of --rows). */
extern const char out_rows_columns[];

/* Writes one row: input_id (the ingest's number for the input), seq (the
 * frame's position in the input, from 1), then the facts. */
void out_rows_write(FILE *out, const agg_state_t *st, uint64_t input_id, uint64_t seq,
                    const agg_facts_t *x);

#endif /* OUT_ROWS_H */

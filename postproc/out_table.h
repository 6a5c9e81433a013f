/*
 * out_table.h - a report as rows and columns, before it is written.
 *
 * Report builders (rep_*.c) fill one; writers (out_text, out_csv, out_json,
 * out_html) render it.  The last nfoot rows are totals.  A cell is a string,
 * an integer, a percentage or "unknown" (shown as such, null in JSON).
 */
#ifndef OUT_TABLE_H
#define OUT_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "hsr_status.h"

#define OUT_MAX_COLS 160
#define OUT_MAX_NOTES 16

typedef enum { OUT_UNKNOWN, OUT_STR, OUT_INT, OUT_PCT } out_kind_t;

typedef struct {
    out_kind_t kind;
    int64_t i;
    double d; /* percent, 0..100 */
    char *s;  /* OUT_STR */
} out_cell_t;

typedef struct {
    char *name;
    int numeric; /* right-aligned in text */
} out_col_t;

typedef enum { OUT_CHART_NONE, OUT_CHART_BARS, OUT_CHART_SERIES } out_chart_t;

typedef struct {
    const char *report; /* "country" */
    char *title;
    out_col_t cols[OUT_MAX_COLS];
    size_t ncols;
    out_cell_t *cells; /* row-major, nrows * ncols */
    size_t nrows, cap;
    size_t nfoot;      /* the last nfoot rows are totals */
    int in_footer;
    char *notes[OUT_MAX_NOTES];
    size_t nnotes;
    /* HTML chart: label from chart_label[0..1] joined, value from chart_value. */
    out_chart_t chart;
    int chart_label[2];
    int chart_value;
    int oom;           /* an allocation failed; the table is unusable */
} out_table_t;

void out_table_init(out_table_t *t, const char *report, const char *title);
void out_table_free(out_table_t *t);
void out_col(out_table_t *t, const char *name, int numeric);
/* Starts a new row; cells then fill it left to right. */
void out_row(out_table_t *t);
/* Rows started after this are totals. */
void out_footer(out_table_t *t);
void out_str(out_table_t *t, const char *s);
void out_int(out_table_t *t, int64_t v);
void out_pct(out_table_t *t, double pct);
void out_unknown(out_table_t *t);
void out_note(out_table_t *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

const out_cell_t *out_cell_at(const out_table_t *t, size_t row, size_t col);
/* A cell as text ("12", "12.5%", "unknown") into buf. */
const char *out_cell_text(const out_cell_t *c, char *buf, size_t n, int pct_sign);

#endif /* OUT_TABLE_H */

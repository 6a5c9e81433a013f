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

#include "hsr_limits.h"
#include "hsr_status.h"

#define OUT_MAX_COLS 160
#define OUT_MAX_NOTES 16

typedef enum { OUT_UNKNOWN, OUT_STR, OUT_INT, OUT_PCT } out_kind_t;

typedef struct {
    out_kind_t kind;
    int64_t i;
    double d;  /* percent, 0..100 */
    char *s;   /* OUT_STR */
    int timed; /* OUT_STR naming a time bucket: i is its key (charts place it) */
} out_cell_t;

typedef struct {
    char *name;
    int numeric; /* right-aligned in text */
} out_col_t;

/*
 * A chart of the table, drawn by out_chart.c (HTML and SVG output).  Columns
 * are indices returned by out_col, -1 for none.  Every body row becomes one
 * mark (a bar, a point on each line, a stack, a cell) that carries its row
 * index, so a reader (and the browser tests) can match marks to rows.
 */
typedef enum {
    OUT_CHART_NONE,
    OUT_CHART_BARS,    /* horizontal bars, one per row: series side by side or stacked */
    OUT_CHART_LINES,   /* over time: a line per series column, or per label value */
    OUT_CHART_COLUMNS, /* over time: stacked columns, a panel per label value */
    OUT_CHART_HEATMAP  /* over time: a panel per label value, a cell row per y value */
} out_chart_kind_t;

#define OUT_CHART_MAX_SERIES (HSR_MAX_SENSORS + 2)
#define OUT_MAX_CHARTS 2

typedef struct {
    out_chart_kind_t kind;
    char caption[160];   /* what the figure shows, above it (a copy) */
    const char *unit;    /* the value axis, e.g. "frames" */
    int label[2];        /* joined: a bar's name, a line's name, a panel's name */
    int x;               /* the time column (its cells are timed) */
    int y;               /* HEATMAP: the row within a panel */
    int mark;            /* HEATMAP: a timed column marked in each panel */
    int share;           /* BARS: a percentage shown after the value */
    int series[OUT_CHART_MAX_SERIES];
    size_t nseries;
    int stacked; /* BARS: series stacked rather than side by side */
    int grades;  /* the series are green, yellow, red: grade colours and patterns */
} out_chart_t;

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
    out_chart_t charts[OUT_MAX_CHARTS];
    size_t ncharts;
    int oom;           /* an allocation failed; the table is unusable */
} out_table_t;

void out_table_init(out_table_t *t, const char *report, const char *title);
void out_table_free(out_table_t *t);
/* Adds a column; returns its index (for charts). */
int out_col(out_table_t *t, const char *name, int numeric);
/* Starts a new row; cells then fill it left to right. */
void out_row(out_table_t *t);
/* Rows started after this are totals. */
void out_footer(out_table_t *t);
void out_str(out_table_t *t, const char *s);
/* A time bucket: its label, and its key for charts. */
void out_time(out_table_t *t, const char *label, int64_t key);
void out_int(out_table_t *t, int64_t v);
void out_pct(out_table_t *t, double pct);
void out_unknown(out_table_t *t);
void out_note(out_table_t *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A new chart of the table (no series, no columns set), NULL past
 * OUT_MAX_CHARTS. */
out_chart_t *out_chart(out_table_t *t, out_chart_kind_t kind, const char *caption,
                       const char *unit);
void out_chart_series(out_chart_t *ch, int col);

const out_cell_t *out_cell_at(const out_table_t *t, size_t row, size_t col);
/* A cell as text ("12", "12.5%", "unknown") into buf. */
const char *out_cell_text(const out_cell_t *c, char *buf, size_t n, int pct_sign);

#endif /* OUT_TABLE_H */

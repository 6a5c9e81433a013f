/*
 * out_table.c - building a table, see out_table.h.
 */
#include "out_table.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void out_table_init(out_table_t *t, const char *report, const char *title)
{
    memset(t, 0, sizeof(*t));
    t->report = report;
    t->title = strdup(title);
    t->oom = !t->title;
}

void out_table_free(out_table_t *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        if (t->cells[i].kind == OUT_STR)
            free(t->cells[i].s);
    free(t->cells);
    for (size_t i = 0; i < t->ncols; i++)
        free(t->cols[i].name);
    for (size_t i = 0; i < t->nnotes; i++)
        free(t->notes[i]);
    free(t->title);
    memset(t, 0, sizeof(*t));
}

int out_col(out_table_t *t, const char *name, int numeric)
{
    if (t->ncols >= OUT_MAX_COLS || t->nrows) {
        t->oom = 1;
        return -1;
    }
    t->cols[t->ncols].numeric = numeric;
    if (!(t->cols[t->ncols].name = strdup(name)))
        t->oom = 1;
    return (int)t->ncols++;
}

void out_row(out_table_t *t)
{
    if (t->oom)
        return;
    if (t->nrows == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 64;
        out_cell_t *nc = realloc(t->cells, ncap * t->ncols * sizeof(out_cell_t));
        if (!nc) {
            t->oom = 1;
            return;
        }
        t->cells = nc;
        t->cap = ncap;
    }
    /* Unfilled cells read as unknown. */
    memset(t->cells + t->nrows * t->ncols, 0, t->ncols * sizeof(out_cell_t));
    t->nrows++;
    if (t->in_footer)
        t->nfoot++;
}

void out_footer(out_table_t *t)
{
    t->in_footer = 1;
}

/* The next empty cell of the current row. */
static out_cell_t *next_cell(out_table_t *t)
{
    if (t->oom || t->nrows == 0)
        return NULL;
    out_cell_t *row = t->cells + (t->nrows - 1) * t->ncols;
    for (size_t i = 0; i < t->ncols; i++)
        if (row[i].kind == OUT_UNKNOWN && row[i].i == 0) {
            row[i].i = -1; /* mark as filled (reset below by the setter) */
            return &row[i];
        }
    t->oom = 1; /* more cells than columns: a builder bug */
    return NULL;
}

static out_cell_t *put_str(out_table_t *t, const char *s)
{
    out_cell_t *c = next_cell(t);
    if (!c)
        return NULL;
    c->kind = OUT_STR;
    c->i = 0;
    if (!(c->s = strdup(s ? s : ""))) {
        c->kind = OUT_UNKNOWN, t->oom = 1;
        return NULL;
    }
    return c;
}

void out_str(out_table_t *t, const char *s)
{
    put_str(t, s);
}

void out_time(out_table_t *t, const char *label, int64_t key)
{
    out_cell_t *c = put_str(t, label);
    if (c)
        c->i = key, c->timed = 1;
}

void out_int(out_table_t *t, int64_t v)
{
    out_cell_t *c = next_cell(t);
    if (c)
        c->kind = OUT_INT, c->i = v;
}

void out_pct(out_table_t *t, double pct)
{
    out_cell_t *c = next_cell(t);
    if (c)
        c->kind = OUT_PCT, c->d = pct, c->i = 0;
}

void out_unknown(out_table_t *t)
{
    out_cell_t *c = next_cell(t);
    (void)c; /* stays OUT_UNKNOWN, i = -1 marks it filled */
}

void out_note(out_table_t *t, const char *fmt, ...)
{
    if (t->nnotes >= OUT_MAX_NOTES)
        return;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (!(t->notes[t->nnotes++] = strdup(buf)))
        t->oom = 1, t->nnotes--;
}

out_chart_t *out_chart(out_table_t *t, out_chart_kind_t kind, const char *caption,
                       const char *unit)
{
    if (t->ncharts >= OUT_MAX_CHARTS)
        return NULL;
    out_chart_t *ch = &t->charts[t->ncharts++];
    *ch = (out_chart_t){
        .kind = kind, .unit = unit, .label = {-1, -1}, .x = -1, .y = -1, .mark = -1, .share = -1,
    };
    snprintf(ch->caption, sizeof(ch->caption), "%s", caption);
    return ch;
}

void out_chart_series(out_chart_t *ch, int col)
{
    if (ch && col >= 0 && ch->nseries < OUT_CHART_MAX_SERIES)
        ch->series[ch->nseries++] = col;
}

const out_cell_t *out_cell_at(const out_table_t *t, size_t row, size_t col)
{
    return t->cells + row * t->ncols + col;
}

const char *out_cell_text(const out_cell_t *c, char *buf, size_t n, int pct_sign)
{
    switch (c->kind) {
    case OUT_STR: return c->s;
    case OUT_INT: snprintf(buf, n, "%lld", (long long)c->i); return buf;
    case OUT_PCT: snprintf(buf, n, pct_sign ? "%.1f%%" : "%.1f", c->d); return buf;
    case OUT_UNKNOWN: break;
    }
    return "unknown";
}

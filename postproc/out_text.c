/*
 * out_text.c - the aligned text table (the default format).
 *
 * Numbers right-aligned, text left-aligned, columns two spaces apart,
 * totals under a rule; a '#' line above gives the report and its options,
 * '#' lines below the notes and the summary of what was read.
 */
#include "out_writers.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Display width of UTF-8 text (one column per code point). */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

static void pad(FILE *out, size_t n)
{
    while (n--)
        fputc(' ', out);
}

/* Row r of the table, or its header when r is SIZE_MAX. */
static void print_line(FILE *out, const out_table_t *t, const size_t *w, size_t r)
{
    char buf[64];
    for (size_t c = 0; c < t->ncols; c++) {
        const char *s = r == SIZE_MAX ? t->cols[c].name
                                      : out_cell_text(out_cell_at(t, r, c), buf, sizeof(buf), 1);
        size_t sw = width(s);
        int last = c + 1 == t->ncols;
        if (t->cols[c].numeric)
            pad(out, w[c] - sw);
        fputs(s, out);
        if (!t->cols[c].numeric && !last)
            pad(out, w[c] - sw);
        if (!last)
            fputs("  ", out);
    }
    fputc('\n', out);
}

hsr_status_t out_text_write(FILE *out, const out_table_t *t, const out_meta_t *m)
{
    size_t w[OUT_MAX_COLS];
    char buf[64];
    for (size_t c = 0; c < t->ncols; c++)
        w[c] = width(t->cols[c].name);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            size_t cw = width(out_cell_text(out_cell_at(t, r, c), buf, sizeof(buf), 1));
            if (cw > w[c])
                w[c] = cw;
        }
    const agg_state_t *st = m->st;
    if (m->bucket)
        fprintf(out, "# follow: bucket %s\n", m->bucket);
    fprintf(out, "# %s: %s (bucket %s, tz %s", t->report, t->title, st->bucket.spec, st->tz.name);
    if (m->port)
        fprintf(out, ", port %s", m->port);
    if (m->top)
        fprintf(out, ", top %d", m->top);
    fputs(")\n", out);
    print_line(out, t, w, SIZE_MAX);
    size_t rule = 0;
    for (size_t c = 0; c < t->ncols; c++)
        rule += w[c] + (c + 1 < t->ncols ? 2 : 0);
    for (size_t r = 0; r < t->nrows; r++) {
        if (t->nfoot && r == t->nrows - t->nfoot) {
            for (size_t i = 0; i < rule; i++)
                fputc('-', out);
            fputc('\n', out);
        }
        print_line(out, t, w, r);
    }
    if (t->nrows == t->nfoot)
        fputs("(no rows)\n", out);
    for (size_t i = 0; i < t->nnotes; i++)
        fprintf(out, "# note: %s\n", t->notes[i]);
    char sum[512], inc[256], dbs[1024];
    out_summary_sentence(m, sum, sizeof(sum));
    fprintf(out, "# %s\n", sum);
    if (out_attribution(m, dbs, sizeof(dbs)))
        fprintf(out, "# %s\n", dbs);
    if (out_incomplete(m, inc, sizeof(inc)))
        fprintf(out, "# INCOMPLETE: %s; totals cover only what was read\n", inc);
    return ferror(out) ? HSR_ERR_IO : HSR_OK;
}

/*
 * out_csv.c - RFC 4180 CSV: a header row, then one record per row, totals
 * last (their first field says "total", or "total (incomplete)").
 */
#include "out_writers.h"

#include <string.h>

static void field(FILE *out, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

hsr_status_t out_csv_write(FILE *out, const out_table_t *t, const out_meta_t *m)
{
    (void)m;
    char buf[64];
    for (size_t c = 0; c < t->ncols; c++) {
        if (c)
            fputc(',', out);
        field(out, t->cols[c].name);
    }
    fputs("\r\n", out);
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            if (c)
                fputc(',', out);
            field(out, out_cell_text(out_cell_at(t, r, c), buf, sizeof(buf), 0));
        }
        fputs("\r\n", out);
    }
    return ferror(out) ? HSR_ERR_IO : HSR_OK;
}

/*
 * out_writers.h - the output formats.
 *
 * Each writes one finished out_table_t (HTML: several, as one page) with the
 * options and summary from out_meta_t.  They only write to the FILE given;
 * making the file appear whole (temp file, rename) is the caller's job.
 */
#ifndef OUT_WRITERS_H
#define OUT_WRITERS_H

#include <stdio.h>

#include "out_meta.h"
#include "out_table.h"

hsr_status_t out_text_write(FILE *out, const out_table_t *t, const out_meta_t *m);
/* RFC 4180: header row, CRLF, fields quoted when they hold , " CR or LF. */
hsr_status_t out_csv_write(FILE *out, const out_table_t *t, const out_meta_t *m);
/* One JSON document: options, summary, columns, rows, total, notes. */
hsr_status_t out_json_write(FILE *out, const out_table_t *t, const out_meta_t *m);
/* One standalone SVG document: the report's charts, one below the other,
 * under its title and summary. */
hsr_status_t out_svg_write(FILE *out, const out_table_t *t, const out_meta_t *m);
/* One self-contained page (inline CSS and SVG, no script, no external asset). */
hsr_status_t out_html_write(FILE *out, const out_table_t *tables, size_t n, const out_meta_t *m);

#endif /* OUT_WRITERS_H */

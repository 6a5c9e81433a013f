/*
 * out_html.c - every report on one self-contained HTML page.
 *
 * Inline CSS and inline SVG charts only: no script, no font, no image, no
 * external URL, so the page can be mailed or archived as one file.  Each
 * report gets its charts (out_chart.c) and its full table.
 */
#include "out_writers.h"

#include <stdint.h>
#include <string.h>

#include "out_chart.h"
#include "out_svg.h"

/* Every chart of a report, one <svg> each. */
static hsr_status_t charts(FILE *out, const out_table_t *t, const char *time_note)
{
    hsr_status_t s = HSR_OK;
    double h;
    if (t->nrows == t->nfoot)
        return s;
    for (size_t k = 0; k < t->ncharts && s == HSR_OK; k++)
        s = out_chart_svg(out, t, k, time_note, 0, &h);
    return s;
}

static void table(FILE *out, const out_table_t *t)
{
    char buf[64];
    fputs("<table>\n<thead><tr>", out);
    for (size_t c = 0; c < t->ncols; c++) {
        fputs(t->cols[c].numeric ? "<th class=\"n\">" : "<th>", out);
        svg_esc(out, t->cols[c].name);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t r = 0; r < t->nrows; r++) {
        fputs(t->nfoot && r >= t->nrows - t->nfoot ? "<tr class=\"total\">" : "<tr>", out);
        for (size_t c = 0; c < t->ncols; c++) {
            fputs(t->cols[c].numeric ? "<td class=\"n\">" : "<td>", out);
            svg_esc(out, out_cell_text(out_cell_at(t, r, c), buf, sizeof(buf), 1));
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
    if (t->nrows == t->nfoot)
        fputs("<p>(no rows)</p>\n", out);
}

hsr_status_t out_html_write(FILE *out, const out_table_t *tables, size_t n, const out_meta_t *m)
{
    const agg_state_t *st = m->st;
    char sum[512], inc[256], note[128];
    out_summary_sentence(m, sum, sizeof(sum));
    out_time_note(m, note, sizeof(note));
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<title>honeyshark report</title>\n<style>\n"
          "body{font-family:sans-serif;margin:2em;color:#222}\n"
          "table{border-collapse:collapse;font-size:13px;margin-bottom:1em}\n"
          "th,td{border:1px solid #ccc;padding:2px 6px;white-space:nowrap}\n"
          "td.n,th.n{text-align:right}\n"
          "tr.total td{font-weight:bold;border-top:2px solid #333}\n"
          "svg.chart{display:block;margin:0.8em 0;max-width:100%;height:auto}\n"
          ".warn{color:#b00;font-weight:bold}\n"
          "nav a{margin-right:1em}\n</style>\n</head>\n<body>\n<h1>honeyshark report</h1>\n", out);
    fprintf(out, "<p>bucket %s, time zone ", st->bucket.spec);
    svg_esc(out, st->tz.name);
    fputs(", sensors: ", out);
    for (size_t i = 0; i < m->nsensors; i++) {
        if (i)
            fputs(", ", out);
        svg_esc(out, st->sensors[m->sensor_order[i]].name);
    }
    fputs("</p>\n<p>", out);
    svg_esc(out, sum);
    fputs("</p>\n", out);
    char dbs[1024];
    if (out_attribution(m, dbs, sizeof(dbs))) {
        fputs("<p>", out);
        svg_esc(out, dbs);
        fputs("</p>\n", out);
    }
    if (out_incomplete(m, inc, sizeof(inc))) {
        fputs("<p class=\"warn\">Incomplete: ", out);
        svg_esc(out, inc);
        fputs("; totals cover only what was read.</p>\n", out);
    }
    fputs("<nav>", out);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "<a href=\"#%s\">%s</a>", tables[i].report, tables[i].report);
    fputs("</nav>\n", out);
    for (size_t i = 0; i < n; i++) {
        const out_table_t *t = &tables[i];
        fprintf(out, "<section id=\"%s\">\n<h2>%s: ", t->report, t->report);
        svg_esc(out, t->title);
        fputs("</h2>\n", out);
        hsr_status_t s = charts(out, t, note);
        if (s != HSR_OK)
            return s;
        table(out, t);
        for (size_t k = 0; k < t->nnotes; k++) {
            fputs("<p>Note: ", out);
            svg_esc(out, t->notes[k]);
            fputs("</p>\n", out);
        }
        fputs("</section>\n", out);
    }
    fputs("</body>\n</html>\n", out);
    return ferror(out) ? HSR_ERR_IO : HSR_OK;
}

/*
 * out_html.c - every report on one self-contained HTML page.
 *
 * Inline CSS and inline SVG charts only: no script, no font, no image, no
 * external URL, so the page can be mailed or archived as one file.  Each
 * report gets a chart (horizontal bars, or vertical bars over time for a
 * series) and its full table.
 */
#include "out_writers.h"

#include <stdint.h>
#include <string.h>

#include "hsr_limits.h"

static void esc(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*s, out);
        }
    }
}

static int64_t cell_value(const out_table_t *t, size_t r)
{
    const out_cell_t *c = out_cell_at(t, r, (size_t)t->chart_value);
    return c->kind == OUT_INT && c->i > 0 ? c->i : 0;
}

static void label(FILE *out, const out_table_t *t, size_t r)
{
    char buf[64];
    for (int k = 0; k < 2; k++) {
        if (t->chart_label[k] < 0)
            continue;
        if (k)
            fputc(' ', out);
        esc(out, out_cell_text(out_cell_at(t, r, (size_t)t->chart_label[k]), buf, sizeof(buf), 1));
    }
}

static void chart_bars(FILE *out, const out_table_t *t, size_t n, int64_t max)
{
    const int bar_h = 18, label_w = 260, plot_w = 480;
    fprintf(out, "<svg width=\"%d\" height=\"%zu\" role=\"img\">\n",
            label_w + plot_w + 80, n * (size_t)bar_h + 24);
    fprintf(out, "<text x=\"%d\" y=\"12\" class=\"axis\">", label_w);
    esc(out, t->cols[t->chart_value].name);
    fputs("</text>\n", out);
    for (size_t r = 0; r < n; r++) {
        int64_t v = cell_value(t, r);
        double w = max ? (double)plot_w * (double)v / (double)max : 0;
        size_t y = 20 + r * (size_t)bar_h;
        fprintf(out, "<text x=\"%d\" y=\"%zu\" text-anchor=\"end\">", label_w - 6, y + 13);
        label(out, t, r);
        fprintf(out, "</text><rect x=\"%d\" y=\"%zu\" width=\"%.1f\" height=\"%d\"/>", label_w, y,
                w, bar_h - 4);
        fprintf(out, "<text x=\"%.1f\" y=\"%zu\">%lld</text>\n", label_w + w + 4, y + 13,
                (long long)v);
    }
    fputs("</svg>\n", out);
}

/* Vertical bars in row order; long series are drawn as at most
 * HSR_HTML_SERIES_BARS bars, each the sum of consecutive rows. */
static void chart_series(FILE *out, const out_table_t *t, size_t n)
{
    const int plot_h = 200, plot_w = 760, left = 60;
    size_t per = (n + HSR_HTML_SERIES_BARS - 1) / HSR_HTML_SERIES_BARS, bars = (n + per - 1) / per;
    int64_t max = 0;
    for (size_t b = 0; b < bars; b++) {
        int64_t sum = 0;
        for (size_t r = b * per; r < n && r < (b + 1) * per; r++)
            sum += cell_value(t, r);
        if (sum > max)
            max = sum;
    }
    double bw = (double)plot_w / (double)bars;
    fprintf(out, "<svg width=\"%d\" height=\"%d\" role=\"img\">\n", left + plot_w + 20, plot_h + 50);
    fprintf(out, "<text x=\"%d\" y=\"12\" class=\"axis\">", left);
    esc(out, t->cols[t->chart_value].name);
    fprintf(out, " (max %lld%s)</text>\n", (long long)max, per > 1 ? " per bar" : "");
    fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axisline\"/>\n", left,
            plot_h + 20, left + plot_w, plot_h + 20);
    for (size_t b = 0; b < bars; b++) {
        size_t first = b * per, last = (b + 1) * per < n ? (b + 1) * per - 1 : n - 1;
        int64_t sum = 0;
        for (size_t r = first; r <= last; r++)
            sum += cell_value(t, r);
        double h = max ? (double)plot_h * (double)sum / (double)max : 0;
        fprintf(out, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"><title>",
                left + (double)b * bw, plot_h + 20 - h, bw > 2 ? bw - 1 : bw, h);
        label(out, t, first);
        if (last != first) {
            fputs(" .. ", out);
            label(out, t, last);
        }
        fprintf(out, ": %lld</title></rect>\n", (long long)sum);
    }
    fprintf(out, "<text x=\"%d\" y=\"%d\">", left, plot_h + 38);
    label(out, t, 0);
    fprintf(out, "</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left + plot_w, plot_h + 38);
    label(out, t, n - 1);
    fputs("</text>\n</svg>\n", out);
}

static void chart(FILE *out, const out_table_t *t)
{
    if (t->chart == OUT_CHART_NONE || t->chart_value < 0)
        return;
    size_t body = t->nrows - t->nfoot;
    size_t n = t->chart == OUT_CHART_SERIES ? body : (body < HSR_HTML_CHART_ROWS ? body : HSR_HTML_CHART_ROWS);
    if (n == 0)
        return;
    if (t->chart == OUT_CHART_SERIES) {
        chart_series(out, t, n);
        return;
    }
    int64_t max = 0;
    for (size_t r = 0; r < n; r++)
        if (cell_value(t, r) > max)
            max = cell_value(t, r);
    chart_bars(out, t, n, max);
}

static void table(FILE *out, const out_table_t *t)
{
    char buf[64];
    fputs("<table>\n<thead><tr>", out);
    for (size_t c = 0; c < t->ncols; c++) {
        fputs(t->cols[c].numeric ? "<th class=\"n\">" : "<th>", out);
        esc(out, t->cols[c].name);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t r = 0; r < t->nrows; r++) {
        fputs(t->nfoot && r >= t->nrows - t->nfoot ? "<tr class=\"total\">" : "<tr>", out);
        for (size_t c = 0; c < t->ncols; c++) {
            fputs(t->cols[c].numeric ? "<td class=\"n\">" : "<td>", out);
            esc(out, out_cell_text(out_cell_at(t, r, c), buf, sizeof(buf), 1));
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
    char sum[512], inc[256];
    out_summary_sentence(m, sum, sizeof(sum));
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<title>honeyshark report</title>\n<style>\n"
          "body{font-family:sans-serif;margin:2em;color:#222}\n"
          "table{border-collapse:collapse;font-size:13px;margin-bottom:1em}\n"
          "th,td{border:1px solid #ccc;padding:2px 6px}td.n,th.n{text-align:right}\n"
          "tr.total td{font-weight:bold;border-top:2px solid #333}\n"
          "svg{font-size:11px;display:block;margin:0.5em 0}svg rect{fill:#c0392b}\n"
          ".axisline{stroke:#333}.axis{font-weight:bold}.warn{color:#b00;font-weight:bold}\n"
          "nav a{margin-right:1em}\n</style>\n</head>\n<body>\n<h1>honeyshark report</h1>\n", out);
    fprintf(out, "<p>bucket %s, time zone ", st->bucket.spec);
    esc(out, st->tz.name);
    fputs(", sensors: ", out);
    for (size_t i = 0; i < m->nsensors; i++) {
        if (i)
            fputs(", ", out);
        esc(out, st->sensors[m->sensor_order[i]].name);
    }
    fputs("</p>\n<p>", out);
    esc(out, sum);
    fputs("</p>\n", out);
    if (out_incomplete(m, inc, sizeof(inc))) {
        fputs("<p class=\"warn\">Incomplete: ", out);
        esc(out, inc);
        fputs("; totals cover only what was read.</p>\n", out);
    }
    fputs("<nav>", out);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "<a href=\"#%s\">%s</a>", tables[i].report, tables[i].report);
    fputs("</nav>\n", out);
    for (size_t i = 0; i < n; i++) {
        const out_table_t *t = &tables[i];
        fprintf(out, "<section id=\"%s\">\n<h2>%s: ", t->report, t->report);
        esc(out, t->title);
        fputs("</h2>\n", out);
        chart(out, t);
        table(out, t);
        for (size_t k = 0; k < t->nnotes; k++) {
            fputs("<p>Note: ", out);
            esc(out, t->notes[k]);
            fputs("</p>\n", out);
        }
        fputs("</section>\n", out);
    }
    fputs("</body>\n</html>\n", out);
    return ferror(out) ? HSR_ERR_IO : HSR_OK;
}

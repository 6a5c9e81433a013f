/*
 * out_chart.c - a report's charts as SVG, see out_chart.h.
 *
 * A chart is drawn into a memory buffer first, so its height is known when
 * the <svg> element around it is written.  Layout is fixed-width
 * (OUT_CHART_WIDTH) and text is cut to fit its box (out_svg.c), so nothing
 * overflows whatever the labels hold.
 */
#define _GNU_SOURCE /* open_memstream */
#include "out_chart.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "out_svg.h"

#define W OUT_CHART_WIDTH
#define TIME_LEFT 96   /* time charts: value or port labels left of the plot */
#define TIME_RIGHT 80  /* room for the last time label */
#define TIME_PLOT (W - TIME_LEFT - TIME_RIGHT)
#define BAR_LABEL 250  /* bar charts: the row names */
#define BAR_RIGHT 110  /* room for the value after the longest bar */
#define LABEL_MAX 160

typedef struct {
    FILE *o;
    const out_table_t *t;
    const out_chart_t *ch;
    size_t nrows; /* body rows (not totals) */
    char uid[48];
    const char *time_note;
    double y;           /* the next free line */
    double lx;          /* legend: where the next item goes */
    int64_t *keys;      /* time charts: the distinct buckets, sorted */
    size_t nkeys;
    int64_t k0, span;   /* the time axis covers [k0, k0 + span) */
    double bucket_w;    /* width of the smallest step between buckets */
    size_t untimed;     /* rows without a known time: not drawn */
    size_t *group;      /* per row: its group (line, panel), ordered by first row */
    size_t ngroups;     /* groups drawn: at most HSR_CHART_MAX_GROUPS */
    size_t hidden;      /* groups past that, in the table only */
} chart_t;

/* ---- cells ---- */

static const out_cell_t *cell(const chart_t *c, size_t r, int col)
{
    return out_cell_at(c->t, r, (size_t)col);
}

static double num(const chart_t *c, size_t r, int col)
{
    const out_cell_t *x = cell(c, r, col);
    return x->kind == OUT_INT ? (double)x->i : x->kind == OUT_PCT ? x->d : 0;
}

/* The chart's label columns of row r, joined ("AS4837 CHINA UNICOM"). */
static const char *label(const chart_t *c, size_t r, char *buf, size_t n)
{
    char tmp[64];
    size_t len = 0;
    buf[0] = 0;
    for (int k = 0; k < 2; k++) {
        int col = c->ch->label[k];
        if (col < 0)
            continue;
        const char *s = out_cell_text(cell(c, r, col), tmp, sizeof(tmp), 1);
        int as = !strcmp(c->t->cols[col].name, "asn") && cell(c, r, col)->kind == OUT_INT;
        int w = snprintf(buf + len, n - len, "%s%s%s", len ? " " : "", as ? "AS" : "", s);
        len += w > 0 ? (size_t)w : 0;
        if (len >= n)
            break;
    }
    return buf;
}

static const char *text(const chart_t *c, size_t r, int col, char *buf, size_t n)
{
    return out_cell_text(cell(c, r, col), buf, n, 1);
}

static int timed(const chart_t *c, size_t r)
{
    return cell(c, r, c->ch->x)->timed;
}

/* ---- grouping rows by label (lines, panels) ---- */

typedef struct {
    char *key;
    size_t row;
} keyed_t;

static int cmp_keyed(const void *pa, const void *pb)
{
    const keyed_t *a = pa, *b = pb;
    int d = strcmp(a->key, b->key);
    return d ? d : (a->row > b->row) - (a->row < b->row);
}

static int cmp_size(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return (a > b) - (a < b);
}

/* Groups rows by the text of cols (ncols of them, -1 skipped): out[r] is
 * the group of row r, groups numbered in the order of their first row.
 * Sorting, not searching, so it stays O(n log n) for any number of groups. */
static hsr_status_t group_rows(const chart_t *c, const int *cols, int ncols, size_t *out,
                               size_t *ngroups)
{
    size_t n = c->nrows;
    keyed_t *k = calloc(n ? n : 1, sizeof(*k));
    size_t *first = calloc(n ? n : 1, sizeof(*first));
    hsr_status_t s = k && first ? HSR_OK : HSR_ERR_NOMEM;
    for (size_t r = 0; r < n && s == HSR_OK; r++) {
        char buf[512], tmp[64];
        size_t len = 0;
        for (int i = 0; i < ncols; i++)
            if (cols[i] >= 0 && len < sizeof(buf))
                len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s\x1f",
                                        text(c, r, cols[i], tmp, sizeof(tmp)));
        k[r].row = r;
        if (!(k[r].key = strdup(len ? buf : "")))
            s = HSR_ERR_NOMEM;
    }
    if (s == HSR_OK) {
        qsort(k, n, sizeof(*k), cmp_keyed);
        /* Runs of one key, numbered by their first row. */
        size_t g = 0;
        for (size_t i = 0; i < n; i++)
            if (i == 0 || strcmp(k[i].key, k[i - 1].key))
                first[g++] = k[i].row;
        qsort(first, g, sizeof(*first), cmp_size);
        for (size_t i = 0, run = 0; i < n; i++) {
            if (i == 0 || strcmp(k[i].key, k[i - 1].key)) {
                size_t *at = bsearch(&k[i].row, first, g, sizeof(*first), cmp_size);
                run = (size_t)(at - first);
            }
            out[k[i].row] = run;
        }
        *ngroups = g;
    }
    for (size_t r = 0; k && r < n; r++)
        free(k[r].key);
    free(k);
    free(first);
    return s;
}

/* ---- text and legend ---- */

static void text_at(chart_t *c, double x, double y, const char *anchor, const char *extra,
                    const char *s, double max_px)
{
    fprintf(c->o, "<text x=\"%.1f\" y=\"%.1f\"%s%s%s%s>", x, y, anchor ? " text-anchor=\"" : "",
            anchor ? anchor : "", anchor ? "\"" : "", extra ? extra : "");
    svg_text_fit(c->o, s, max_px);
    fputs("</text>\n", c->o);
}

static void caption(chart_t *c)
{
    c->y = 18;
    text_at(c, 8, c->y, NULL, " font-weight=\"bold\" font-size=\"12\"", c->ch->caption,
            (W - 16) * 11.0 / 12);
    c->y += 8;
    c->lx = W; /* the first legend item starts a line */
}

/* One legend item: a swatch (fill, or a line when dash is not NULL) and
 * its name; items flow left to right and wrap. */
static void legend_item(chart_t *c, const char *fill, int grade, const char *dash,
                        const char *name)
{
    const double maxw = 220;
    double w = 26 + (svg_text_px(name) < maxw ? svg_text_px(name) : maxw) + 18;
    if (c->lx + w > W - 8) {
        c->lx = 8;
        c->y += 18;
    }
    double x = c->lx, y = c->y;
    if (dash)
        fprintf(c->o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                      "stroke-width=\"2\" stroke-dasharray=\"%s\"/>",
                x, y - 4, x + 20, y - 4, fill, *dash ? dash : "none");
    else {
        fprintf(c->o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"20\" height=\"10\" stroke=\"#333\" "
                      "stroke-width=\"0.5\" fill=\"",
                x, y - 9);
        if (grade)
            svg_grade_fill(c->o, grade, c->uid);
        else
            fputs(fill, c->o);
        fputs("\"/>", c->o);
    }
    text_at(c, x + 26, y, NULL, NULL, name, maxw);
    c->lx += w;
}

static void legend_end(chart_t *c)
{
    if (c->lx < W)
        c->y += 14;
    c->lx = W;
}

static void legend_grades(chart_t *c)
{
    for (int g = 1; g <= 3; g++)
        legend_item(c, NULL, g, NULL, svg_grade_name(g));
}

/* The name of series k: its column, or its grade. */
static const char *series_name(const chart_t *c, size_t k)
{
    return c->ch->grades ? svg_grade_name((int)k + 1) : c->t->cols[c->ch->series[k]].name;
}

static void series_fill(chart_t *c, size_t k)
{
    if (c->ch->grades)
        svg_grade_fill(c->o, (int)k + 1, c->uid);
    else
        fputs(svg_series_color(k), c->o);
}

/* ---- value axes ---- */

/* Horizontal grid lines and labels of a vertical value axis over the time
 * plot, from top (hi) to bottom (lo). */
static void value_axis_v(chart_t *c, const svg_scale_t *sc, double top, double h)
{
    double ticks[16];
    int n = svg_scale_ticks(sc, ticks, 16);
    for (int i = 0; i < n; i++) {
        double y = top + h - h * svg_scale_at(sc, ticks[i]);
        char b[32];
        svg_num(b, sizeof(b), ticks[i]);
        fprintf(c->o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>",
                TIME_LEFT, y, TIME_LEFT + TIME_PLOT, y);
        text_at(c, TIME_LEFT - 6, y + 4, "end", NULL, b, TIME_LEFT - 12);
    }
}

/* ---- the time axis ---- */

static int cmp_i64(const void *pa, const void *pb)
{
    int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
    return (a > b) - (a < b);
}

/* The distinct buckets of the x column; the axis spans them plus one
 * bucket (the smallest gap between two of them). */
static hsr_status_t time_init(chart_t *c)
{
    c->keys = malloc((c->nrows ? c->nrows : 1) * sizeof(int64_t));
    if (!c->keys)
        return HSR_ERR_NOMEM;
    for (size_t r = 0; r < c->nrows; r++) {
        if (timed(c, r))
            c->keys[c->nkeys++] = cell(c, r, c->ch->x)->i;
        else
            c->untimed++;
    }
    qsort(c->keys, c->nkeys, sizeof(int64_t), cmp_i64);
    size_t u = 0;
    int64_t gap = 0;
    for (size_t i = 0; i < c->nkeys; i++)
        if (u == 0 || c->keys[i] != c->keys[u - 1]) {
            if (u && (gap == 0 || c->keys[i] - c->keys[u - 1] < gap))
                gap = c->keys[i] - c->keys[u - 1];
            c->keys[u++] = c->keys[i];
        }
    c->nkeys = u;
    c->k0 = u ? c->keys[0] : 0;
    c->span = (u ? c->keys[u - 1] - c->k0 : 0) + (gap > 0 ? gap : 1);
    c->bucket_w = TIME_PLOT * (double)(gap > 0 ? gap : c->span) / (double)c->span;
    return HSR_OK;
}

static double tx(const chart_t *c, int64_t key)
{
    return TIME_LEFT + TIME_PLOT * ((double)(key - c->k0) / (double)c->span);
}

/* Width of one bucket on the axis (set once by time_init: asked per mark). */
static double tw(const chart_t *c)
{
    return c->bucket_w;
}

static size_t key_index(const chart_t *c, int64_t key)
{
    int64_t *at = bsearch(&key, c->keys, c->nkeys, sizeof(int64_t), cmp_i64);
    return at ? (size_t)(at - c->keys) : 0;
}

/* Labels of the buckets under the plot (as many as fit), and the axis
 * title; each label is the bucket's own text, in the report's time zone. */
static void time_axis(chart_t *c, double base)
{
    char buf[96];
    const char **lab = calloc(c->nkeys ? c->nkeys : 1, sizeof(char *));
    double longest = 0;
    for (size_t r = 0; lab && r < c->nrows; r++)
        if (timed(c, r)) {
            size_t i = key_index(c, cell(c, r, c->ch->x)->i);
            if (!lab[i]) {
                lab[i] = cell(c, r, c->ch->x)->s;
                if (svg_text_px(lab[i]) > longest)
                    longest = svg_text_px(lab[i]);
            }
        }
    fprintf(c->o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>\n",
            TIME_LEFT, base, TIME_LEFT + TIME_PLOT, base);
    if (longest > 2 * TIME_RIGHT - 8)
        longest = 2 * TIME_RIGHT - 8;
    /* Left to right, a label wherever it clears the previous one. */
    double half = tw(c) / 2, last = -1e9;
    for (size_t i = 0; lab && i < c->nkeys; i++) {
        double x = tx(c, c->keys[i]) + half;
        if (x - last < longest + 16)
            continue;
        last = x;
        fprintf(c->o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>", x,
                base, x, base + 4);
        text_at(c, x, base + 16, "middle", NULL, lab[i] ? lab[i] : "", longest);
    }
    free(lab);
    text_at(c, TIME_LEFT + TIME_PLOT / 2.0, base + 32, "middle", " fill=\"#555\"", c->time_note,
            TIME_PLOT);
    c->y = base + 40;
    if (c->untimed) {
        snprintf(buf, sizeof(buf), "%zu row(s) of unknown time are in the table only",
                 c->untimed);
        text_at(c, TIME_LEFT, c->y + 6, NULL, " fill=\"#b00\"", buf, TIME_PLOT);
        c->y += 16;
    }
    if (c->hidden) {
        snprintf(buf, sizeof(buf), "the first %zu of %zu; the table lists them all", c->ngroups,
                 c->ngroups + c->hidden);
        text_at(c, TIME_LEFT, c->y + 6, NULL, " fill=\"#555\"", buf, TIME_PLOT);
        c->y += 16;
    }
}

/* ---- lines over time ---- */

/* Lines: one per series column, or (label set) one per label value with the
 * first series as value.  value(r, line) < 0: row r is not on that line. */
static double line_value(const chart_t *c, size_t r, size_t line)
{
    if (c->ch->label[0] >= 0)
        return c->group[r] == line ? num(c, r, c->ch->series[0]) : -1;
    return num(c, r, c->ch->series[line]);
}

static const char *line_name(const chart_t *c, size_t line, const size_t *first, char *buf,
                             size_t n)
{
    if (c->ch->label[0] >= 0)
        return label(c, first[line], buf, n);
    return c->t->cols[c->ch->series[line]].name;
}

static hsr_status_t draw_lines(chart_t *c)
{
    const out_chart_t *ch = c->ch;
    size_t nlines = ch->label[0] >= 0 ? c->ngroups : ch->nseries;
    double *total = calloc(nlines ? nlines : 1, sizeof(double));
    size_t *order = calloc(nlines ? nlines : 1, sizeof(size_t)); /* colour rank -> line */
    size_t *first = calloc(nlines ? nlines : 1, sizeof(size_t));
    if (!total || !order || !first) {
        free(total), free(order), free(first);
        return HSR_ERR_NOMEM;
    }
    double max = 0, minpos = 0;
    for (size_t r = c->nrows; r-- > 0;)
        for (size_t l = 0; l < nlines; l++) {
            double v = line_value(c, r, l);
            if (v < 0)
                continue;
            first[l] = r;
            if (!timed(c, r))
                continue;
            total[l] += v;
            max = v > max ? v : max;
            minpos = v > 0 && (minpos == 0 || v < minpos) ? v : minpos;
        }
    /* Colours go to the largest lines (then the first listed). */
    for (size_t l = 0; l < nlines; l++)
        order[l] = l;
    for (size_t i = 1; i < nlines; i++)
        for (size_t j = i; j > 0 && total[order[j]] > total[order[j - 1]]; j--) {
            size_t tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }

    char name[LABEL_MAX], lbl[64];
    caption(c);
    for (size_t i = 0; i < nlines && i < SVG_SERIES; i++)
        legend_item(c, svg_series_color(i), 0, svg_series_dash(i),
                    line_name(c, order[i], first, name, sizeof(name)));
    if (nlines > SVG_SERIES) {
        snprintf(name, sizeof(name), "%zu more (grey)", nlines - SVG_SERIES);
        legend_item(c, svg_series_color(SVG_SERIES), 0, "", name);
    }
    legend_end(c);
    svg_scale_t sc = svg_scale(max, minpos, 1);
    double top = c->y + 14, h = 220;
    snprintf(name, sizeof(name), "%s per bucket%s", ch->unit, sc.log ? " (log scale; 0 on the axis)" : "");
    text_at(c, TIME_LEFT, c->y + 4, NULL, " fill=\"#555\"", name, TIME_PLOT);
    value_axis_v(c, &sc, top, h);

    /* Lines from the smallest up, so the largest are drawn on top. */
    for (size_t i = nlines; i-- > 0;) {
        size_t l = order[i];
        const char *color = svg_series_color(i), *dash = svg_series_dash(i);
        fprintf(c->o, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s%s%s d=\"", color,
                i < SVG_SERIES ? "1.8" : "1", *dash ? " stroke-dasharray=\"" : "", dash,
                *dash ? "\"" : "");
        size_t prev = (size_t)-1;
        for (size_t r = 0; r < c->nrows; r++) {
            double v = line_value(c, r, l);
            if (v < 0 || !timed(c, r))
                continue;
            size_t k = key_index(c, cell(c, r, ch->x)->i);
            /* A gap in the buckets breaks the line: no data is not zero. */
            fprintf(c->o, "%s%.1f %.1f", prev != (size_t)-1 && k == prev + 1 ? "L" : "M",
                    tx(c, c->keys[k]) + tw(c) / 2, top + h - h * svg_scale_at(&sc, v));
            prev = k;
        }
        fputs("\"/>\n", c->o);
        for (size_t r = 0; r < c->nrows; r++) {
            double v = line_value(c, r, l);
            if (v < 0 || !timed(c, r))
                continue;
            fprintf(c->o, "<circle data-row=\"%zu\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\">"
                          "<title>", r, tx(c, cell(c, r, ch->x)->i) + tw(c) / 2,
                    top + h - h * svg_scale_at(&sc, v), color);
            svg_esc(c->o, line_name(c, l, first, name, sizeof(name)));
            fputs(", ", c->o);
            svg_esc(c->o, text(c, r, ch->x, lbl, sizeof(lbl)));
            fprintf(c->o, ": %.0f %s</title></circle>\n", v, ch->unit);
        }
    }
    free(total), free(order), free(first);
    time_axis(c, top + h);
    return HSR_OK;
}

/* ---- stacked columns over time, a panel per label ---- */

static double row_sum(const chart_t *c, size_t r)
{
    double s = 0;
    for (size_t k = 0; k < c->ch->nseries; k++)
        s += num(c, r, c->ch->series[k]);
    return s;
}

/* Title of a mark: "AS4837 ..., 2014-09-27: green 0, yellow 5, red 2 (7 attempts)". */
static void mark_title(chart_t *c, size_t r, int with_time)
{
    char name[LABEL_MAX], b[64];
    fputs("<title>", c->o);
    svg_esc(c->o, c->ch->label[0] >= 0 ? label(c, r, name, sizeof(name)) : "");
    if (with_time) {
        fputs(c->ch->label[0] >= 0 ? ", " : "", c->o);
        svg_esc(c->o, text(c, r, c->ch->x, b, sizeof(b)));
    }
    fputs(":", c->o);
    for (size_t k = 0; k < c->ch->nseries; k++) {
        fputs(k ? ", " : " ", c->o);
        svg_esc(c->o, c->ch->grades ? svg_grade_name((int)k + 1) : series_name(c, k));
        fprintf(c->o, " %.0f", num(c, r, c->ch->series[k]));
    }
    if (c->ch->nseries > 1)
        fprintf(c->o, " (%.0f %s)", row_sum(c, r), c->ch->unit);
    fputs("</title>", c->o);
}

static hsr_status_t draw_columns(chart_t *c)
{
    const out_chart_t *ch = c->ch;
    size_t npanels = ch->label[0] >= 0 ? c->ngroups : 1;
    double h = npanels > 1 ? 70 : 200, bw = tw(c) > 3 ? tw(c) - 1 : tw(c);
    char name[LABEL_MAX], b[32];
    caption(c);
    if (ch->grades)
        legend_grades(c);
    else
        for (size_t k = 0; k < ch->nseries; k++)
            legend_item(c, svg_series_color(k), 0, NULL, series_name(c, k));
    legend_end(c);
    double top = c->y;
    for (size_t p = 0; p < npanels; p++) {
        double max = 0;
        size_t first = 0, seen = 0;
        for (size_t r = 0; r < c->nrows; r++)
            if (npanels == 1 || c->group[r] == p) {
                first = seen++ ? first : r;
                max = timed(c, r) && row_sum(c, r) > max ? row_sum(c, r) : max;
            }
        svg_scale_t sc = svg_scale(max, 0, 0);
        snprintf(name, sizeof(name), "%s per bucket", ch->unit);
        double ptop = top + 18;
        if (npanels > 1)
            text_at(c, TIME_LEFT, top + 12, NULL, " font-weight=\"bold\"",
                    label(c, first, name, sizeof(name)), TIME_PLOT);
        else
            text_at(c, TIME_LEFT, top + 10, NULL, " fill=\"#555\"", name, TIME_PLOT);
        svg_num(b, sizeof(b), sc.hi);
        fprintf(c->o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>",
                TIME_LEFT, ptop, TIME_LEFT + TIME_PLOT, ptop);
        text_at(c, TIME_LEFT - 6, ptop + 4, "end", NULL, b, TIME_LEFT - 12);
        text_at(c, TIME_LEFT - 6, ptop + h, "end", NULL, "0", TIME_LEFT - 12);
        for (size_t r = 0; r < c->nrows; r++) {
            if ((npanels > 1 && c->group[r] != p) || !timed(c, r))
                continue;
            double x = tx(c, cell(c, r, ch->x)->i), y = ptop + h;
            fprintf(c->o, "<g data-row=\"%zu\">", r);
            mark_title(c, r, 1);
            for (size_t k = 0; k < ch->nseries; k++) {
                double v = num(c, r, ch->series[k]), vh = h * svg_scale_at(&sc, v);
                if (v <= 0)
                    continue;
                y -= vh;
                fprintf(c->o, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"", x,
                        y, bw, vh);
                series_fill(c, k);
                fputs("\"/>", c->o);
            }
            fputs("</g>\n", c->o);
        }
        if (p + 1 < npanels)
            fprintf(c->o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#999\"/>\n",
                    TIME_LEFT, ptop + h, TIME_LEFT + TIME_PLOT, ptop + h);
        top = ptop + h + 6;
    }
    time_axis(c, top - 6);
    return HSR_OK;
}

/* ---- heat map over time: a panel per label, a row of cells per y ---- */

static hsr_status_t draw_heatmap(chart_t *c)
{
    const out_chart_t *ch = c->ch;
    size_t n = c->nrows, ny = 0;
    size_t *ygroup = calloc(n ? n : 1, sizeof(size_t)), *yrow = NULL, *count = NULL;
    int cols[3] = {ch->label[0], ch->label[1], ch->y};
    hsr_status_t s = ygroup ? group_rows(c, cols, 3, ygroup, &ny) : HSR_ERR_NOMEM;
    if (s == HSR_OK) {
        yrow = calloc(ny ? ny : 1, sizeof(size_t));   /* y group -> row in its panel */
        count = calloc(c->ngroups ? c->ngroups : 1, sizeof(size_t));
        s = yrow && count ? HSR_OK : HSR_ERR_NOMEM;
    }
    if (s != HSR_OK) {
        free(ygroup), free(yrow), free(count);
        return s;
    }
    /* y groups are numbered by first row, so each panel's rows come in the
     * report's order (busiest port first). */
    size_t *seen = calloc(ny ? ny : 1, sizeof(size_t));
    for (size_t r = 0; seen && r < n; r++)
        if (c->group[r] < c->ngroups && !seen[ygroup[r]]++)
            yrow[ygroup[r]] = count[c->group[r]]++;
    free(seen);
    double max = 0, minpos = 0;
    for (size_t r = 0; r < n; r++) {
        double v = num(c, r, ch->series[0]);
        max = v > max ? v : max;
        minpos = v > 0 && (minpos == 0 || v < minpos) ? v : minpos;
    }
    svg_scale_t sc = svg_scale(max, minpos, 1);
    char b[64], color[16], name[LABEL_MAX];

    caption(c);
    legend_end(c);
    /* Colour scale: a swatch per tick of the value scale. */
    text_at(c, 8, c->y + 4, NULL, " fill=\"#555\"", ch->unit, 80);
    double ticks[8];
    int nt = svg_scale_ticks(&sc, ticks, 8);
    for (int i = 0; i < nt; i++) {
        svg_heat_color(svg_scale_at(&sc, ticks[i]), color, sizeof(color));
        svg_num(b, sizeof(b), ticks[i]);
        fprintf(c->o, "<rect x=\"%d\" y=\"%.1f\" width=\"14\" height=\"10\" fill=\"%s\"/>",
                TIME_LEFT + i * 56, c->y - 5, color);
        text_at(c, TIME_LEFT + i * 56 + 18, c->y + 4, NULL, NULL, b, 36);
    }
    double mx = TIME_LEFT + nt * 56 + 16;
    fprintf(c->o, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#000\" "
                  "stroke-width=\"2\" stroke-dasharray=\"4 2\"/>",
            mx, c->y - 8, mx, c->y + 4);
    snprintf(name, sizeof(name), "%s%s", c->t->cols[ch->mark].name,
             sc.log ? "; colours on a log scale" : "");
    for (char *u = name; (u = strchr(u, '_')) != NULL;)
        *u = ' ';
    text_at(c, mx + 8, c->y + 4, NULL, NULL, name, W - mx - 16);
    c->y += 14;

    const double cell_h = 14;
    double top = c->y, bw = tw(c) > 2 ? tw(c) - 0.5 : tw(c);
    for (size_t p = 0; p < c->ngroups; p++) {
        size_t first = 0;
        while (first < n && c->group[first] != p)
            first++;
        text_at(c, TIME_LEFT, top + 12, NULL, " font-weight=\"bold\"",
                label(c, first, name, sizeof(name)), TIME_PLOT);
        double ptop = top + 18, pbot = ptop + (double)count[p] * cell_h;
        fprintf(c->o, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#f4f4f4\"/>",
                TIME_LEFT, ptop, TIME_PLOT, pbot - ptop);
        for (size_t r = 0; r < n; r++) {
            if (c->group[r] != p)
                continue;
            double y = ptop + (double)yrow[ygroup[r]] * cell_h;
            if (r == first || ygroup[r] != ygroup[r - 1])
                text_at(c, TIME_LEFT - 6, y + 10, "end", NULL, text(c, r, ch->y, b, sizeof(b)),
                        TIME_LEFT - 12);
            if (!timed(c, r))
                continue;
            double v = num(c, r, ch->series[0]);
            svg_heat_color(svg_scale_at(&sc, v), color, sizeof(color));
            fprintf(c->o, "<rect data-row=\"%zu\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" "
                          "height=\"%.1f\" fill=\"%s\"><title>",
                    r, tx(c, cell(c, r, ch->x)->i), y, bw, cell_h - 1, color);
            svg_esc(c->o, label(c, r, name, sizeof(name)));
            fputs(", ", c->o);
            svg_esc(c->o, text(c, r, ch->y, b, sizeof(b)));
            fputs(", ", c->o);
            svg_esc(c->o, text(c, r, ch->x, b, sizeof(b)));
            fprintf(c->o, ": %.0f %s</title></rect>\n", v, ch->unit);
        }
        const out_cell_t *m = cell(c, first, ch->mark);
        if (m->timed && m->i >= c->k0 && m->i < c->k0 + c->span) {
            double x = tx(c, m->i);
            fprintf(c->o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" "
                          "stroke-width=\"2\" stroke-dasharray=\"4 2\"><title>",
                    x, ptop - 4, x, pbot + 2);
            svg_esc(c->o, c->t->cols[ch->mark].name);
            fputs(": ", c->o);
            svg_esc(c->o, m->s);
            fputs("</title></line>\n", c->o);
        }
        top = pbot + 6;
    }
    free(ygroup), free(yrow), free(count);
    time_axis(c, top);
    return HSR_OK;
}

/* ---- horizontal bars, one per row ---- */

static hsr_status_t draw_bars(chart_t *c)
{
    const out_chart_t *ch = c->ch;
    size_t n = c->nrows < HSR_CHART_MAX_BARS ? c->nrows : HSR_CHART_MAX_BARS;
    int grouped = !ch->stacked && ch->nseries > 1;
    double slot = grouped ? 11.0 * (double)ch->nseries : 14, pitch = slot + 6;
    const double plot = W - BAR_LABEL - 10 - BAR_RIGHT, x0 = BAR_LABEL + 10;
    double max = 0;
    for (size_t r = 0; r < n; r++)
        for (size_t k = 0; k < ch->nseries; k++) {
            double v = ch->stacked ? row_sum(c, r) : num(c, r, ch->series[k]);
            max = v > max ? v : max;
        }
    svg_scale_t sc = svg_scale(max, 0, 0);
    char name[LABEL_MAX], b[96], pct[32];
    caption(c);
    if (ch->grades)
        legend_grades(c);
    else if (ch->nseries > 1)
        for (size_t k = 0; k < ch->nseries; k++)
            legend_item(c, svg_series_color(k), 0, NULL, series_name(c, k));
    legend_end(c);
    double top = c->y + 4;
    for (size_t r = 0; r < n; r++) {
        double y = top + (double)r * pitch, x = x0;
        fprintf(c->o, "<g data-row=\"%zu\">", r);
        mark_title(c, r, 0);
        text_at(c, BAR_LABEL, y + slot / 2 + 4, "end", NULL, label(c, r, name, sizeof(name)),
                BAR_LABEL - 8);
        for (size_t k = 0; k < ch->nseries; k++) {
            double v = num(c, r, ch->series[k]), w = plot * svg_scale_at(&sc, v);
            double by = grouped ? y + 11.0 * (double)k : y, bh = grouped ? 10 : slot;
            fprintf(c->o, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"",
                    ch->stacked ? x : x0, by, w, bh);
            series_fill(c, k);
            fputs("\"/>", c->o);
            if (ch->stacked) {
                x += w;
                continue;
            }
            svg_num(b, sizeof(b), v);
            pct[0] = 0;
            if (ch->share >= 0 && !grouped)
                snprintf(pct, sizeof(pct), " (%s)", text(c, r, ch->share, name, sizeof(name)));
            strncat(b, pct, sizeof(b) - strlen(b) - 1);
            text_at(c, x0 + w + 4, by + bh - 1, NULL, NULL, b, W - 8 - (x0 + w + 4));
        }
        if (ch->stacked) {
            svg_num(b, sizeof(b), row_sum(c, r));
            text_at(c, x + 4, y + slot - 2, NULL, NULL, b, W - 8 - (x + 4));
        }
        fputs("</g>\n", c->o);
    }
    double base = top + (double)n * pitch;
    double ticks[16];
    int nt = svg_scale_ticks(&sc, ticks, 16);
    fprintf(c->o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n", x0,
            base, x0 + plot, base);
    for (int i = 0; i < nt; i++) {
        double x = x0 + plot * svg_scale_at(&sc, ticks[i]);
        svg_num(b, sizeof(b), ticks[i]);
        fprintf(c->o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>", x,
                base, x, base + 4);
        text_at(c, x, base + 16, "middle", NULL, b, 60);
    }
    text_at(c, x0 + plot / 2, base + 32, "middle", " fill=\"#555\"", ch->unit, plot);
    c->y = base + 40;
    if (n < c->nrows) {
        snprintf(b, sizeof(b), "the first %zu of %zu rows; the table lists them all", n,
                 c->nrows);
        text_at(c, x0, c->y + 6, NULL, " fill=\"#555\"", b, plot);
        c->y += 16;
    }
    return HSR_OK;
}

/* ---- the <svg> element ---- */

static const char *const kind_name[] = {"none", "bars", "lines", "columns", "heatmap"};

hsr_status_t out_chart_svg(FILE *out, const out_table_t *t, size_t k, const char *time_note,
                           double y, double *height)
{
    chart_t c = {.t = t, .ch = &t->charts[k], .nrows = t->nrows - t->nfoot,
                 .time_note = time_note};
    char *body = NULL;
    size_t len = 0;
    snprintf(c.uid, sizeof(c.uid), "hs-%s-%zu", t->report, k);
    if (!(c.o = open_memstream(&body, &len)))
        return HSR_ERR_NOMEM;
    hsr_status_t s = HSR_OK;
    svg_defs(c.o, c.uid);
    if (c.ch->kind != OUT_CHART_BARS)
        s = time_init(&c);
    if (s == HSR_OK && c.ch->label[0] >= 0 && c.ch->kind != OUT_CHART_BARS) {
        c.group = calloc(c.nrows ? c.nrows : 1, sizeof(size_t));
        s = c.group ? group_rows(&c, c.ch->label, 2, c.group, &c.ngroups) : HSR_ERR_NOMEM;
        if (c.ngroups > HSR_CHART_MAX_GROUPS) {
            c.hidden = c.ngroups - HSR_CHART_MAX_GROUPS;
            c.ngroups = HSR_CHART_MAX_GROUPS;
        }
    }
    if (s == HSR_OK) {
        switch (c.ch->kind) {
        case OUT_CHART_LINES: s = draw_lines(&c); break;
        case OUT_CHART_COLUMNS: s = draw_columns(&c); break;
        case OUT_CHART_HEATMAP: s = draw_heatmap(&c); break;
        default: s = draw_bars(&c); break;
        }
    }
    free(c.keys);
    free(c.group);
    if (fclose(c.o) != 0 && s == HSR_OK)
        s = HSR_ERR_NOMEM;
    if (s == HSR_OK) {
        double h = c.y + 8;
        fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
                     "data-report=\"%s\" data-chart=\"%s\" y=\"%.0f\" width=\"%d\" height=\"%.0f\" "
                     "viewBox=\"0 0 %d %.0f\" font-family=\"sans-serif\" font-size=\"%d\" "
                     "role=\"img\">\n<title>",
                t->report, kind_name[c.ch->kind], y, W, h, W, h, SVG_FONT_PX);
        svg_esc(out, c.ch->caption);
        fprintf(out, "</title>\n<rect width=\"%d\" height=\"%.0f\" fill=\"#fff\"/>\n", W, h);
        fwrite(body, 1, len, out);
        fputs("</svg>\n", out);
        *height = h;
    }
    free(body);
    return s;
}

/*
 * rep_timeline.c - frames per time bucket (per sensor), the frames to one
 * port (--port), and Shellshock attempts by grade (study 1 fig. 1 and 4,
 * study 2 fig. 1).  Empty buckets between the first and the last are shown
 * as zeros, as many as hsr_limits.h allows for the buckets with data.
 */
#include <stdio.h>
#include <stdlib.h>

#include "rep_internal.h"

typedef struct {
    int64_t b;
    uint64_t frames, port, g[4];
} row_t;

/* From AGG_TIME (bucket, sensor): frames, attempts by grade. */
static hsr_status_t add(const rep_ctx_t *c, void *row, uint64_t *sens, const uint64_t *k,
                        const uint64_t *v, void *arg)
{
    row_t *r = row;
    r->b = (int64_t)k[0];
    r->frames += v[0];
    for (int g = 1; g <= 3; g++)
        r->g[g] += rep_gv(c, v)[g];
    sens[c->pos[k[1]]] += v[0];
    return HSR_OK;
}

static int cmp_rows(const void *pa, const void *pb, const rep_ctx_t *ctx)
{
    const row_t *a = pa, *b = pb;
    return rep_cmp_i64(a->b, b->b);
}

static const rep_spec_t spec = {
    .size = sizeof(row_t), .sensors = 1, .map = AGG_TIME, .add = add, .cmp = cmp_rows,
};

static void put_row(rep_ctx_t *c, out_table_t *t, const rep_rows_t *rows, const row_t *r,
                    const uint64_t *zeros)
{
    out_row(t);
    rep_bucket_cell(c, t, r->b);
    rep_sensor_cells(c, t, r ? rep_rows_sens(rows, r) : zeros);
    out_int(t, (int64_t)r->frames);
    if (c->o->has_port)
        out_int(t, (int64_t)r->port);
    out_int(t, (int64_t)(r->g[1] + r->g[2] + r->g[3]));
    for (int g = 1; g <= 3; g++)
        out_int(t, (int64_t)r->g[g]);
}

hsr_status_t rep_timeline(rep_ctx_t *c, out_table_t *t)
{
    const agg_state_t *st = c->st;
    rep_rows_t rows;
    hsr_status_t s = rep_rows_make(&rows, c, &spec, 0, NULL);
    if (s != HSR_OK)
        goto cleanup;
    const agg_map_t *m;
    uint64_t port_total = 0;
    if (c->o->has_port) {
        m = &st->maps[AGG_TIME_PORT];
        for (size_t i = agg_map_next(m, 0); i < m->cap; i = agg_map_next(m, i + 1)) {
            const uint64_t *k = agg_map_key(m, i);
            if (k[1] != c->o->port)
                continue;
            row_t *r = rep_rows_find(&rows, k[0], 0, 0);
            if (r)
                r->port += agg_map_val(m, i)[0];
            port_total += agg_map_val(m, i)[0];
        }
    }

    char port[32], col[48], text[160];
    out_chart_t *by_sensor = out_chart(t, OUT_CHART_LINES,
                                    c->per_sensor ? "Frames per sensor over time"
                                                  : "Frames over time", "frames");
    out_chart_t *by_grade = out_chart(
        t, OUT_CHART_COLUMNS,
        rep_family_text(c, "Shellshock attempts over time, by grade", text, sizeof(text)),
        "attempts");
    by_grade->grades = 1;
    by_sensor->x = by_grade->x = out_col(t, "bucket", 0);
    rep_chart_sensors(c, by_sensor, rep_sensor_cols(c, t, "frames"));
    int all = out_col(t, "frames", 1);
    if (!c->per_sensor)
        out_chart_series(by_sensor, all);
    if (c->o->has_port) {
        agg_port_label(c->o->port, port, sizeof(port));
        snprintf(col, sizeof(col), "frames:%s", port);
        out_chart_series(by_sensor, out_col(t, col, 1));
    }
    rep_grade_cols(c, t, by_grade);

    /* Known buckets, with the empty ones between them when the span is sane. */
    size_t known = rows.n;
    while (known > 0 && ((row_t *)rep_rows_at(&rows, known - 1))->b == AGG_TIME_UNKNOWN)
        known--;
    int fill = 0;
    if (known > 1) {
        int64_t first = ((row_t *)rep_rows_at(&rows, 0))->b;
        int64_t last = ((row_t *)rep_rows_at(&rows, known - 1))->b;
        /* In double: keys read from a state may be far apart. */
        double empty = ((double)last - (double)first) / (double)st->bucket.secs + 1 - (double)known;
        fill = empty <= HSR_TIMELINE_FILL_FREE + HSR_TIMELINE_FILL_PER_ROW * (double)known;
        if (!fill)
            out_note(t, "%.0f empty buckets between the first and the last: not shown", empty);
    }
    uint64_t *zeros = calloc(c->nsensors ? c->nsensors : 1, sizeof(uint64_t));
    if (!zeros) {
        s = HSR_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < rows.n; i++) {
        row_t *r = rep_rows_at(&rows, i);
        put_row(c, t, &rows, r, zeros);
        if (fill && i + 1 < known) {
            int64_t next = ((row_t *)rep_rows_at(&rows, i + 1))->b;
            for (int64_t b = r->b + st->bucket.secs; b < next; b += st->bucket.secs) {
                row_t empty = {.b = b};
                out_row(t);
                rep_bucket_cell(c, t, empty.b);
                rep_sensor_cells(c, t, zeros);
                out_int(t, 0);
                if (c->o->has_port)
                    out_int(t, 0);
                for (int g = 0; g <= 3; g++)
                    out_int(t, 0);
            }
        }
    }
    uint64_t frames, g[4];
    rep_time_totals(c, zeros, &frames, g);
    out_footer(t);
    out_row(t);
    out_str(t, c->total_label);
    rep_sensor_cells(c, t, zeros);
    out_int(t, (int64_t)frames);
    if (c->o->has_port)
        out_int(t, (int64_t)port_total);
    out_int(t, (int64_t)(g[1] + g[2] + g[3]));
    for (int j = 1; j <= 3; j++)
        out_int(t, (int64_t)g[j]);
    free(zeros);
cleanup:
    rep_rows_free(&rows);
    return s;
}

/*
 * hsr_render.c - builds the tables and hands them to a writer.
 */
#include "hsr_render.h"

#include <stdlib.h>

#include "out_writers.h"

hsr_status_t hsr_render(FILE *out, const agg_state_t *st, const hsr_opts_t *o)
{
    return hsr_render_bucket(out, st, o, NULL);
}

hsr_status_t hsr_render_bucket(FILE *out, const agg_state_t *st, const hsr_opts_t *o,
                               const char *label)
{
    size_t order[HSR_MAX_SENSORS];
    char port[32];
    out_meta_t m = {
        .version = HONEYSHARK_VERSION,
        .format = hsr_format_names[o->format],
        .st = st,
        .sensor_order = order,
        .bucket = label,
    };
    m.nsensors = rep_sensor_order(st, order);
    if (o->rep.has_port) {
        agg_port_label(o->rep.port, port, sizeof(port));
        m.port = port;
    }
    if (o->format == HSR_FMT_HTML) {
        out_table_t *t = calloc(REP_COUNT, sizeof(out_table_t));
        if (!t)
            return HSR_ERR_NOMEM;
        hsr_status_t s = HSR_OK;
        for (int i = 0; i < REP_COUNT && s == HSR_OK; i++)
            s = rep_build((rep_id_t)i, st, &o->rep, &t[i]);
        if (s == HSR_OK)
            s = out_html_write(out, t, REP_COUNT, &m);
        for (int i = 0; i < REP_COUNT; i++)
            out_table_free(&t[i]);
        free(t);
        return s;
    }
    out_table_t t;
    m.top = rep_top(o->report, &o->rep);
    if (o->report == REP_MULTIPORT && !m.port) {
        agg_port_label(AGG_PORT_KEY(6, 23), port, sizeof(port));
        m.port = port;
    }
    hsr_status_t s = rep_build(o->report, st, &o->rep, &t);
    if (s == HSR_OK) {
        switch (o->format) {
        case HSR_FMT_CSV: s = out_csv_write(out, &t, &m); break;
        case HSR_FMT_JSON: s = out_json_write(out, &t, &m); break;
        case HSR_FMT_SVG: s = out_svg_write(out, &t, &m); break;
        default: s = out_text_write(out, &t, &m); break;
        }
    }
    out_table_free(&t);
    return s;
}

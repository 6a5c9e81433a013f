/*
 * out_json.c - the report as one JSON document, built with json-c so every
 * string is escaped correctly.  Unknown values are null; the options that
 * produced the report and the summary of what was read come with it.
 */
#include "out_writers.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>

#include "agg_state.h"

static struct json_object *cell_json(const out_cell_t *c)
{
    char buf[32];
    switch (c->kind) {
    case OUT_STR: return json_object_new_string(c->s);
    case OUT_INT: return json_object_new_int64(c->i);
    case OUT_PCT:
        snprintf(buf, sizeof(buf), "%.1f", c->d);
        return json_object_new_double_s(c->d, buf);
    case OUT_UNKNOWN: break;
    }
    return NULL;
}

static struct json_object *row_json(const out_table_t *t, size_t r)
{
    struct json_object *o = json_object_new_object();
    for (size_t c = 0; o && c < t->ncols; c++)
        json_object_object_add(o, t->cols[c].name, cell_json(out_cell_at(t, r, c)));
    return o;
}

static struct json_object *options_json(const out_meta_t *m, const char *report)
{
    const agg_state_t *st = m->st;
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, "report", json_object_new_string(report));
    json_object_object_add(o, "bucket", json_object_new_string(st->bucket.spec));
    json_object_object_add(o, "bucket_seconds", json_object_new_int64(st->bucket.secs));
    json_object_object_add(o, "tz", json_object_new_string(st->tz.name));
    json_object_object_add(o, "sensor_by", json_object_new_string(
                                               st->sensor_by == AGG_SENSOR_BY_DST ? "dst" : "input"));
    json_object_object_add(o, "top", json_object_new_int(m->top));
    json_object_object_add(o, "port", m->port ? json_object_new_string(m->port) : NULL);
    struct json_object *sensors = json_object_new_array();
    for (size_t i = 0; i < m->nsensors; i++) {
        const agg_sensor_t *s = &st->sensors[m->sensor_order[i]];
        struct json_object *so = json_object_new_object();
        json_object_object_add(so, "name", json_object_new_string(s->name));
        struct json_object *addrs = json_object_new_array();
        for (size_t j = 0; j < s->naddrs; j++)
            json_object_array_add(addrs, json_object_new_string(s->addrs[j]));
        json_object_object_add(so, "addresses", addrs);
        json_object_array_add(sensors, so);
    }
    json_object_object_add(o, "sensors", sensors);
    return o;
}

static struct json_object *summary_json(const out_meta_t *m)
{
    const agg_summary_t *s = &m->st->sum;
    struct json_object *o = json_object_new_object();
    /* Frames, not ek lines: a state the plugin's tap wrote read no line. */
#define U64(name) json_object_object_add(o, #name, json_object_new_int64((int64_t)s->name))
    U64(frames_read);
    U64(frames_counted);
    U64(frames_not_towards);
    U64(malformed_lines);
    U64(bad_values);
    U64(time_unknown);
    U64(truncated_inputs);
#undef U64
    json_object_object_add(o, "truncated", json_object_new_boolean(s->truncated_inputs > 0));
    /* Frames per attribution database date (src.db_date), every one of them. */
    out_db_date_t *dates;
    size_t ndates = out_db_dates(m, &dates);
    struct json_object *db = json_object_new_object();
    for (size_t i = 0; i < ndates; i++)
        json_object_object_add(db, dates[i].date, json_object_new_int64((int64_t)dates[i].frames));
    free(dates);
    json_object_object_add(o, "db_dates", db);
    char buf[256];
    const char *why = out_incomplete(m, buf, sizeof(buf));
    json_object_object_add(o, "complete", json_object_new_boolean(why == NULL));
    if (why)
        json_object_object_add(o, "incomplete_because", json_object_new_string(why));
    return o;
}

hsr_status_t out_json_write(FILE *out, const out_table_t *t, const out_meta_t *m)
{
    struct json_object *doc = json_object_new_object();
    if (!doc)
        return HSR_ERR_NOMEM;
    json_object_object_add(doc, "tool", json_object_new_string("honeyshark-report"));
    json_object_object_add(doc, "version", json_object_new_string(m->version));
    json_object_object_add(doc, "report", json_object_new_string(t->report));
    json_object_object_add(doc, "title", json_object_new_string(t->title));
    if (m->bucket)
        json_object_object_add(doc, "follow_bucket", json_object_new_string(m->bucket));
    json_object_object_add(doc, "options", options_json(m, t->report));
    json_object_object_add(doc, "summary", summary_json(m));
    struct json_object *cols = json_object_new_array();
    for (size_t c = 0; c < t->ncols; c++)
        json_object_array_add(cols, json_object_new_string(t->cols[c].name));
    json_object_object_add(doc, "columns", cols);
    struct json_object *rows = json_object_new_array();
    for (size_t r = 0; r + t->nfoot < t->nrows; r++)
        json_object_array_add(rows, row_json(t, r));
    json_object_object_add(doc, "rows", rows);
    struct json_object *total = json_object_new_array();
    for (size_t r = t->nrows - t->nfoot; r < t->nrows; r++)
        json_object_array_add(total, row_json(t, r));
    json_object_object_add(doc, "total", total);
    struct json_object *notes = json_object_new_array();
    for (size_t i = 0; i < t->nnotes; i++)
        json_object_array_add(notes, json_object_new_string(t->notes[i]));
    json_object_object_add(doc, "notes", notes);
    fputs(json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                                                  JSON_C_TO_STRING_NOSLASHESCAPE),
          out);
    fputc('\n', out);
    json_object_put(doc);
    return ferror(out) ? HSR_ERR_IO : HSR_OK;
}

/*
 * out_meta.c - summary sentences shared by the writers, see out_meta.h.
 */
#include "out_meta.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void out_summary_sentence(const out_meta_t *m, char *buf, size_t n)
{
    const agg_summary_t *s = &m->st->sum;
    /* No input count: a merge of N pieces must print what one run prints. */
    int k = snprintf(buf, n, "%" PRIu64 " frame%s read, %" PRIu64 " counted", s->frames_read,
                     s->frames_read == 1 ? "" : "s", s->frames_counted);
    if (k > 0 && (size_t)k < n && s->frames_not_towards)
        k += snprintf(buf + k, n - (size_t)k, ", %" PRIu64 " not towards a sensor",
                      s->frames_not_towards);
    if (k > 0 && (size_t)k < n && s->malformed_lines)
        k += snprintf(buf + k, n - (size_t)k, ", %" PRIu64 " malformed line%s skipped",
                      s->malformed_lines, s->malformed_lines == 1 ? "" : "s");
    if (k > 0 && (size_t)k < n && s->bad_values)
        k += snprintf(buf + k, n - (size_t)k, ", %" PRIu64 " unreadable value%s taken as unknown",
                      s->bad_values, s->bad_values == 1 ? "" : "s");
    if (k > 0 && (size_t)k < n && s->time_unknown)
        k += snprintf(buf + k, n - (size_t)k, ", %" PRIu64 " frame%s without a time",
                      s->time_unknown, s->time_unknown == 1 ? "" : "s");
    if (k > 0 && (size_t)k < n && s->truncated_inputs)
        snprintf(buf + k, n - (size_t)k, ", %" PRIu64 " input%s truncated", s->truncated_inputs,
                 s->truncated_inputs == 1 ? "" : "s");
}

const char *out_incomplete(const out_meta_t *m, char *buf, size_t n)
{
    const agg_summary_t *s = &m->st->sum;
    if (!s->truncated_inputs && !s->malformed_lines)
        return NULL;
    if (s->truncated_inputs && s->malformed_lines)
        snprintf(buf, n, "input truncated and %" PRIu64 " malformed line%s skipped",
                 s->malformed_lines, s->malformed_lines == 1 ? "" : "s");
    else if (s->truncated_inputs)
        snprintf(buf, n, "input truncated");
    else
        snprintf(buf, n, "%" PRIu64 " malformed line%s skipped", s->malformed_lines,
                 s->malformed_lines == 1 ? "" : "s");
    return buf;
}

static int by_date(const void *a, const void *b)
{
    return strcmp(((const out_db_date_t *)a)->date, ((const out_db_date_t *)b)->date);
}

size_t out_db_dates(const out_meta_t *m, out_db_date_t **out)
{
    const agg_map_t *map = &m->st->maps[AGG_DB_DATE];
    size_t n = 0;
    *out = map->len ? malloc(map->len * sizeof **out) : NULL;
    if (!*out)
        return 0;
    for (size_t i = agg_map_next(map, 0); i < map->cap && n < map->len;
         i = agg_map_next(map, i + 1))
        (*out)[n++] = (out_db_date_t){agg_intern_str(&m->st->strs, agg_map_key(map, i)[0]),
                                      agg_map_val(map, i)[0]};
    qsort(*out, n, sizeof **out, by_date);
    return n;
}

const char *out_attribution(const out_meta_t *m, char *buf, size_t n)
{
    out_db_date_t *dates;
    size_t count = out_db_dates(m, &dates);
    if (count == 0)
        return NULL;
    int k = snprintf(buf, n, "attribution databases of ");
    for (size_t i = 0; i < count && i < OUT_DB_DATES_SHOWN && k > 0 && (size_t)k < n; i++)
        k += snprintf(buf + k, n - (size_t)k, "%s%s (%" PRIu64 " frame%s)", i ? ", " : "",
                      dates[i].date, dates[i].frames, dates[i].frames == 1 ? "" : "s");
    if (count > OUT_DB_DATES_SHOWN && k > 0 && (size_t)k < n)
        snprintf(buf + k, n - (size_t)k, ", and %zu later date%s", count - OUT_DB_DATES_SHOWN,
                 count - OUT_DB_DATES_SHOWN == 1 ? "" : "s");
    free(dates);
    return buf;
}

void out_time_note(const out_meta_t *m, char *buf, size_t n)
{
    snprintf(buf, n, "bucket start (%s buckets, %s)", m->st->bucket.spec, m->st->tz.name);
}

const char *out_total_label(const out_meta_t *m)
{
    const agg_summary_t *s = &m->st->sum;
    return s->truncated_inputs || s->malformed_lines ? "total (incomplete)" : "total";
}

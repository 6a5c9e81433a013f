/*
 * out_meta.c - summary sentences shared by the writers, see out_meta.h.
 */
#include "out_meta.h"

#include <inttypes.h>
#include <stdio.h>

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

void out_time_note(const out_meta_t *m, char *buf, size_t n)
{
    snprintf(buf, n, "bucket start (%s buckets, %s)", m->st->bucket.spec, m->st->tz.name);
}

const char *out_total_label(const out_meta_t *m)
{
    const agg_summary_t *s = &m->st->sum;
    return s->truncated_inputs || s->malformed_lines ? "total (incomplete)" : "total";
}

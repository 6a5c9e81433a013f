/*
 * hsr_run.c - one input to the state, see hsr_run.h.
 */
#include "hsr_run.h"

#include <inttypes.h>
#include <string.h>

#include "ek_lines.h"
#include "hsr_limits.h"
#include "out_rows.h"

typedef struct {
    const hsr_diag_t *d;
    const char *name;
    unsigned shown;
} warner_t;

static void warn(warner_t *w, uint64_t line, const char *what)
{
    if (!w->d->warn)
        return;
    if (w->shown < HSR_MAX_WARNINGS)
        fprintf(w->d->warn, "%s:%" PRIu64 ": %s\n", w->name, line, what);
    else if (w->shown == HSR_MAX_WARNINGS)
        fprintf(w->d->warn, "%s: further warnings are only counted\n", w->name);
    w->shown++;
}

/* --rows: the frame's facts as a row, when it is towards a sensor. */
static hsr_status_t add_row(agg_state_t *st, const hsr_frame_t *f, size_t sensor,
                            const hsr_diag_t *d, uint64_t seq)
{
    agg_facts_t x;
    hsr_status_t s = agg_frame_facts(st, f, sensor, &x);
    if (s == HSR_OK && x.towards)
        out_rows_write(d->rows, st, d->rows_id, seq, &x);
    return s;
}

static hsr_status_t read_lines(agg_state_t *st, ek_parser_t *p, ek_lines_t *lines,
                               const char *name, size_t sensor, const hsr_diag_t *d)
{
    warner_t w = {d, name, 0};
    agg_summary_t before = st->sum;
    unsigned good = 0, bad = 0;
    int pending_index = 0, truncated = 0;
    uint64_t seq = 0;
    char msg[256];
    for (;;) {
        const char *line;
        size_t len;
        hsr_status_t s = ek_lines_next(lines, &line, &len);
        if (s == HSR_ERR_NOMEM)
            return s;
        if (s == HSR_ERR_IO) {
            snprintf(msg, sizeof(msg), "read error after this line (%s): input truncated",
                     strerror(lines->read_errno));
            warn(&w, lines->lineno, msg);
            truncated = 1;
            break;
        }
        if (s == HSR_ERR_LINE_TOO_LONG) {
            st->sum.lines++;
            st->sum.malformed_lines++;
            bad += good == 0;
            snprintf(msg, sizeof(msg), "%s, line skipped", hsr_strerror(s));
            warn(&w, lines->lineno, msg);
            continue;
        }
        if (!line)
            break;
        st->sum.lines++;
        ek_kind_t kind;
        hsr_frame_t f;
        s = ek_parse(p, line, len, &kind, &f);
        if (s == HSR_ERR_NOMEM)
            return s;
        if (s != HSR_OK) {
            if (good == 0 && ++bad >= HSR_SNIFF_LINES)
                break;
            if (lines->unterminated && good > 0) {
                warn(&w, lines->lineno, "last line cut short: input truncated");
                truncated = 1;
                break;
            }
            st->sum.malformed_lines++;
            snprintf(msg, sizeof(msg), "%s, line skipped", hsr_strerror(s));
            warn(&w, lines->lineno, msg);
            continue;
        }
        if (kind == EK_BLANK)
            continue;
        good++;
        if (kind == EK_INDEX) {
            st->sum.index_lines++;
            pending_index = 1;
            continue;
        }
        pending_index = 0;
        seq++;
        if ((s = d->rows ? add_row(st, &f, sensor, d, seq) : agg_state_add(st, &f, sensor)) !=
            HSR_OK)
            return s;
    }
    if (good == 0 && bad > 0) {
        st->sum = before; /* nothing of this input counts */
        return HSR_ERR_NOT_EK;
    }
    if (pending_index && !truncated) {
        warn(&w, lines->lineno, "ends after an index line without its record: input truncated");
        truncated = 1;
    }
    st->sum.inputs++;
    st->sum.truncated_inputs += truncated;
    return HSR_OK;
}

hsr_status_t hsr_read_input(agg_state_t *st, ek_parser_t *p, int fd, const char *name,
                            size_t sensor, const hsr_diag_t *d)
{
    ek_lines_t lines;
    hsr_status_t s = ek_lines_init_fd(&lines, fd);
    if (s == HSR_OK)
        s = read_lines(st, p, &lines, name, sensor, d);
    ek_lines_free(&lines);
    return s;
}

hsr_status_t hsr_read_mem(agg_state_t *st, ek_parser_t *p, const char *data, size_t len,
                          const char *name, size_t sensor, const hsr_diag_t *d)
{
    ek_lines_t lines;
    ek_lines_init_mem(&lines, data, len);
    return read_lines(st, p, &lines, name, sensor, d);
}

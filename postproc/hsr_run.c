/*
 * hsr_run.c - one input to the state, see hsr_run.h.
 */
#include "hsr_run.h"

#include <inttypes.h>
#include <string.h>

#include "hsr_limits.h"
#include "out_rows.h"

void hsr_feed_warn(hsr_feed_t *fd, uint64_t line, const char *what)
{
    if (!fd->d->warn)
        return;
    if (fd->shown < HSR_MAX_WARNINGS)
        fprintf(fd->d->warn, "%s:%" PRIu64 ": %s\n", fd->name, line, what);
    else if (fd->shown == HSR_MAX_WARNINGS)
        fprintf(fd->d->warn, "%s: further warnings are only counted\n", fd->name);
    fd->shown++;
}

void hsr_feed_init(hsr_feed_t *fd, ek_parser_t *p, const char *name, agg_summary_t *sum,
                   const hsr_diag_t *d, hsr_frame_fn frame, void *ctx)
{
    memset(fd, 0, sizeof(*fd));
    fd->p = p;
    fd->d = d;
    fd->name = name;
    fd->sum = sum;
    fd->frame = frame;
    fd->ctx = ctx;
    fd->before = *sum;
}

hsr_status_t hsr_feed_line(hsr_feed_t *fd, const ek_lines_t *lines, hsr_status_t got,
                           const char *line, size_t len)
{
    char msg[256];
    if (got == HSR_ERR_NOMEM)
        return got;
    if (got == HSR_ERR_IO) {
        snprintf(msg, sizeof(msg), "read error after this line (%s): input truncated",
                 strerror(lines->read_errno));
        hsr_feed_warn(fd, lines->lineno, msg);
        fd->truncated = 1;
        fd->done = 1;
        return HSR_OK;
    }
    if (got == HSR_ERR_LINE_TOO_LONG) {
        fd->sum->lines++;
        fd->sum->malformed_lines++;
        fd->bad += fd->good == 0;
        snprintf(msg, sizeof(msg), "%s, line skipped", hsr_strerror(got));
        hsr_feed_warn(fd, lines->lineno, msg);
        return HSR_OK;
    }
    if (!line) {
        fd->done = 1;
        return HSR_OK;
    }
    fd->sum->lines++;
    ek_kind_t kind;
    hsr_frame_t f;
    hsr_status_t s = ek_parse(fd->p, line, len, &kind, &f);
    if (s == HSR_ERR_NOMEM)
        return s;
    if (s != HSR_OK) {
        if (fd->good == 0 && ++fd->bad >= HSR_SNIFF_LINES) {
            fd->done = 1;
            return HSR_OK;
        }
        if (lines->unterminated && fd->good > 0) {
            hsr_feed_warn(fd, lines->lineno, "last line cut short: input truncated");
            fd->truncated = 1;
            fd->done = 1;
            return HSR_OK;
        }
        fd->sum->malformed_lines++;
        snprintf(msg, sizeof(msg), "%s, line skipped", hsr_strerror(s));
        hsr_feed_warn(fd, lines->lineno, msg);
        return HSR_OK;
    }
    if (kind == EK_BLANK)
        return HSR_OK;
    fd->good++;
    if (kind == EK_INDEX) {
        fd->sum->index_lines++;
        fd->pending_index = 1;
        return HSR_OK;
    }
    fd->pending_index = 0;
    return fd->frame(fd->ctx, &f, lines->lineno);
}

hsr_status_t hsr_feed_end(hsr_feed_t *fd, const ek_lines_t *lines)
{
    if (fd->good == 0 && fd->bad > 0) {
        *fd->sum = fd->before; /* nothing of this input counts */
        return HSR_ERR_NOT_EK;
    }
    if (fd->pending_index && !fd->truncated) {
        hsr_feed_warn(fd, lines->lineno, "ends after an index line without its record: input truncated");
        fd->truncated = 1;
    }
    fd->sum->inputs++;
    fd->sum->truncated_inputs += fd->truncated;
    return HSR_OK;
}

/* What a plain run does with each frame: count it, or write it as a row. */
typedef struct {
    agg_state_t *st;
    size_t sensor;
    const hsr_diag_t *d;
    uint64_t seq;
} plain_t;

static hsr_status_t plain_frame(void *ctx, const hsr_frame_t *f, uint64_t line)
{
    plain_t *pl = ctx;
    (void)line;
    pl->seq++;
    if (!pl->d->rows)
        return agg_state_add(pl->st, f, pl->sensor);
    /* --rows: the frame's facts as a row, when it is towards a sensor. */
    agg_facts_t x;
    hsr_status_t s = agg_frame_facts(pl->st, f, pl->sensor, &x);
    if (s == HSR_OK && x.towards)
        out_rows_write(pl->d->rows, pl->st, pl->d->rows_id, pl->seq, &x);
    return s;
}

static hsr_status_t read_lines(agg_state_t *st, ek_parser_t *p, ek_lines_t *lines,
                               const char *name, size_t sensor, const hsr_diag_t *d)
{
    plain_t pl = {st, sensor, d, 0};
    hsr_feed_t fd;
    hsr_feed_init(&fd, p, name, &st->sum, d, plain_frame, &pl);
    while (!fd.done) {
        const char *line = NULL;
        size_t len = 0;
        hsr_status_t s = ek_lines_next(lines, &line, &len);
        if ((s = hsr_feed_line(&fd, lines, s, line, len)) != HSR_OK)
            return s;
    }
    return hsr_feed_end(&fd, lines);
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

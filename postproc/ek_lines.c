/*
 * ek_lines.c - chunked line splitter, see ek_lines.h.
 */
#include "ek_lines.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hsr_limits.h"

hsr_status_t ek_lines_init_fd(ek_lines_t *r, int fd)
{
    memset(r, 0, sizeof(*r));
    r->fd = fd;
    r->cap = HSR_READ_CHUNK;
    r->buf = malloc(r->cap);
    return r->buf ? HSR_OK : HSR_ERR_NOMEM;
}

hsr_status_t ek_lines_init_follow(ek_lines_t *r, int fd)
{
    hsr_status_t s = ek_lines_init_fd(r, fd);
    r->follow = 1;
    return s;
}

void ek_lines_readable(ek_lines_t *r)
{
    r->can_read = 1;
}

void ek_lines_init_mem(ek_lines_t *r, const char *data, size_t len)
{
    memset(r, 0, sizeof(*r));
    r->fd = -1;
    r->mem = data;
    r->mem_len = len;
}

void ek_lines_free(ek_lines_t *r)
{
    free(r->buf);
    r->buf = NULL;
}

/* Memory source: lines point straight into the caller's buffer. */
static hsr_status_t next_mem(ek_lines_t *r, const char **line, size_t *len)
{
    *line = NULL;
    *len = 0;
    if (r->mem_pos >= r->mem_len)
        return HSR_OK;
    const char *s = r->mem + r->mem_pos;
    size_t left = r->mem_len - r->mem_pos;
    const char *nl = memchr(s, '\n', left);
    size_t n = nl ? (size_t)(nl - s) : left;
    r->mem_pos += nl ? n + 1 : n;
    r->lineno++;
    r->unterminated = nl == NULL;
    if (n > HSR_MAX_LINE)
        return HSR_ERR_LINE_TOO_LONG;
    if (n > 0 && s[n - 1] == '\r')
        n--;
    *line = s;
    *len = n;
    return HSR_OK;
}

/* Reads more bytes after buf[end]; sets eof at end of input or on error.
 * A followed input reads only when allowed, else sets again. */
static void fill(ek_lines_t *r)
{
    if (r->follow && !r->can_read) {
        r->again = 1;
        return;
    }
    r->can_read = 0;
    for (;;) {
        ssize_t got = read(r->fd, r->buf + r->end, r->cap - r->end);
        if (got > 0) {
            r->end += (size_t)got;
            return;
        }
        if (got < 0 && r->follow && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) {
            r->can_read = errno == EINTR; /* interrupted: the data is still there */
            r->again = 1;
            return;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            r->read_errno = errno;
        r->eof = 1;
        return;
    }
}

/* Drops bytes up to and including the next LF (or to end of input);
 * HSR_AGAIN when a followed input has no more yet (r->skipping stays). */
static hsr_status_t skip_rest_of_line(ek_lines_t *r)
{
    for (;;) {
        char *nl = memchr(r->buf + r->scan, '\n', r->end - r->scan);
        if (nl) {
            r->start = r->scan = (size_t)(nl - r->buf) + 1;
            r->skipping = 0;
            return HSR_OK;
        }
        r->start = r->scan = r->end = 0;
        if (r->eof) {
            r->skipping = 0;
            return HSR_OK;
        }
        fill(r);
        if (r->again) {
            r->again = 0;
            return HSR_AGAIN;
        }
    }
}

hsr_status_t ek_lines_next(ek_lines_t *r, const char **line, size_t *len)
{
    if (r->fd < 0)
        return next_mem(r, line, len);
    *line = NULL;
    *len = 0;
    if (r->skipping && skip_rest_of_line(r) == HSR_AGAIN)
        return HSR_AGAIN;
    for (;;) {
        char *nl = memchr(r->buf + r->scan, '\n', r->end - r->scan);
        if (nl) {
            size_t n = (size_t)(nl - (r->buf + r->start));
            const char *s = r->buf + r->start;
            r->start = r->scan = (size_t)(nl - r->buf) + 1;
            r->lineno++;
            r->unterminated = 0;
            if (n > 0 && s[n - 1] == '\r')
                n--;
            *line = s;
            *len = n;
            return HSR_OK;
        }
        r->scan = r->end;
        if (r->eof) {
            if (r->start == r->end)
                return r->read_errno ? HSR_ERR_IO : HSR_OK;
            size_t n = r->end - r->start;
            const char *s = r->buf + r->start;
            r->start = r->scan = r->end;
            r->lineno++;
            r->unterminated = 1;
            if (n > 0 && s[n - 1] == '\r')
                n--;
            *line = s;
            *len = n;
            return HSR_OK;
        }
        /* No LF in the buffer: make room, then read more. */
        if (r->start > 0) {
            memmove(r->buf, r->buf + r->start, r->end - r->start);
            r->end -= r->start;
            r->scan -= r->start;
            r->start = 0;
        }
        if (r->end == r->cap) {
            if (r->cap > HSR_MAX_LINE) {
                /* Reported now; its rest is dropped by the next calls. */
                r->lineno++;
                r->unterminated = 0;
                r->skipping = 1;
                return HSR_ERR_LINE_TOO_LONG;
            }
            size_t ncap = r->cap * 2;
            if (ncap > HSR_MAX_LINE + 1)
                ncap = HSR_MAX_LINE + 1;
            char *nb = realloc(r->buf, ncap);
            if (!nb)
                return HSR_ERR_NOMEM;
            r->buf = nb;
            r->cap = ncap;
        }
        fill(r);
        if (r->again) {
            r->again = 0;
            return HSR_AGAIN;
        }
    }
}

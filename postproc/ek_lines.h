/*
 * ek_lines.h - splits an input (file descriptor or memory) into lines.
 *
 * Reads in chunks of HSR_READ_CHUNK and hands out each line without its LF
 * or CRLF, numbered from 1.  A last line without LF is still returned (and
 * flagged).  A line longer than HSR_MAX_LINE is skipped whole and reported as
 * HSR_ERR_LINE_TOO_LONG; memory stays bounded by that limit.
 *
 * A followed input (ek_lines_init_follow, --follow) never blocks: it reads
 * only after ek_lines_readable() (the caller's poll() said so), once, and
 * otherwise answers HSR_AGAIN when no complete line is left in its buffer.
 */
#ifndef EK_LINES_H
#define EK_LINES_H

#include <stddef.h>
#include <stdint.h>

#include "hsr_status.h"

typedef struct {
    int fd;               /* -1 when reading from memory */
    const char *mem;      /* memory source */
    size_t mem_len, mem_pos;
    char *buf;            /* owned buffer (fd source) */
    size_t cap, start, end, scan;
    int eof;
    int read_errno;       /* errno of a failed read, 0 if none */
    uint64_t lineno;      /* number of the line last returned */
    int unterminated;     /* the line last returned had no LF */
    int skipping;         /* dropping the rest of a line longer than HSR_MAX_LINE */
    int follow;           /* read only when can_read (ek_lines_init_follow) */
    int can_read;         /* one read() will not block */
    int again;            /* the last fill read nothing yet */
} ek_lines_t;

/* Reads from fd (not closed by ek_lines_free). */
hsr_status_t ek_lines_init_fd(ek_lines_t *r, int fd);
/* The same for an endless input the caller polls: see ek_lines_readable. */
hsr_status_t ek_lines_init_follow(ek_lines_t *r, int fd);
/* poll() says r's fd is readable (or at its end): the next fill may read once. */
void ek_lines_readable(ek_lines_t *r);
/* Reads from data[0..len) (not copied; must outlive r). */
void ek_lines_init_mem(ek_lines_t *r, const char *data, size_t len);
void ek_lines_free(ek_lines_t *r);

/*
 * Next line: HSR_OK with *line and *len set (valid until the next call), or
 * HSR_OK with *line NULL at the end of input; HSR_ERR_LINE_TOO_LONG for a
 * skipped line (r->lineno is its number); HSR_ERR_IO on a read error (errno
 * in r->read_errno; the input is then at its end); HSR_ERR_NOMEM; and for
 * a followed input HSR_AGAIN: no complete line until it is readable again.
 */
hsr_status_t ek_lines_next(ek_lines_t *r, const char **line, size_t *len);

#endif /* EK_LINES_H */

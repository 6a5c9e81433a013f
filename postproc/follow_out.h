/*
 * follow_out.h - where --follow writes: reports appended to -o FILE (or
 * stdout) one bucket at a time, reopened after a log rotation; each
 * emitted bucket's state as a file of its own (--bucket-states).
 */
#ifndef FOLLOW_OUT_H
#define FOLLOW_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "follow_buckets.h"

typedef struct {
    const char *path; /* -o FILE; NULL: stdout */
    int fd;
    uint64_t written; /* reports appended to this fd */
} fo_report_t;

/* Opens -o FILE for appending (created 0644), or takes stdout; HSR_ERR_IO
 * with errno on failure. */
hsr_status_t fo_open(fo_report_t *r, const char *path);
/* SIGHUP: the file may have been moved away (logrotate); open the name again. */
hsr_status_t fo_reopen(fo_report_t *r);
void fo_close(fo_report_t *r);

/* Appends one rendered report in one write, so a reader never sees half a
 * bucket.  A CSV header row (up to its CRLF) is kept only at the start of
 * the file (a new or rotated one; stdout: the first report). */
hsr_status_t fo_append(fo_report_t *r, const char *buf, size_t len, int csv);

/* Saves b's state as DIR/<label>.state (2024-03-01T15-00.state,
 * unknown-<now_s>.state), atomically, never over an existing file (then
 * <label>-1.state, -2...).  The name used goes to path. */
hsr_status_t fo_save_state(const char *dir, const fb_bucket_t *b, int64_t now_s, char *path,
                           size_t n);

/* A whole file into *data (malloc'd, to free); HSR_ERR_IO with errno
 * (ENOENT: there is none). */
hsr_status_t fo_slurp(const char *path, char **data, size_t *len);

#endif /* FOLLOW_OUT_H */

/*
 * follow_out.c - --follow's outputs, see follow_out.h.
 */
#include "follow_out.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agg_save.h"
#include "out_file.h"

hsr_status_t fo_open(fo_report_t *r, const char *path)
{
    r->path = path;
    r->written = 0;
    r->fd = path ? open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644) : 1;
    return r->fd < 0 ? HSR_ERR_IO : HSR_OK;
}

hsr_status_t fo_reopen(fo_report_t *r)
{
    if (!r->path)
        return HSR_OK;
    int fd = open(r->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return HSR_ERR_IO;
    close(r->fd);
    r->fd = fd;
    r->written = 0;
    return HSR_OK;
}

void fo_close(fo_report_t *r)
{
    if (r->path && r->fd >= 0)
        close(r->fd);
    r->fd = -1;
}

static hsr_status_t write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return HSR_ERR_IO;
        p += w;
        n -= (size_t)w;
    }
    return HSR_OK;
}

hsr_status_t fo_append(fo_report_t *r, const char *buf, size_t len, int csv)
{
    if (csv) {
        struct stat st;
        int fresh = r->path ? fstat(r->fd, &st) == 0 && st.st_size == 0 : r->written == 0;
        const char *body = fresh ? NULL : memchr(buf, '\n', len);
        if (body) {
            len -= (size_t)(body + 1 - buf);
            buf = body + 1;
        }
    }
    hsr_status_t s = write_all(r->fd, buf, len);
    r->written += s == HSR_OK;
    return s;
}

/* "2024-03-01 15:00" -> "2024-03-01T15-00": no space or colon in a file name. */
static void file_label(const char *label, char *out, size_t n)
{
    size_t i = 0;
    for (; label[i] && i + 1 < n; i++)
        out[i] = label[i] == ' ' ? 'T' : label[i] == ':' ? '-' : label[i];
    out[i] = '\0';
}

hsr_status_t fo_save_state(const char *dir, const fb_bucket_t *b, int64_t now_s, char *path,
                           size_t n)
{
    char label[64], name[96];
    if (b->key == AGG_TIME_UNKNOWN) {
        snprintf(name, sizeof(name), "unknown-%" PRId64, now_s);
    } else {
        agg_bucket_label(&b->st.bucket, b->key, label, sizeof(label));
        file_label(label, name, sizeof(name));
    }
    struct stat st;
    int i = 0;
    for (;; i++) {
        if (i == 0)
            snprintf(path, n, "%s/%s.state", dir, name);
        else
            snprintf(path, n, "%s/%s-%d.state", dir, name, i);
        if (lstat(path, &st) != 0 && errno == ENOENT)
            break;
        if (i == 9999) {
            errno = EEXIST;
            return HSR_ERR_IO;
        }
    }
    out_file_t f;
    hsr_status_t s = out_file_open(&f, path);
    if (s != HSR_OK)
        return s;
    if ((s = agg_state_save(&b->st, f.f)) != HSR_OK) {
        out_file_abort(&f);
        return s;
    }
    return out_file_commit(&f);
}

hsr_status_t fo_slurp(const char *path, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return HSR_ERR_IO;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    hsr_status_t s = buf ? HSR_OK : HSR_ERR_NOMEM;
    while (s == HSR_OK) {
        if (n == cap) {
            char *nb = cap < SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
            if (!nb) {
                s = HSR_ERR_NOMEM;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            s = HSR_ERR_IO;
        else if (got == 0)
            break;
        else
            n += (size_t)got;
    }
    int saved = errno;
    close(fd);
    errno = saved;
    if (s != HSR_OK) {
        free(buf);
        return s;
    }
    *data = buf;
    *len = n;
    return HSR_OK;
}

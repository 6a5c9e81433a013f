/*
 * out_file.c - temp file + rename, see out_file.h.
 */
#define _GNU_SOURCE
#include "out_file.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

hsr_status_t out_file_open(out_file_t *o, const char *path)
{
    memset(o, 0, sizeof(*o));
    size_t n = strlen(path);
    o->path = strdup(path);
    o->tmp = malloc(n + 16);
    if (!o->path || !o->tmp) {
        out_file_abort(o);
        return HSR_ERR_NOMEM;
    }
    /* Same directory, so rename() is atomic. */
    snprintf(o->tmp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        free(o->tmp);
        o->tmp = NULL;
        out_file_abort(o);
        return HSR_ERR_IO;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    if (!(o->f = fdopen(fd, "w"))) {
        close(fd);
        out_file_abort(o);
        return HSR_ERR_IO;
    }
    return HSR_OK;
}

hsr_status_t out_file_commit(out_file_t *o)
{
    int ok = fflush(o->f) == 0 && !ferror(o->f) && fsync(fileno(o->f)) == 0;
    ok = (fclose(o->f) == 0) && ok;
    o->f = NULL;
    if (ok)
        ok = rename(o->tmp, o->path) == 0;
    if (!ok) {
        out_file_abort(o);
        return HSR_ERR_IO;
    }
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof(*o));
    return HSR_OK;
}

void out_file_abort(out_file_t *o)
{
    if (o->f)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof(*o));
}

/*
 * out_file.h - an output file that appears whole or not at all.
 *
 * Written to a temporary file in the same directory, then renamed over the
 * destination on commit; on abort (or any error) the temporary is removed,
 * so a failed run never leaves half a report.
 */
#ifndef OUT_FILE_H
#define OUT_FILE_H

#include <stdio.h>

#include "hsr_status.h"

typedef struct {
    char *path, *tmp;
    FILE *f;
} out_file_t;

/* Creates the temporary now, so an unwritable destination fails early. */
hsr_status_t out_file_open(out_file_t *o, const char *path);
/* Flushes, syncs and renames; the temporary is gone either way. */
hsr_status_t out_file_commit(out_file_t *o);
void out_file_abort(out_file_t *o);

#endif /* OUT_FILE_H */

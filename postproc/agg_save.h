/*
 * agg_save.h - writes and reads a state (--save-state, merge).
 *
 * A state file is line-oriented text, versioned on its first line:
 *
 *   honeyshark-report-state 1
 *   bucket 86400 1d
 *   tz Asia/Tokyo
 *   sensor-by input
 *   sensor <dynamic 0|1> <name> <address>...
 *   summary <count> <value>...
 *   strings <count>
 *   s <string>                 (one per string id; %XX escapes bytes <= ' ' and '%')
 *   map <name> <count>
 *   <key0> <key1> <key2> <counter>...
 *   end
 *
 * A database that aggregates frames itself (contrib/clickhouse) writes the
 * maps as rows instead: the same header, sensor and summary lines under the
 * first line "honeyshark-report-rows 1", then one line per entry,
 *
 *   <map name>\t<key0>\t<key1>\t<key2>\t<counter>...\t<counter>
 *
 * (every counter of the map; a string key word is "s:" then its text with
 * TabSeparated escapes; entries of the same key add up), then "end".
 *
 * Reading checks every count, id and index: a damaged or hostile file is
 * HSR_ERR_BAD_STATE with the line number, never a crash.
 */
#ifndef AGG_SAVE_H
#define AGG_SAVE_H

#include <stdint.h>
#include <stdio.h>

#include "agg_state.h"

hsr_status_t agg_state_save(const agg_state_t *st, FILE *out);

/* Reads a state from fd into *st (initialised here; free with
 * agg_state_free even on error).  On HSR_ERR_BAD_STATE, *line is the line
 * number at fault. */
hsr_status_t agg_state_load(int fd, agg_state_t *st, uint64_t *line);

/* Reads a state from memory (tests, fuzzing). */
hsr_status_t agg_state_load_mem(const char *data, size_t len, agg_state_t *st, uint64_t *line);

#endif /* AGG_SAVE_H */

/*
 * ek_record.h - reads one line of `tshark -T ek` into the fields the
 * reports use.
 *
 * Both layouts Wireshark 4.0 writes are understood: the full one
 * (layers.ip.ip_ip_src, values as strings, booleans or arrays of repeated
 * values) and the -e one (layers.ip_src: ["..."]).  Numbers, booleans and
 * arrays are accepted wherever a string is expected.  For a field that
 * appears several times (an array, or a key repeated in the object) the
 * first value is used, except grades (shellshock.grade, rce.grade), where the
 * highest counts.
 * A field that is absent or unreadable is "unknown", never zero.  The record
 * and the rules that fill it are frame_record.h's; this is the JSON side.
 */
#ifndef EK_RECORD_H
#define EK_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "frame_record.h"
#include "hsr_limits.h"
#include "hsr_status.h"

struct json_tokener;
struct json_object;

typedef enum {
    EK_FRAME, /* a packet record: hsr_frame_t filled */
    EK_INDEX, /* an Elasticsearch bulk index line ({"index":{...}}) */
    EK_BLANK  /* an empty or all-blank line */
} ek_kind_t;

typedef struct {
    struct json_tokener *tok;
    struct json_object *obj; /* the last line parsed, freed by the next */
} ek_parser_t;

hsr_status_t ek_parser_init(ek_parser_t *p);
void ek_parser_free(ek_parser_t *p);

/*
 * Parses line[0..len) (no LF).  HSR_OK with *kind set (and *f filled for
 * EK_FRAME), or HSR_ERR_JSON / HSR_ERR_TRAILING / HSR_ERR_NOT_OBJECT /
 * HSR_ERR_NO_LAYERS / HSR_ERR_BAD_LAYERS for a line that is not an ek record,
 * HSR_ERR_NUMBER_TOO_BIG for one whose numbers do not fit in 64 bits.
 */
hsr_status_t ek_parse(ek_parser_t *p, const char *line, size_t len, ek_kind_t *kind,
                      hsr_frame_t *f);

/* Highest value (1..3) of grade field id (HSR_F_GRADE, HSR_F_RCE_GRADE)
 * among every occurrence of its key in a JSON text, repeated keys
 * included; 0 if none; -1 if a grade is a number too big for 64 bits.
 * Exposed for tests. */
int ek_scan_grades(const char *text, size_t len, int id);

#endif /* EK_RECORD_H */

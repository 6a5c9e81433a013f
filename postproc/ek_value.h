/*
 * ek_value.h - conversions of ek values, shared by the record reader.
 *
 * Each takes a field's value (NULL when absent); an array stands for its
 * first element.  They return 1 with the result, 0 when there is no value,
 * -1 when there is one that cannot be read (counted as a bad value), and
 * HSR_TOO_BIG for a number that does not fit in 64 bits (the whole record is
 * then refused: such a value is forged, not merely unknown).
 */
#ifndef EK_VALUE_H
#define EK_VALUE_H

#include <stddef.h>
#include <stdint.h>

#include "ek_record.h"

#define HSR_TOO_BIG (-2)

struct json_object *ek_first(struct json_object *v);
int ek_is_scalar(struct json_object *v);
/* Decimal or 0x-hex integer text, or true/false: 1 ok, 0 not a number,
 * HSR_TOO_BIG beyond int64_t. */
int ek_parse_int_text(const char *s, size_t n, int64_t *out);
/* An integer in [lo, hi]. */
int ek_get_int(struct json_object *v, int64_t lo, int64_t hi, int64_t *out);
/* Text, cut at HSR_MAX_STRING; an empty string is no value. */
int ek_get_str(struct json_object *v, hsr_str_t *out);
/* Seconds since the epoch, rounded down, within +-AGG_TIME_MAX. */
int ek_get_epoch(struct json_object *v, int64_t *out);
/* Dotted quad exactly as inet_ntop prints it. */
int ek_ipv4_canonical(const char *s, size_t n);
/* Canonical IPv4/IPv6 text. */
int ek_get_addr(struct json_object *v, char out[HSR_MAX_ADDR]);

#endif /* EK_VALUE_H */

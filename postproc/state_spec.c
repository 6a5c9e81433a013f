/*
 * state_spec.c - "-z honeyshark,state,..." options, see state_spec.h.
 */
#include "state_spec.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* A sensor= value: NAME or NAME=ADDR+ADDR, checked as --sensor is. */
typedef struct {
    char name[HSR_MAX_SENSOR_NAME];
    char *addrs; /* "A,B" for agg_state_add_sensor, malloc'd; NULL for none */
} sensor_opt_t;

static hsr_status_t parse_sensor(const char *v, sensor_opt_t *s, char *err, size_t n)
{
    const char *eq = strchr(v, '=');
    size_t len = eq ? (size_t)(eq - v) : strlen(v);
    if (len == 0 || len >= sizeof(s->name))
        return hsr_fail(err, n, HSR_ERR_USAGE,
                    "sensor=%s: a sensor needs a name (up to %d characters)", v,
                    HSR_MAX_SENSOR_NAME - 1);
    memcpy(s->name, v, len);
    s->name[len] = '\0';
    if (!eq)
        return HSR_OK;
    if (!eq[1])
        return hsr_fail(err, n, HSR_ERR_USAGE, "sensor=%s: no address after '='", v);
    if (!(s->addrs = strdup(eq + 1)))
        return HSR_ERR_NOMEM;
    for (char *p = s->addrs; *p; p++)
        if (*p == '+')
            *p = ',';
    return HSR_OK;
}

hsr_status_t state_spec_parse(const char *text, agg_state_t *st, state_spec_t *spec, char *err,
                              size_t errlen)
{
    memset(st, 0, sizeof(*st));
    spec->path = NULL;
    spec->input_sensor = SIZE_MAX;
    err[0] = '\0';
    char *copy = strdup(text ? text : "");
    if (!copy)
        return HSR_ERR_NOMEM;

    agg_bucket_t bucket;
    agg_bucket_parse("1d", &bucket);
    const char *tz = "UTC";
    agg_sensor_by_t by = AGG_SENSOR_BY_INPUT;
    sensor_opt_t sensors[HSR_MAX_SENSORS];
    size_t nsensors = 0;
    hsr_status_t s = HSR_OK;
    char *save = NULL;
    char *opt = strtok_r(copy, ",", &save);
    if (!opt || strchr(opt, '=')) {
        s = hsr_fail(err, errlen, HSR_ERR_USAGE,
                 "honeyshark,state needs a file first: -z honeyshark,state,FILE[,OPTION=VALUE]...");
        goto out;
    }
    if (!(spec->path = strdup(opt))) {
        s = HSR_ERR_NOMEM;
        goto out;
    }
    while (s == HSR_OK && (opt = strtok_r(NULL, ",", &save))) {
        char *v = strchr(opt, '=');
        if (!v) {
            s = hsr_fail(err, errlen, HSR_ERR_USAGE, "%s: expected OPTION=VALUE", opt);
            break;
        }
        *v++ = '\0';
        if (strcmp(opt, "bucket") == 0) {
            if (agg_bucket_parse(v, &bucket) != HSR_OK)
                s = hsr_fail(err, errlen, HSR_ERR_BAD_BUCKET, "bucket=%s: %s", v,
                         hsr_strerror(HSR_ERR_BAD_BUCKET));
        } else if (strcmp(opt, "tz") == 0) {
            tz = v;
        } else if (strcmp(opt, "sensor-by") == 0) {
            if (strcmp(v, "dst") == 0)
                by = AGG_SENSOR_BY_DST;
            else if (strcmp(v, "input") == 0)
                by = AGG_SENSOR_BY_INPUT;
            else
                s = hsr_fail(err, errlen, HSR_ERR_USAGE, "sensor-by=%s: expected dst or input", v);
        } else if (strcmp(opt, "sensor") == 0) {
            if (nsensors >= HSR_MAX_SENSORS) {
                s = hsr_fail(err, errlen, HSR_ERR_TOO_MANY, "too many sensor= options (at most %d)",
                         HSR_MAX_SENSORS);
                break;
            }
            memset(&sensors[nsensors], 0, sizeof(sensors[0]));
            s = parse_sensor(v, &sensors[nsensors++], err, errlen);
        } else {
            s = hsr_fail(err, errlen, HSR_ERR_USAGE,
                     "%s=: unknown option (bucket, tz, sensor-by, sensor)", opt);
        }
    }
    if (s != HSR_OK)
        goto out;
    if (by == AGG_SENSOR_BY_INPUT && nsensors > 1) {
        s = hsr_fail(err, errlen, HSR_ERR_USAGE,
                 "one capture is one input: give one sensor=, or sensor-by=dst to name several");
        goto out;
    }
    if ((s = agg_state_init(st, &bucket, tz, by)) != HSR_OK) {
        if (s == HSR_ERR_BAD_ZONE)
            hsr_fail(err, errlen, s, "tz=%s: %s", tz, hsr_strerror(s));
        goto out;
    }
    for (size_t i = 0; i < nsensors; i++) {
        size_t idx;
        if ((s = agg_state_add_sensor(st, sensors[i].name, sensors[i].addrs, &idx)) != HSR_OK) {
            hsr_fail(err, errlen, s, "sensor=%s: %s", sensors[i].name, hsr_strerror(s));
            goto out;
        }
        if (by == AGG_SENSOR_BY_INPUT)
            spec->input_sensor = idx;
    }
out:
    for (size_t i = 0; i < nsensors; i++)
        free(sensors[i].addrs);
    free(copy);
    if (s != HSR_OK && !err[0])
        hsr_fail(err, errlen, s, "%s", hsr_strerror(s));
    return s;
}

void state_spec_free(state_spec_t *spec)
{
    free(spec->path);
    spec->path = NULL;
}

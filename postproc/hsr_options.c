/*
 * hsr_options.c - command-line parsing, see hsr_options.h.
 *
 * getopt_long in "return in order" mode ('-' first in optstring), because
 * --sensor labels the inputs that follow it.
 */
#include "hsr_options.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const hsr_format_names[HSR_FMT_COUNT] = {"table", "csv", "json", "html", "svg"};

enum {
    OPT_SENSOR_BY = 256, OPT_SAVE_STATE, OPT_FAMILY, OPT_ROWS, OPT_ROWS_ID, OPT_MAPS, OPT_FOLLOW,
    OPT_GRACE, OPT_CHECKPOINT, OPT_CHECKPOINT_EVERY, OPT_FLUSH, OPT_BUCKET_STATES
};

static const struct option long_opts[] = {
    {"report", required_argument, NULL, 'r'},  {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},  {"bucket", required_argument, NULL, 'b'},
    {"tz", required_argument, NULL, 'z'},      {"sensor", required_argument, NULL, 's'},
    {"sensor-by", required_argument, NULL, OPT_SENSOR_BY},
    {"top", required_argument, NULL, 'n'},     {"port", required_argument, NULL, 'p'},
    {"save-state", required_argument, NULL, OPT_SAVE_STATE},
    {"family", required_argument, NULL, OPT_FAMILY},
    {"rows", required_argument, NULL, OPT_ROWS},
    {"rows-id", required_argument, NULL, OPT_ROWS_ID},
    {"maps", no_argument, NULL, OPT_MAPS},
    {"follow", no_argument, NULL, OPT_FOLLOW}, {"grace", required_argument, NULL, OPT_GRACE},
    {"checkpoint", required_argument, NULL, OPT_CHECKPOINT},
    {"checkpoint-every", required_argument, NULL, OPT_CHECKPOINT_EVERY},
    {"flush", no_argument, NULL, OPT_FLUSH},
    {"bucket-states", required_argument, NULL, OPT_BUCKET_STATES},
    {"quiet", no_argument, NULL, 'q'},         {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},       {NULL, 0, NULL, 0},
};


static hsr_status_t add_input(hsr_opts_t *o, const char *path, size_t sensor)
{
    hsr_input_t *ni = realloc(o->inputs, (o->ninputs + 1) * sizeof(hsr_input_t));
    if (!ni)
        return HSR_ERR_NOMEM;
    o->inputs = ni;
    o->inputs[o->ninputs].path = path;
    o->inputs[o->ninputs].sensor = sensor;
    o->ninputs++;
    return HSR_OK;
}

static hsr_status_t parse_sensor(hsr_opts_t *o, char *arg, size_t *cur, char *err, size_t n)
{
    char *eq = strchr(arg, '=');
    if (eq)
        *eq = '\0';
    if (!*arg || strlen(arg) >= HSR_MAX_SENSOR_NAME || strchr(arg, ','))
        return hsr_fail(err, n, HSR_ERR_USAGE,
                    "--sensor %s: a sensor needs a name (up to 63 characters, no comma)", arg);
    if (eq && !eq[1])
        return hsr_fail(err, n, HSR_ERR_USAGE, "--sensor %s=: no address after '='", arg);
    if (o->nsensors >= HSR_MAX_SENSORS)
        return hsr_fail(err, n, HSR_ERR_TOO_MANY, "too many --sensor options (at most %d)", HSR_MAX_SENSORS);
    o->sensors[o->nsensors].name = arg;
    o->sensors[o->nsensors].addrs = eq ? eq + 1 : NULL;
    *cur = o->nsensors++;
    return HSR_OK;
}

static hsr_status_t parse_top(hsr_opts_t *o, const char *arg, char *err, size_t n)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (!*arg || *end || v < 0 || v > HSR_MAX_TOP)
        return hsr_fail(err, n, HSR_ERR_USAGE, "--top %s: expected a number from 0 (all) to 1000000",
                    arg);
    o->rep.top = (int)v;
    return HSR_OK;
}

/* --grace, --checkpoint-every: N[smhd], at least min seconds, at most a year. */
static hsr_status_t parse_duration(const char *opt, const char *arg, int64_t min, int64_t *secs,
                                   char *err, size_t n)
{
    if (!agg_duration_parse(arg, HSR_MAX_BUCKET, secs) || *secs < min)
        return hsr_fail(err, n, HSR_ERR_USAGE,
                        "%s %s: expected a duration N[smhd] from %llds to 366d, e.g. 90s, 5m, 1h",
                        opt, arg, (long long)min);
    return HSR_OK;
}

/* The options that only --follow takes: remembered, refused without it. */
static hsr_status_t parse_follow(hsr_opts_t *o, int c, char *arg, char *err, size_t n)
{
    static const char *const names[] = {"--grace", "--checkpoint", "--checkpoint-every",
                                        "--flush", "--bucket-states"};
    if (!o->follow_only)
        o->follow_only = names[c - OPT_GRACE];
    switch (c) {
    case OPT_GRACE: return parse_duration("--grace", arg, 0, &o->grace, err, n);
    case OPT_CHECKPOINT: o->checkpoint = arg; return HSR_OK;
    case OPT_CHECKPOINT_EVERY:
        return parse_duration("--checkpoint-every", arg, 1, &o->checkpoint_every, err, n);
    case OPT_FLUSH: o->flush = 1; return HSR_OK;
    default: o->bucket_states = arg; return HSR_OK;
    }
}

static hsr_status_t parse_one(hsr_opts_t *o, int c, char *arg, size_t *cur, char *err, size_t n)
{
    hsr_status_t s;
    switch (c) {
    case 1: return add_input(o, arg, *cur);
    case 'r': {
        int id = rep_lookup(arg);
        if (id < 0)
            return hsr_fail(err, n, HSR_ERR_USAGE,
                        "--report %s: unknown report (as-time, country, ports, timeline, grades, "
                        "as-ports, multiport, os, exploits)", arg);
        o->report = (rep_id_t)id;
        return HSR_OK;
    }
    case 'f':
        for (int i = 0; i < HSR_FMT_COUNT; i++)
            if (strcmp(arg, hsr_format_names[i]) == 0) {
                o->format = (hsr_format_t)i;
                return HSR_OK;
            }
        return hsr_fail(err, n, HSR_ERR_USAGE,
                        "--format %s: expected table, csv, json, html or svg", arg);
    case 'o': o->output = strcmp(arg, "-") == 0 ? NULL : arg; return HSR_OK;
    case OPT_SAVE_STATE: o->save_state = arg; return HSR_OK;
    case OPT_ROWS: o->rows = arg; return HSR_OK;
    case OPT_MAPS: o->maps = 1; return HSR_OK;
    case OPT_FOLLOW: o->follow = 1; return HSR_OK;
    case OPT_GRACE:
    case OPT_CHECKPOINT:
    case OPT_CHECKPOINT_EVERY:
    case OPT_FLUSH:
    case OPT_BUCKET_STATES: return parse_follow(o, c, arg, err, n);
    case OPT_ROWS_ID: {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(arg, &end, 10);
        if (!*arg || *end || errno || arg[0] == '-')
            return hsr_fail(err, n, HSR_ERR_USAGE, "--rows-id %s: expected a number", arg);
        o->rows_id = (uint64_t)v;
        return HSR_OK;
    }
    case 'b':
        if ((s = agg_bucket_parse(arg, &o->bucket)) != HSR_OK) {
            snprintf(err, n, "--bucket %s: %s", arg, hsr_strerror(s));
            return s;
        }
        o->bucket_given = 1;
        return HSR_OK;
    case 'z': o->tz = arg; o->tz_given = 1; return HSR_OK;
    case 's': return parse_sensor(o, arg, cur, err, n);
    case OPT_SENSOR_BY:
        if (strcmp(arg, "dst") == 0)
            o->sensor_by = AGG_SENSOR_BY_DST;
        else if (strcmp(arg, "input") == 0)
            o->sensor_by = AGG_SENSOR_BY_INPUT;
        else
            return hsr_fail(err, n, HSR_ERR_USAGE, "--sensor-by %s: expected dst or input", arg);
        return HSR_OK;
    case 'n': return parse_top(o, arg, err, n);
    case OPT_FAMILY:
        if (strcmp(arg, "shellshock") == 0)
            o->rep.family = AGG_FAM_SHELLSHOCK;
        else if (strcmp(arg, "rce") == 0)
            o->rep.family = AGG_FAM_RCE;
        else
            return hsr_fail(err, n, HSR_ERR_USAGE, "--family %s: expected shellshock or rce", arg);
        return HSR_OK;
    case 'p':
        if ((s = agg_port_parse(arg, &o->rep.port)) != HSR_OK) {
            snprintf(err, n, "--port %s: %s", arg, hsr_strerror(s));
            return s;
        }
        o->rep.has_port = 1;
        o->port_text = arg;
        return HSR_OK;
    case 'q': o->quiet = 1; return HSR_OK;
    case 'h': o->help = 1; return HSR_OK;
    case 'V': o->version = 1; return HSR_OK;
    }
    return HSR_ERR_USAGE;
}

/* What --follow cannot go with, and what only it takes. */
static hsr_status_t check_follow(const hsr_opts_t *o, char *err, size_t n)
{
    if (!o->follow)
        return o->follow_only ? hsr_fail(err, n, HSR_ERR_USAGE, "%s goes with --follow",
                                         o->follow_only)
                              : HSR_OK;
    if (o->merge)
        return hsr_fail(err, n, HSR_ERR_USAGE, "--follow reads an ek stream, not states to merge");
    if (o->rows || o->save_state)
        return hsr_fail(err, n, HSR_ERR_USAGE,
                        "--follow writes a report per bucket: not with %s (--bucket-states DIR "
                        "keeps each bucket's state)", o->rows ? "--rows" : "--save-state");
    if (o->format == HSR_FMT_HTML || o->format == HSR_FMT_SVG)
        return hsr_fail(err, n, HSR_ERR_USAGE,
                        "--follow appends a report per bucket: -f table, csv or json, not %s "
                        "(make pages from --bucket-states with merge)", hsr_format_names[o->format]);
    if (o->ninputs > 1)
        return hsr_fail(err, n, HSR_ERR_USAGE, "--follow reads one input (a file, a FIFO or -)");
    return HSR_OK;
}

hsr_status_t hsr_opts_parse(int argc, char **argv, hsr_opts_t *o, char *err, size_t errlen)
{
    memset(o, 0, sizeof(*o));
    o->report = REP_AS_TIME;
    o->format = HSR_FMT_TABLE;
    o->tz = "UTC";
    o->rep.top = -1;
    o->grace = 60;
    o->checkpoint_every = 300;
    agg_bucket_parse("1d", &o->bucket);
    err[0] = '\0';
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "merge") == 0) {
        o->merge = 1;
        first = 2;
    }
    size_t cur = SIZE_MAX;
    optind = 0; /* GNU: restart scanning (tests parse several command lines) */
    opterr = 0;
    int c;
    char **args = argv + first - 1;
    int nargs = argc - first + 1;
    hsr_status_t s = HSR_OK;
    while ((c = getopt_long(nargs, args, "-:r:f:o:b:z:s:n:p:qhV", long_opts, NULL)) != -1) {
        if (c == '?') {
            char opt[64];
            if (optopt)
                snprintf(opt, sizeof(opt), "-%c", optopt);
            else
                snprintf(opt, sizeof(opt), "%s", args[optind - 1]);
            return hsr_fail(err, errlen, HSR_ERR_USAGE, "unknown option %s", opt);
        }
        if (c == ':')
            return hsr_fail(err, errlen, HSR_ERR_USAGE, "option %s needs a value", args[optind - 1]);
        if ((s = parse_one(o, c, optarg, &cur, err, errlen)) != HSR_OK)
            return s;
    }
    if (o->help || o->version || o->maps)
        return HSR_OK;
    if ((s = check_follow(o, err, errlen)) != HSR_OK)
        return s;
    if (o->rows && (o->merge || o->output))
        return hsr_fail(err, errlen, HSR_ERR_USAGE, "--rows writes rows, not a report: it takes ek inputs, not merge or --output");
    if (o->merge) {
        if (o->nsensors || o->sensor_by != AGG_SENSOR_BY_INPUT)
            return hsr_fail(err, errlen, HSR_ERR_USAGE,
                        "merge: sensors are set when the states are made, not when merging");
        if (o->ninputs == 0)
            return hsr_fail(err, errlen, HSR_ERR_USAGE, "merge: give at least one state file");
        return HSR_OK;
    }
    /* A --sensor after the last input labels nothing, unless stdin is implied. */
    if (o->ninputs == 0)
        return add_input(o, "-", cur);
    if (cur != SIZE_MAX && o->sensor_by == AGG_SENSOR_BY_INPUT &&
        o->inputs[o->ninputs - 1].sensor != cur)
        return hsr_fail(err, errlen, HSR_ERR_USAGE,
                    "--sensor %s labels no input (it labels the inputs after it; use - for stdin)",
                    o->sensors[cur].name);
    return HSR_OK;
}

void hsr_opts_free(hsr_opts_t *o)
{
    free(o->inputs);
    o->inputs = NULL;
    o->ninputs = 0;
}

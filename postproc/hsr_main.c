/*
 * hsr_main.c - honeyshark-report's main(): options, inputs, outputs, exit
 * status.  Everything else lives in the hsr_report library.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agg_save.h"
#include "agg_schema.h"
#include "ek_record.h"
#include "hsr_follow.h"
#include "hsr_options.h"
#include "hsr_render.h"
#include "hsr_run.h"
#include "out_file.h"
#include "out_rows.h"

#define PROG "honeyshark-report"

enum {
    EXIT_OK = HSR_EXIT_OK,
    EXIT_INTERNAL = HSR_EXIT_INTERNAL,
    EXIT_USAGE = HSR_EXIT_USAGE,
    EXIT_TRUNCATED = HSR_EXIT_TRUNCATED
};

static void usage(FILE *out)
{
    fputs(
        "Usage: " PROG " [OPTION]... [--sensor NAME[=ADDR,...]] [FILE|-]...\n"
        "       " PROG " merge STATE... [OPTION]...\n"
        "       " PROG " --follow [OPTION]... [FILE|-]\n"
        "Aggregates `tshark -T ek` output (full or -e layout) from FILEs or stdin into\n"
        "tables per AS, country, port, grade and time bucket.\n"
        "\n"
        "Reports (-r, --report NAME; default as-time):\n",
        out);
    for (int r = 0; r < REP_COUNT; r++) { /* from the registry, rep_registry.c */
        const char *h = rep_info[r].help;
        fprintf(out, "  %-10s ", rep_info[r].name);
        for (const char *nl; (nl = strchr(h, '\n')) != NULL; h = nl + 1)
            fprintf(out, "%.*s\n%13s", (int)(nl - h), h, "");
        fprintf(out, "%s\n", h);
    }
    fputs(
        "\n"
        "Options:\n"
        "  -f, --format FMT      table (default), csv (RFC 4180), json, html (one\n"
        "                        self-contained page with every report, its charts and\n"
        "                        its table), or svg (the charts of one report, alone)\n"
        "  -o, --output FILE     write there (atomically) instead of stdout; with --follow,\n"
        "                        append to it\n"
        "  -b, --bucket N[smhd]  time bucket, e.g. 1h, 6h, 1d (default), 7d (weeks start\n"
        "                        Monday); under a day it must divide 24h\n"
        "  -z, --tz ZONE         IANA zone for buckets and day boundaries (default UTC),\n"
        "                        e.g. Asia/Tokyo; DST days last 23 or 25 hours\n"
        "  -s, --sensor NAME[=ADDR,...]\n"
        "                        label the inputs that follow (stdin if none follow) as\n"
        "                        sensor NAME; with addresses, only frames towards them\n"
        "                        count.  Sensors become side-by-side columns\n"
        "      --sensor-by dst   the sensor of a frame is its destination address (named\n"
        "                        by --sensor NAME=ADDR if given; others then not counted)\n"
        "  -n, --top N           rows to show (0 = all; the rest are summed as \"other\")\n"
        "  -p, --port P          23 (TCP), tcp/23, udp/53, icmp: for timeline and multiport\n"
        "      --family F        whose attempts the grade columns (ss_*, rce_*) count:\n"
        "                        shellshock (default) or rce (command injection, rce.*)\n"
        "      --save-state FILE also write the aggregate state, for `merge`\n"
        "      --rows FILE       no report: each counted frame as a TabSeparatedWithNames\n"
        "                        row (- for stdout), for a database (contrib/clickhouse);\n"
        "                        --save-state then keeps only what was read (the summary)\n"
        "      --rows-id N       the rows' input_id column (default 0)\n"
        "      --maps            print the aggregates (state maps) that -r REPORT (or -f\n"
        "                        html: every report) reads, one per line, and exit\n"
        "  -q, --quiet           no per-line warnings (the summary line stays)\n"
        "      --follow          read one endless ek stream (stdin, a FIFO or a file) as it\n"
        "                        comes and append each time bucket's report (-f table,\n"
        "                        csv or json) once the bucket has closed: when a frame\n"
        "                        past its end + --grace arrives or, the input silent, that\n"
        "                        long after by the clock.  At the end of input or on\n"
        "                        SIGTERM/SIGINT the open buckets are written; SIGHUP\n"
        "                        reopens -o FILE (log rotation)\n"
        "      --grace DURATION  how long a bucket waits for frames after its end\n"
        "                        (N[smhd], default 1m); a frame of a bucket already written\n"
        "                        is late: warned about and counted, never added\n"
        "      --checkpoint FILE keep the open buckets in FILE (every --checkpoint-every,\n"
        "                        after a bucket is written, and at the end instead of\n"
        "                        writing them); a run that finds FILE goes on from it\n"
        "      --checkpoint-every DURATION\n"
        "                        how often the checkpoint is written (default 5m)\n"
        "      --flush           with --checkpoint: write the open buckets at the end\n"
        "                        anyway (the stream has really ended)\n"
        "      --bucket-states DIR  also save each bucket written as DIR/BUCKET.state:\n"
        "                        `merge DIR/*.state` reports on the whole stream\n"
        "  -h, --help            this help;  -V, --version  the version\n"
        "      --fields          (alone) print the fields read, one per line, as tshark -e\n"
        "                        takes them, and exit: the -e layout needs only these\n"
        "\n"
        "merge STATE... combines states saved with --save-state or written by the\n"
        "plugin's tap (tshark -q -z honeyshark,state,FILE[,bucket=,tz=,sensor-by=,sensor=])\n"
        "with the same --bucket, --tz and --sensor-by, and prints any report of them:\n"
        "exactly what one run over all the inputs would print.\n"
        "\n"
        "Examples:\n"
        "  tshark -r cap.pcap -T ek | " PROG "\n"
        "  tshark -r cap.pcap -T ek $(" PROG " --fields | sed 's/^/-e /') \\\n"
        "      | " PROG " -r country --tz Asia/Tokyo\n"
        "  " PROG " -r timeline -b 1h -p 23 day1.ek day2.ek\n"
        "  " PROG " -r exploits all.ek;  " PROG " -r grades --family rce all.ek\n"
        "  " PROG " -r country --sensor tokyo=192.0.2.10 a.ek --sensor osaka=198.51.100.7 b.ek\n"
        "  " PROG " -f html -o report.html --tz Asia/Tokyo all.ek\n"
        "  " PROG " merge c.state -f svg -r grades -o fig.svg;  rsvg-convert -o fig.png fig.svg\n"
        "  " PROG " --save-state a.state a.ek;  " PROG " merge a.state b.state -r ports\n"
        "  tshark -q -r cap.pcap -z honeyshark,state,c.state;  " PROG " merge c.state\n"
        "  tshark -i eth0 -l -T ek $(" PROG " --fields | sed 's/^/-e /') \\\n"
        "      | " PROG " --follow -b 1h -f csv -o /var/log/honeyshark/as-time.csv \\\n"
        "          --checkpoint /var/lib/honeyshark/follow.ckpt\n"
        "\n"
        "Malformed lines are reported as FILE:LINE: reason, skipped and counted.\n"
        "Exit status: 0 report written (malformed lines may have been skipped);\n"
        "1 internal error or out of memory; 2 bad command line, zone or bucket, input\n"
        "unreadable or not tshark -T ek, bad state file, or output not writable (nothing\n"
        "is written); 3 report written, but an input was truncated (it says so).\n"
        "With --follow: 0 at the end of input or on a signal, 2 also for a damaged\n"
        "checkpoint or one of other settings (FILE:LINE: why; nothing is written).\n",
        out);
}

/* --fields: what tshark -e must ask for, from the reader's own table. */
static int print_fields(void)
{
    for (size_t i = 0; hsr_field(i); i++)
        if (!hsr_field(i)->carried)
            puts(hsr_field(i)->name);
    return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_USAGE;
}

/* --maps: the aggregates (state maps) the report asked for reads, one per
 * line; every report's for html.  A database that builds a state for it
 * (contrib/clickhouse) need only fill these. */
static int print_maps(const hsr_opts_t *o)
{
    uint32_t maps = 1u << AGG_DB_DATE; /* every report's footer */
    for (int r = 0; r < REP_COUNT; r++)
        if (o->format == HSR_FMT_HTML || r == (int)o->report)
            maps |= rep_info[r].maps;
    for (int m = 0; m < AGG_NMAPS; m++)
        if (maps & (1u << m))
            puts(agg_schema[m].name);
    return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_USAGE;
}

static int usage_error(const char *msg)
{
    fprintf(stderr, PROG ": %s\nTry '" PROG " --help'.\n", msg);
    return EXIT_USAGE;
}

static int status_exit(hsr_status_t s)
{
    return s == HSR_ERR_NOMEM ? EXIT_INTERNAL : EXIT_USAGE;
}

/* Reads every ek input; returns an exit status, EXIT_OK to go on. */
static int read_inputs(agg_state_t *st, const hsr_opts_t *o, FILE *rows)
{
    size_t idx[HSR_MAX_SENSORS];
    for (size_t i = 0; i < o->nsensors; i++) {
        hsr_status_t s = agg_state_add_sensor(st, o->sensors[i].name, o->sensors[i].addrs, &idx[i]);
        if (s != HSR_OK) {
            fprintf(stderr, PROG ": --sensor %s=%s: %s\n", o->sensors[i].name,
                    o->sensors[i].addrs ? o->sensors[i].addrs : "", hsr_strerror(s));
            return status_exit(s);
        }
    }
    ek_parser_t p;
    if (ek_parser_init(&p) != HSR_OK)
        return EXIT_INTERNAL;
    hsr_diag_t d = {o->quiet ? NULL : stderr, PROG, rows, o->rows_id};
    int rc = EXIT_OK;
    for (size_t i = 0; i < o->ninputs && rc == EXIT_OK; i++) {
        const char *path = o->inputs[i].path;
        int is_stdin = strcmp(path, "-") == 0;
        int fd = is_stdin ? 0 : open(path, O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, PROG ": cannot read %s: %s\n", path, strerror(errno));
            rc = EXIT_USAGE;
            break;
        }
        size_t sensor = o->inputs[i].sensor == SIZE_MAX ? SIZE_MAX : idx[o->inputs[i].sensor];
        hsr_status_t s = hsr_read_input(st, &p, fd, is_stdin ? "(stdin)" : path, sensor, &d);
        if (!is_stdin)
            close(fd);
        if (s != HSR_OK) {
            fprintf(stderr, PROG ": %s: %s\n", is_stdin ? "(stdin)" : path, hsr_strerror(s));
            rc = status_exit(s);
        }
    }
    ek_parser_free(&p);
    return rc;
}

/* Loads and merges state files; returns an exit status. */
static int merge_states(agg_state_t *acc, int *have, const hsr_opts_t *o)
{
    for (size_t i = 0; i < o->ninputs; i++) {
        const char *path = o->inputs[i].path;
        int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, PROG ": cannot read %s: %s\n", path, strerror(errno));
            return EXIT_USAGE;
        }
        agg_state_t one;
        uint64_t line;
        hsr_status_t s = agg_state_load(fd, &one, &line);
        if (fd)
            close(fd);
        if (s == HSR_OK && (o->bucket_given && one.bucket.secs != o->bucket.secs))
            s = HSR_ERR_STATE_MISMATCH;
        if (s == HSR_OK && o->tz_given) {
            agg_tz_t tz;
            if (agg_tz_open(&tz, o->tz) != HSR_OK || strcmp(tz.name, one.tz.name) != 0)
                s = HSR_ERR_STATE_MISMATCH;
        }
        if (s == HSR_OK && *have)
            s = agg_state_merge(acc, &one);
        if (s != HSR_OK) {
            if (s == HSR_ERR_BAD_STATE)
                fprintf(stderr, PROG ": %s:%llu: %s\n", path, (unsigned long long)line,
                        hsr_strerror(s));
            else if (s == HSR_ERR_STATE_MISMATCH)
                fprintf(stderr, PROG ": %s: made with --bucket %s --tz %s: %s\n", path,
                        one.bucket.spec, one.tz.name, hsr_strerror(s));
            else
                fprintf(stderr, PROG ": %s: %s\n", path, hsr_strerror(s));
            agg_state_free(&one);
            return status_exit(s);
        }
        if (*have) {
            agg_state_free(&one);
        } else {
            *acc = one;
            *have = 1;
        }
    }
    return EXIT_OK;
}

/* Renders into memory first, so stdout gets a whole report or nothing. */
static int write_report(const agg_state_t *st, const hsr_opts_t *o, out_file_t *of)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return EXIT_INTERNAL;
    hsr_status_t s = hsr_render(mem, st, o);
    if (fclose(mem) != 0 && s == HSR_OK)
        s = HSR_ERR_NOMEM;
    if (s != HSR_OK) {
        free(buf);
        fprintf(stderr, PROG ": %s\n", hsr_strerror(s));
        return EXIT_INTERNAL;
    }
    FILE *out = of->f ? of->f : stdout;
    int ok = fwrite(buf, 1, len, out) == len && fflush(out) == 0;
    free(buf);
    if (!ok) {
        fprintf(stderr, PROG ": cannot write %s: %s\n", o->output ? o->output : "stdout",
                strerror(errno));
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

static int open_output(out_file_t *f, const char *path, const char *what)
{
    if (!path)
        return EXIT_OK;
    hsr_status_t s = out_file_open(f, path);
    if (s != HSR_OK) {
        fprintf(stderr, PROG ": cannot write %s %s: %s\n", what, path, strerror(errno));
        return status_exit(s);
    }
    return EXIT_OK;
}

static void summary_line(const agg_state_t *st)
{
    const agg_summary_t *s = &st->sum;
    if (!s->malformed_lines && !s->truncated_inputs)
        return;
    fprintf(stderr,
            PROG ": %llu frames read, %llu malformed line%s skipped%s; the report is incomplete\n",
            (unsigned long long)s->frames_read, (unsigned long long)s->malformed_lines,
            s->malformed_lines == 1 ? "" : "s", s->truncated_inputs ? ", input truncated" : "");
}

int main(int argc, char **argv)
{
    hsr_opts_t o;
    char err[512];
    if (argc == 2 && strcmp(argv[1], "--fields") == 0)
        return print_fields();
    hsr_status_t s = hsr_opts_parse(argc, argv, &o, err, sizeof(err));
    if (s != HSR_OK) {
        hsr_opts_free(&o);
        for (int i = 1; i < argc; i++)
            if (strcmp(argv[i], "--fields") == 0)
                return usage_error("--fields is given alone");
        return usage_error(err[0] ? err : hsr_strerror(s));
    }
    if (o.maps) {
        int rc = print_maps(&o);
        hsr_opts_free(&o);
        return rc;
    }
    if (o.help || o.version) {
        if (o.help)
            usage(stdout);
        else
            printf(PROG " %s (honeyshark)\n", HONEYSHARK_VERSION);
        hsr_opts_free(&o);
        return fflush(stdout) == 0 ? EXIT_OK : EXIT_USAGE;
    }
    agg_state_t st;
    int have = 0, rc = EXIT_OK;
    out_file_t report = {0}, state = {0};
    FILE *rows = NULL;
    memset(&st, 0, sizeof(st));
    if (!o.merge) {
        s = agg_state_init(&st, &o.bucket, o.tz, o.sensor_by);
        have = 1;
        if (s != HSR_OK) {
            snprintf(err, sizeof(err), "--tz %s: %s", o.tz, hsr_strerror(s));
            rc = s == HSR_ERR_BAD_ZONE ? usage_error(err) : status_exit(s);
            goto done;
        }
        if (o.follow) { /* its own outputs, one report per bucket */
            rc = hsr_follow(&o, PROG);
            goto done;
        }
    } else if (o.tz_given) {
        agg_tz_t tz;
        if (agg_tz_open(&tz, o.tz) != HSR_OK) {
            snprintf(err, sizeof(err), "--tz %s: %s", o.tz, hsr_strerror(HSR_ERR_BAD_ZONE));
            rc = usage_error(err);
            goto done;
        }
    }
    if ((rc = open_output(&report, o.output, "report")) != EXIT_OK ||
        (rc = open_output(&state, o.save_state, "state")) != EXIT_OK)
        goto done;
    if (o.rows) {
        rows = strcmp(o.rows, "-") == 0 ? stdout : fopen(o.rows, "w");
        if (!rows) {
            fprintf(stderr, PROG ": cannot write rows %s: %s\n", o.rows, strerror(errno));
            rc = EXIT_USAGE;
            goto done;
        }
        fprintf(rows, "%s\n", out_rows_columns);
    }
    rc = o.merge ? merge_states(&st, &have, &o) : read_inputs(&st, &o, rows);
    if (rc != EXIT_OK)
        goto done;
    if (rows) {
        int bad = ferror(rows) || fflush(rows) != 0;
        if (rows != stdout && fclose(rows) != 0)
            bad = 1;
        rows = NULL;
        if (bad) {
            fprintf(stderr, PROG ": cannot write rows %s: %s\n", o.rows, strerror(errno));
            rc = EXIT_USAGE;
            goto done;
        }
    } else if ((rc = write_report(&st, &o, &report)) != EXIT_OK) {
        goto done;
    }
    if (state.f && agg_state_save(&st, state.f) != HSR_OK) {
        fprintf(stderr, PROG ": cannot write state %s: %s\n", o.save_state, strerror(errno));
        rc = EXIT_USAGE;
        goto done;
    }
    if (state.f && out_file_commit(&state) != HSR_OK) {
        fprintf(stderr, PROG ": cannot write state %s: %s\n", o.save_state, strerror(errno));
        rc = EXIT_USAGE;
        goto done;
    }
    if (report.f && out_file_commit(&report) != HSR_OK) {
        fprintf(stderr, PROG ": cannot write %s: %s\n", o.output, strerror(errno));
        rc = EXIT_USAGE;
        goto done;
    }
    summary_line(&st);
    rc = st.sum.truncated_inputs ? EXIT_TRUNCATED : EXIT_OK;
done:
    if (rows && rows != stdout)
        fclose(rows);
    out_file_abort(&report);
    out_file_abort(&state);
    if (have)
        agg_state_free(&st);
    hsr_opts_free(&o);
    return rc;
}

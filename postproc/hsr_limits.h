/*
 * hsr_limits.h - every cap honeyshark-report puts on its input and output.
 *
 * ek lines, state files and command lines can be hostile or simply huge.
 * Each limit below bounds memory or work; hitting one is reported (a warning
 * naming the file and line, or a clear error), never silent.
 */
#ifndef HSR_LIMITS_H
#define HSR_LIMITS_H

/* Longest ek line read; a longer one is skipped with a warning (a full-layout
 * frame of a 64 KiB packet is well under 1 MiB). */
#define HSR_MAX_LINE (64u * 1024u * 1024u)

/* Bytes read from an input at a time. */
#define HSR_READ_CHUNK (1024u * 1024u)

/* Nesting depth json-c accepts in one ek line (ek nests 4-6 deep). */
#define HSR_MAX_JSON_DEPTH 64

/* Non-empty lines looked at to decide that an input is not ek at all: if all
 * of the first HSR_SNIFF_LINES are unreadable the input is refused. */
#define HSR_SNIFF_LINES 8

/* Per-line warnings printed per input; the rest are only counted. */
#define HSR_MAX_WARNINGS 20

/* Longest string value kept (AS organisation, country name, OS label);
 * longer ones are cut. */
#define HSR_MAX_STRING 256

/* Longest address text kept (an IPv6 address with zone fits). */
#define HSR_MAX_ADDR 64

/* Sensors (columns) per report, and addresses per sensor. */
#define HSR_MAX_SENSORS 64
#define HSR_MAX_SENSOR_ADDRS 256

/* Longest sensor name. */
#define HSR_MAX_SENSOR_NAME 64

/* Bucket length bounds, in seconds (1 s .. 366 days). */
#define HSR_MIN_BUCKET 1
#define HSR_MAX_BUCKET (366LL * 86400LL)

/* Upper bound for --top. */
#define HSR_MAX_TOP 1000000

/* Defaults for --top when not given (0 means: every row). */
#define HSR_DEFAULT_TOP_AS_TIME 10   /* AS per bucket */
#define HSR_DEFAULT_TOP 20           /* rows of country, ports, multiport, grades */
#define HSR_TOP_PORTS_IN_CELL 3      /* "tcp/23:120 tcp/80:7 ..." in as-time */
#define HSR_AS_PORTS_PER_AS 10       /* ports shown per AS in as-ports */

/* A timeline shows the empty buckets between its first and last as zeros
 * when there are at most HSR_TIMELINE_FILL_FREE + HSR_TIMELINE_FILL_PER_ROW
 * per bucket with data (a year of hours is 8760): its output stays
 * proportional to the data, so one bogus timestamp cannot make millions of
 * rows. */
#define HSR_TIMELINE_FILL_FREE 10000
#define HSR_TIMELINE_FILL_PER_ROW 16

/* Rows a bar chart draws (the table lists them all). */
#define HSR_CHART_MAX_BARS 60

/* Lines or panels a time chart draws, the first ones in the table's order
 * (the busiest); the table lists the rest.  Also keeps drawing linear in
 * the rows: each group is one pass over them. */
#define HSR_CHART_MAX_GROUPS 24

/* Time buckets --follow keeps open at once (each its own state): a frame
 * that would open one more first emits the oldest early, so memory is
 * bounded by these buckets, never by the frames read.  A live stream has
 * one or two open; more come from frames out of time order. */
#define HSR_MAX_OPEN_BUCKETS 64

/* Longest line of a state file, and the most entries one may hold. */
#define HSR_MAX_STATE_LINE 4096
#define HSR_MAX_STATE_ENTRIES (1ULL << 34)

#endif /* HSR_LIMITS_H */

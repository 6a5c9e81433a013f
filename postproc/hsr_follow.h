/*
 * hsr_follow.h - honeyshark-report --follow: reads one endless ek stream
 * (tshark -i IFACE -l -T ek ...) as it arrives and writes each time
 * bucket's report once the bucket has closed (follow_buckets.h), keeps a
 * checkpoint to go on after a restart, and flushes at the end of input or
 * on SIGTERM/SIGINT; SIGHUP reopens -o FILE.
 */
#ifndef HSR_FOLLOW_H
#define HSR_FOLLOW_H

#include "hsr_options.h"

/* Runs until the input ends or a signal stops it; returns the exit status
 * (HSR_EXIT_*), having printed why it is not 0. */
int hsr_follow(const hsr_opts_t *o, const char *prog);

#endif /* HSR_FOLLOW_H */

/*
 * fuzz_checks.h - what every HTTP scanner's result must hold, whatever the
 * bytes (fuzz_http.c, fuzz_rce.c): the prefilter never rejects a request
 * the scanner finds something in, the count is the result's and within
 * the cap, every raw range lies inside the input, grades are one of the
 * three and lists within their caps.
 */
#ifndef FUZZ_CHECKS_H
#define FUZZ_CHECKS_H

#include <stdbool.h>
#include <stdlib.h>

#include "ss.h"

static inline void fuzz_check_result(const ss_result_t *res, size_t n, bool prefilter, size_t size)
{
    if (n > 0 && !prefilter)
        abort(); /* the prefilter dropped a real payload */
    if (n != res->n_payloads || n > SS_MAX_PAYLOADS)
        abort();
    for (size_t i = 0; i < n; i++) {
        const ss_payload_t *p = &res->payloads[i];
        if (p->raw_offset > size || p->raw_len > size - p->raw_offset)
            abort();
        if (p->grade < SS_GRADE_GREEN || p->grade > SS_GRADE_RED)
            abort();
        if (p->n_commands > SS_MAX_COMMANDS || p->n_urls > SS_MAX_IOCS || p->n_hosts > SS_MAX_IOCS)
            abort();
    }
}

#endif /* FUZZ_CHECKS_H */

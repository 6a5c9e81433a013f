/*
 * fuzz_rce.c - the command-injection scanner on arbitrary bytes.
 *
 * Besides "no crash, no out-of-bounds read" (ASan/UBSan), it checks that
 * the prefilter never rejects a request the scanner finds an injection in,
 * that every payload's raw range lies inside the input and its grade is
 * one of the three, and that the finder on the raw bytes stays in range.
 */
#include <stdint.h>
#include <stdlib.h>

#include "rce.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ss_rules_t *rules;
    static ss_result_t res;
    if (!rules) {
        rules = ss_rules_new();
        ss_result_init(&res);
    }
    bool maybe = rce_http_may_contain(data, size);
    size_t n = rce_scan_http_request(rules, data, size, &res);
    if (n > 0 && !maybe)
        abort(); /* the prefilter dropped a real injection */
    if (n != res.n_payloads || n > SS_MAX_PAYLOADS)
        abort();
    for (size_t i = 0; i < n; i++) {
        const ss_payload_t *p = &res.payloads[i];
        if (p->raw_offset > size || p->raw_len > size - p->raw_offset)
            abort();
        if (p->grade < SS_GRADE_GREEN || p->grade > SS_GRADE_RED || p->cves)
            abort();
        if (p->n_commands > SS_MAX_COMMANDS || p->n_urls > SS_MAX_IOCS || p->n_hosts > SS_MAX_IOCS)
            abort();
    }
    if (rce_find_injection(rules, (const char *)data, size) > size)
        abort();
    return 0;
}

/*
 * fuzz_rce.c - the command-injection scanner on arbitrary bytes.
 *
 * Besides "no crash, no out-of-bounds read" (ASan/UBSan), it checks that
 * the prefilter never rejects a request the scanner finds an injection in,
 * that every payload's raw range lies inside the input and its grade is
 * one of the three, and that the finder on the raw bytes stays in range.
 */
#include <stdint.h>

#include "fuzz_checks.h"
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
    fuzz_check_result(&res, n, maybe, size);
    rce_name_exploits(NULL, 0, data, size, &res);
    for (size_t i = 0; i < n; i++)
        if (res.payloads[i].cves)
            abort(); /* Shellshock's CVEs are never an injection's */
    if (rce_find_injection(rules, (const char *)data, size) > size)
        abort();
    return 0;
}

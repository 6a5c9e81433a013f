/*
 * fuzz_http.c - the HTTP scanner on arbitrary bytes.
 *
 * Besides "no crash, no out-of-bounds read" (ASan/UBSan), it checks two
 * properties: the prefilter never rejects a request the scanner would find
 * a payload in, and every payload's raw range lies inside the input.
 */
#include <stdint.h>

#include "fuzz_checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ss_rules_t *rules;
    static ss_result_t res;
    if (!rules) {
        rules = ss_rules_new();
        ss_result_init(&res);
    }
    bool maybe = ss_http_may_contain(data, size);
    size_t n = ss_scan_http_request(rules, data, size, &res);
    fuzz_check_result(&res, n, maybe, size);
    return 0;
}

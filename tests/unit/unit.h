/*
 * unit.h - the few helpers every CUnit test executable here shares.
 *
 * Each test file lists its cases in a CU_TestInfo array and ends with
 * HS_UNIT_MAIN("suite name", cases), or HS_UNIT_MAIN_FIXTURE(...) when the
 * suite needs set-up and tear-down.  The exit status is the number of
 * failed assertions (capped), so ctest sees any failure.
 */
#ifndef HS_UNIT_H
#define HS_UNIT_H

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

/* Runs one suite; init and cleanup (may be NULL) are CUnit's suite set-up
 * and tear-down, not test cases: a failed init counts as a failure. */
static inline int hs_unit_run_suite(const char *suite_name, CU_InitializeFunc init,
                                    CU_CleanupFunc cleanup, CU_TestInfo *tests)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 99;
    CU_SuiteInfo suites[] = {{suite_name, init, cleanup, NULL, NULL, tests}, CU_SUITE_INFO_NULL};
    if (CU_register_suites(suites) != CUE_SUCCESS) {
        fprintf(stderr, "cannot register suite: %s\n", CU_get_error_msg());
        CU_cleanup_registry();
        return 99;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    unsigned run = CU_get_number_of_tests_run();
    unsigned suites_failed = CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    if (suites_failed) {
        fprintf(stderr, "suite set-up or tear-down failed\n");
        return 96;
    }
    if (run == 0) {
        fprintf(stderr, "no test ran\n");
        return 98;
    }
    return failed > 95 ? 95 : (int)failed;
}

static inline int hs_unit_run(const char *suite_name, CU_TestInfo *tests)
{
    return hs_unit_run_suite(suite_name, NULL, NULL, tests);
}

#define HS_UNIT_MAIN(name, tests)                                                                  \
    int main(void) { return hs_unit_run(name, tests); }

/* The same with suite set-up and tear-down (int f(void), 0 on success). */
#define HS_UNIT_MAIN_FIXTURE(name, init, cleanup, tests)                                           \
    int main(void) { return hs_unit_run_suite(name, init, cleanup, tests); }

/* Asserts that two NUL-terminated strings are equal, printing both on failure. */
#define HS_ASSERT_STR(actual, expected)                                                            \
    do {                                                                                           \
        const char *hs_a_ = (actual), *hs_e_ = (expected);                                         \
        if (!hs_a_ || !hs_e_ || strcmp(hs_a_, hs_e_) != 0)                                         \
            fprintf(stderr, "\n  %s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__,            \
                    hs_a_ ? hs_a_ : "(null)", hs_e_ ? hs_e_ : "(null)");                           \
        CU_ASSERT_PTR_NOT_NULL(hs_a_);                                                             \
        CU_ASSERT(hs_a_ && hs_e_ && strcmp(hs_a_, hs_e_) == 0);                                    \
    } while (0)

/* Joins v[0..n) with ',' into buf (cut at cap), for comparing string lists. */
static inline const char *hs_join(const char *const *v, size_t n, char *buf, size_t cap)
{
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        int w = snprintf(buf + k, cap - k, "%s%s", i ? "," : "", v[i]);
        if (w < 0 || (size_t)w >= cap - k)
            break;
        k += (size_t)w;
    }
    return buf;
}

#endif /* HS_UNIT_H */

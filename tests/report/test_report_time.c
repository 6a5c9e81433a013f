/*
 * test_report_time.c - bucket lengths, zones, and bucketing across DST
 * changes and a zone's change of standard offset.  Every instant below was
 * worked out by hand from the tz rules (comments give the local times).
 */
#include <string.h>

#include "agg_time.h"
#include "unit.h"

static const char *label_of(const char *bucket, const char *zone, int64_t t)
{
    static char buf[64];
    agg_bucket_t b;
    agg_tz_t tz;
    if (agg_bucket_parse(bucket, &b) != HSR_OK || agg_tz_open(&tz, zone) != HSR_OK)
        return "(setup failed)";
    agg_bucket_label(&b, agg_bucket_key(&b, &tz, t), buf, sizeof(buf));
    return buf;
}

static void test_bucket_parse(void)
{
    static const struct {
        const char *text;
        int64_t secs; /* 0: refused */
        const char *spec;
    } cases[] = {
        {"1h", 3600, "1h"},     {"6h", 21600, "6h"},   {"1d", 86400, "1d"},
        {"7d", 604800, "7d"},   {"30m", 1800, "30m"},  {"90", 90, "90s"},
        {"60s", 60, "1m"},      {"24h", 86400, "1d"},  {"48h", 172800, "2d"},
        {"366d", 31622400, "366d"},
        {"7h", 0, NULL},        {"36h", 0, NULL},      {"0h", 0, NULL},
        {"-1d", 0, NULL},       {"1w", 0, NULL},       {"", 0, NULL},
        {"d", 0, NULL},         {"367d", 0, NULL},     {"1d ", 0, NULL},
        {"99999999999999999999d", 0, NULL},            {"+1d", 0, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        agg_bucket_t b;
        hsr_status_t s = agg_bucket_parse(cases[i].text, &b);
        if (cases[i].secs == 0) {
            CU_ASSERT_EQUAL(s, HSR_ERR_BAD_BUCKET);
            if (s != HSR_ERR_BAD_BUCKET)
                fprintf(stderr, "\n  '%s' accepted\n", cases[i].text);
        } else {
            CU_ASSERT_EQUAL(s, HSR_OK);
            CU_ASSERT_EQUAL(b.secs, cases[i].secs);
            HS_ASSERT_STR(b.spec, cases[i].spec);
        }
    }
}

static void test_zones(void)
{
    agg_tz_t tz;
    CU_ASSERT_EQUAL(agg_tz_open(&tz, "UTC"), HSR_OK);
    CU_ASSERT_EQUAL(agg_tz_open(&tz, "Asia/Tokyo"), HSR_OK);
    CU_ASSERT_EQUAL(agg_tz_open(&tz, "Mars/Olympus"), HSR_ERR_BAD_ZONE);
    CU_ASSERT_EQUAL(agg_tz_open(&tz, "../../etc/passwd"), HSR_ERR_BAD_ZONE);
    CU_ASSERT_EQUAL(agg_tz_open(&tz, "/usr/share/zoneinfo/UTC"), HSR_ERR_BAD_ZONE);
    CU_ASSERT_EQUAL(agg_tz_open(&tz, "Asia"), HSR_ERR_BAD_ZONE); /* a directory */
    CU_ASSERT_EQUAL(agg_tz_open(&tz, ""), HSR_ERR_BAD_ZONE);
}

/* Japan (the studies' zone): day boundaries at 15:00 UTC. */
static void test_tokyo(void)
{
    HS_ASSERT_STR(label_of("1d", "Asia/Tokyo", 1709305199), "2024-03-01"); /* 23:59:59 JST */
    HS_ASSERT_STR(label_of("1d", "Asia/Tokyo", 1709305200), "2024-03-02"); /* 00:00 JST */
    HS_ASSERT_STR(label_of("1d", "UTC", 1709305200), "2024-03-01");
    HS_ASSERT_STR(label_of("6h", "Asia/Tokyo", 1709305200 + 6 * 3600 - 1), "2024-03-02 00:00");
    HS_ASSERT_STR(label_of("1h", "Asia/Tokyo", 1709305200 + 3599), "2024-03-02 00:00");
    HS_ASSERT_STR(label_of("30s", "Asia/Tokyo", 1709305229), "2024-03-02 00:00:00");
    HS_ASSERT_STR(label_of("30s", "Asia/Tokyo", 1709305230), "2024-03-02 00:00:30");
    /* Before the epoch. */
    HS_ASSERT_STR(label_of("1d", "UTC", -1), "1969-12-31");
}

/* Berlin, spring forward 2024-03-31 02:00 CET -> 03:00 CEST (01:00 UTC):
 * that day lasts 23 hours, from 2024-03-30T23:00Z to 2024-03-31T22:00Z. */
static void test_berlin_spring(void)
{
    HS_ASSERT_STR(label_of("1d", "Europe/Berlin", 1711839599), "2024-03-30"); /* 30th 22:59:59Z */
    HS_ASSERT_STR(label_of("1d", "Europe/Berlin", 1711839600), "2024-03-31"); /* 23:00Z */
    HS_ASSERT_STR(label_of("1d", "Europe/Berlin", 1711922399), "2024-03-31"); /* 31st 21:59:59Z */
    HS_ASSERT_STR(label_of("1d", "Europe/Berlin", 1711922400), "2024-04-01"); /* 22:00Z */
    /* Hourly: 00:59:59Z is 01:59:59 CET, 01:00Z is 03:00 CEST (02:00 never happens). */
    HS_ASSERT_STR(label_of("1h", "Europe/Berlin", 1711846799), "2024-03-31 01:00");
    HS_ASSERT_STR(label_of("1h", "Europe/Berlin", 1711846800), "2024-03-31 03:00");
}

/* Berlin, fall back 2024-10-27 03:00 CEST -> 02:00 CET (01:00 UTC): 25 hours,
 * from 2024-10-26T22:00Z to 2024-10-27T23:00Z; 02:00-03:00 happens twice and
 * falls into the same hourly bucket. */
static void test_berlin_fall(void)
{
    HS_ASSERT_STR(label_of("1d", "Europe/Berlin", 1729979999), "2024-10-26");
    HS_ASSERT_STR(label_of("1d", "Europe/Berlin", 1729980000), "2024-10-27");
    HS_ASSERT_STR(label_of("1d", "Europe/Berlin", 1730069999), "2024-10-27"); /* 27th 22:59:59Z */
    HS_ASSERT_STR(label_of("1d", "Europe/Berlin", 1730070000), "2024-10-28");
    HS_ASSERT_STR(label_of("1h", "Europe/Berlin", 1729987200), "2024-10-27 02:00"); /* 00:00Z CEST */
    HS_ASSERT_STR(label_of("1h", "Europe/Berlin", 1729990800), "2024-10-27 02:00"); /* 01:00Z CET */
    agg_bucket_t b;
    agg_tz_t tz;
    agg_bucket_parse("1h", &b);
    agg_tz_open(&tz, "Europe/Berlin");
    CU_ASSERT_EQUAL(agg_bucket_key(&b, &tz, 1729987200), agg_bucket_key(&b, &tz, 1729990800));
    CU_ASSERT_EQUAL(agg_tz_offset(&tz, 1729987200), 7200);
    CU_ASSERT_EQUAL(agg_tz_offset(&tz, 1729990799), 7200);
    CU_ASSERT_EQUAL(agg_tz_offset(&tz, 1729990800), 3600);
}

/* New York, a 6h bucket across the spring change (2024-03-10 02:00 EST ->
 * 03:00 EDT = 07:00Z): buckets are local wall-clock 00:00, 06:00... */
static void test_new_york(void)
{
    HS_ASSERT_STR(label_of("6h", "America/New_York", 1710046800), "2024-03-10 00:00"); /* 00:00 EST */
    HS_ASSERT_STR(label_of("6h", "America/New_York", 1710046799), "2024-03-09 18:00");
    HS_ASSERT_STR(label_of("6h", "America/New_York", 1710053999), "2024-03-10 00:00"); /* 01:59:59 EST */
    HS_ASSERT_STR(label_of("6h", "America/New_York", 1710054000), "2024-03-10 00:00"); /* 03:00 EDT */
    HS_ASSERT_STR(label_of("6h", "America/New_York", 1710064800), "2024-03-10 06:00"); /* 06:00 EDT */
}

/* Samoa moved across the date line: 2011-12-29 23:59:59 -10:00 was followed by
 * 2011-12-31 00:00:00 +14:00 (2011-12-30T10:00Z); the 30th never existed. */
static void test_apia_zone_change(void)
{
    HS_ASSERT_STR(label_of("1d", "Pacific/Apia", 1325239199), "2011-12-29");
    HS_ASSERT_STR(label_of("1d", "Pacific/Apia", 1325239200), "2011-12-31");
}

/* Weeks start on Monday, in the zone: 2024-03-04 was a Monday. */
static void test_weeks(void)
{
    HS_ASSERT_STR(label_of("7d", "UTC", 1709510400), "2024-03-04");     /* Mon 00:00Z */
    HS_ASSERT_STR(label_of("7d", "UTC", 1709510399), "2024-02-26");     /* Sun 23:59:59Z */
    HS_ASSERT_STR(label_of("7d", "Asia/Tokyo", 1709478000), "2024-03-04"); /* Mon 00:00 JST */
    HS_ASSERT_STR(label_of("7d", "UTC", 0), "1969-12-29");
}

static void test_unknown_label(void)
{
    agg_bucket_t b;
    char buf[32];
    agg_bucket_parse("1d", &b);
    agg_bucket_label(&b, AGG_TIME_UNKNOWN, buf, sizeof(buf));
    HS_ASSERT_STR(buf, "unknown");
}

static CU_TestInfo tests[] = {
    {"bucket lengths", test_bucket_parse},
    {"zone names", test_zones},
    {"Asia/Tokyo day boundaries", test_tokyo},
    {"Europe/Berlin spring forward (23 h day)", test_berlin_spring},
    {"Europe/Berlin fall back (25 h day)", test_berlin_fall},
    {"America/New_York 6h across DST", test_new_york},
    {"Pacific/Apia skipped day", test_apia_zone_change},
    {"weeks start on Monday", test_weeks},
    {"unknown time", test_unknown_label},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN("report time buckets", tests)

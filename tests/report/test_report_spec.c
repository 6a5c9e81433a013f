/*
 * test_report_spec.c - the options of the plugin's state tap
 * (-z honeyshark,state,FILE,...), parsed by state_spec.c into the same
 * settings as honeyshark-report's --bucket, --tz, --sensor-by, --sensor.
 */
#include <stdint.h>
#include <string.h>

#include "state_spec.h"
#include "unit.h"

static hsr_status_t parse(const char *text, agg_state_t *st, state_spec_t *spec, char *err)
{
    return state_spec_parse(text, st, spec, err, 256);
}

static void test_defaults_and_settings(void)
{
    agg_state_t st;
    state_spec_t spec;
    char err[256];
    CU_ASSERT_EQUAL_FATAL(parse("out.state", &st, &spec, err), HSR_OK);
    HS_ASSERT_STR(spec.path, "out.state");
    CU_ASSERT_EQUAL(spec.input_sensor, SIZE_MAX);
    CU_ASSERT_EQUAL(st.bucket.secs, 86400);
    HS_ASSERT_STR(st.tz.name, "UTC");
    CU_ASSERT_EQUAL(st.sensor_by, AGG_SENSOR_BY_INPUT);
    CU_ASSERT_EQUAL(st.nsensors, 0);
    agg_state_free(&st);
    state_spec_free(&spec);

    CU_ASSERT_EQUAL_FATAL(
        parse("-,bucket=6h,tz=Asia/Tokyo,sensor=tokyo=192.0.2.10+2001:db8::1", &st, &spec, err),
        HSR_OK);
    HS_ASSERT_STR(spec.path, "-");
    CU_ASSERT_EQUAL(st.bucket.secs, 6 * 3600);
    HS_ASSERT_STR(st.tz.name, "Asia/Tokyo");
    CU_ASSERT_EQUAL_FATAL(st.nsensors, 1);
    CU_ASSERT_EQUAL(spec.input_sensor, 0);
    HS_ASSERT_STR(st.sensors[0].name, "tokyo");
    CU_ASSERT_EQUAL_FATAL(st.sensors[0].naddrs, 2);
    HS_ASSERT_STR(st.sensors[0].addrs[0], "192.0.2.10");
    HS_ASSERT_STR(st.sensors[0].addrs[1], "2001:db8::1");
    agg_state_free(&st);
    state_spec_free(&spec);

    /* By destination: several sensors, none labels the capture. */
    CU_ASSERT_EQUAL_FATAL(parse("s,sensor-by=dst,sensor=a=192.0.2.1,sensor=b=192.0.2.2", &st,
                                &spec, err),
                          HSR_OK);
    CU_ASSERT_EQUAL(st.sensor_by, AGG_SENSOR_BY_DST);
    CU_ASSERT_EQUAL(st.nsensors, 2);
    CU_ASSERT_EQUAL(spec.input_sensor, SIZE_MAX);
    agg_state_free(&st);
    state_spec_free(&spec);
}

static void test_bad_options(void)
{
    static const struct {
        const char *text;
        hsr_status_t want;
        const char *says; /* a part of the message */
    } cases[] = {
        {"", HSR_ERR_USAGE, "needs a file first"},
        {"bucket=1h", HSR_ERR_USAGE, "needs a file first"},
        {"f,bucket=13x", HSR_ERR_BAD_BUCKET, "bucket=13x"},
        {"f,tz=Nowhere/City", HSR_ERR_BAD_ZONE, "tz=Nowhere/City"},
        {"f,tz=../../etc/passwd", HSR_ERR_BAD_ZONE, "tz="},
        {"f,colour=red", HSR_ERR_USAGE, "colour=: unknown option"},
        {"f,bucket", HSR_ERR_USAGE, "expected OPTION=VALUE"},
        {"f,sensor-by=src", HSR_ERR_USAGE, "expected dst or input"},
        {"f,sensor=", HSR_ERR_USAGE, "needs a name"},
        {"f,sensor=a=", HSR_ERR_USAGE, "no address"},
        {"f,sensor=a=not-an-address", HSR_ERR_BAD_ADDR, "sensor=a"},
        {"f,sensor=a,sensor=b", HSR_ERR_USAGE, "one capture is one input"},
        {"f,sensor=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
         HSR_ERR_USAGE, "needs a name"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        agg_state_t st;
        state_spec_t spec;
        char err[256];
        hsr_status_t s = parse(cases[i].text, &st, &spec, err);
        if (s != cases[i].want || !strstr(err, cases[i].says))
            fprintf(stderr, "\n  %s: got %d \"%s\"", cases[i].text, s, err);
        CU_ASSERT_EQUAL(s, cases[i].want);
        CU_ASSERT_PTR_NOT_NULL(strstr(err, cases[i].says));
        agg_state_free(&st);
        state_spec_free(&spec);
    }
    /* More sensors than a state holds. */
    char text[4096] = "f,sensor-by=dst";
    for (int i = 0; i < HSR_MAX_SENSORS + 1; i++)
        snprintf(text + strlen(text), sizeof(text) - strlen(text), ",sensor=s%d", i);
    agg_state_t st;
    state_spec_t spec;
    char err[256];
    CU_ASSERT_EQUAL(parse(text, &st, &spec, err), HSR_ERR_TOO_MANY);
    agg_state_free(&st);
    state_spec_free(&spec);
}

static CU_TestInfo tests[] = {
    {"defaults, settings and sensors", test_defaults_and_settings},
    {"bad options: a status and a sentence naming them", test_bad_options},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN("state tap options", tests)

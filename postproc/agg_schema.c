/*
 * agg_schema.c - the table behind agg_schema.h; keep it in the order of the
 * AGG_* enum in agg_state.h.
 */
#include "agg_schema.h"

#define I AGG_KW_INT
#define S AGG_KW_STR
#define N AGG_KW_SENSOR
#define Z AGG_KW_NONE
#define B AGG_KW_BUCKET

const agg_schema_t agg_schema[AGG_NMAPS] = {
    [AGG_AS] = {"as", 4, {B, I, N}},
    [AGG_AS_SRC] = {"as_src", 1, {B, I, S}},
    [AGG_AS_PORT] = {"as_port", 1, {I, B, I}},
    [AGG_AS_ORG] = {"as_org", 1, {I, S, Z}},
    [AGG_COUNTRY] = {"country", 4, {S, N, Z}},
    [AGG_COUNTRY_SRC] = {"country_src", 2, {S, S, Z}},
    [AGG_COUNTRY_NAME] = {"country_name", 1, {S, S, Z}},
    [AGG_PORT] = {"port", 1, {I, N, Z}},
    [AGG_PORT_SRC] = {"port_src", 1, {I, S, Z}},
    [AGG_TIME] = {"time", 4, {B, N, Z}},
    [AGG_TIME_PORT] = {"time_port", 1, {B, I, N}},
    [AGG_SRC_INFO] = {"src_info", 1, {S, I, S}},
    [AGG_SRC_PORT] = {"src_port", 1, {S, I, Z}},
    [AGG_OS] = {"os", 1, {S, S, N}},
    [AGG_OS_SRC] = {"os_src", 1, {S, S, Z}},
};

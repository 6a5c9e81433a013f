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
    [AGG_AS] = {"as", 7, {B, I, N}, 4},
    [AGG_AS_SRC] = {"as_src", 1, {B, I, S}, 1},
    [AGG_AS_PORT] = {"as_port", 1, {I, B, I}, 1},
    [AGG_AS_ORG] = {"as_org", 1, {I, S, Z}, 1},
    [AGG_COUNTRY] = {"country", 7, {S, N, Z}, 4},
    [AGG_COUNTRY_SRC] = {"country_src", 3, {S, S, Z}, 2},
    [AGG_COUNTRY_NAME] = {"country_name", 1, {S, S, Z}, 1},
    [AGG_PORT] = {"port", 1, {I, N, Z}, 1},
    [AGG_PORT_SRC] = {"port_src", 1, {I, S, Z}, 1},
    [AGG_TIME] = {"time", 7, {B, N, Z}, 4},
    [AGG_TIME_PORT] = {"time_port", 1, {B, I, N}, 1},
    [AGG_SRC_INFO] = {"src_info", 1, {S, I, S}, 1},
    [AGG_SRC_PORT] = {"src_port", 1, {S, I, Z}, 1},
    [AGG_OS] = {"os", 1, {S, S, N}, 1},
    [AGG_OS_SRC] = {"os_src", 1, {S, S, Z}, 1},
    [AGG_EXPLOIT] = {"exploit", 3, {I, S, B}, 0},
    [AGG_EXPLOIT_SRC] = {"exploit_src", 1, {I, S, S}, 0},
    [AGG_DB_DATE] = {"db_date", 1, {S, Z, Z}, 0},
};

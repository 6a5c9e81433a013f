/*
 * rep_registry.c - every report in one table: its name, title, help text,
 * default --top, the function that builds it and the aggregates it reads.  Adding a report means a
 * REP_* id in rep.h, a row here and its rep_<name>.c.
 */
#include "hsr_limits.h"
#include "rep_internal.h"

/* A bit per aggregate a report reads (rep_info_t.maps). */
#define M(map) (1u << AGG_##map)

const rep_info_t rep_info[REP_COUNT] = {
    [REP_AS_TIME] = {"as-time", "frames, sources and Shellshock attempts per AS and time bucket",
                     "per AS x bucket: frames, distinct sources, Shellshock attempts by\n"
                     "grade, top destination ports (--top N AS per bucket, default 10)",
                     HSR_DEFAULT_TOP_AS_TIME, rep_as_time,
                    M(AS) | M(AS_SRC) | M(AS_PORT) | M(AS_ORG) | M(PORT) | M(TIME) | M(SRC_INFO)},
    [REP_COUNTRY] = {"country", "Shellshock attempts per source country",
                     "Shellshock attempts per country and sensor (--top, default 20)",
                     HSR_DEFAULT_TOP, rep_country,
                    M(COUNTRY) | M(COUNTRY_SRC) | M(COUNTRY_NAME)},
    [REP_PORTS] = {"ports", "frames per destination port",
                   "frames per destination port/protocol with share (default top 20)",
                   HSR_DEFAULT_TOP, rep_ports,
                    M(PORT) | M(PORT_SRC) | M(TIME)},
    [REP_TIMELINE] = {"timeline", "frames and Shellshock attempts per time bucket",
                      "frames per bucket, overall and to --port, with attempts", 0, rep_timeline,
                    M(TIME) | M(TIME_PORT)},
    [REP_GRADES] = {"grades", "Shellshock attempts by grade per AS and time bucket",
                    "attempts by grade per AS x bucket (top 20 AS)", HSR_DEFAULT_TOP, rep_grades,
                    M(AS) | M(AS_ORG) | M(TIME)},
    [REP_AS_PORTS] = {"as-ports",
                      "port activity of each attacking AS before and after its first attack",
                      "port x bucket activity of each attacking AS before/after its\n"
                      "first attempt (top 20 AS)",
                      HSR_DEFAULT_TOP, rep_as_ports,
                    M(AS) | M(AS_PORT) | M(AS_ORG) | M(TIME)},
    [REP_MULTIPORT] = {"multiport", "sources that tried one port and others too",
                       "sources with attempts to --port (default 23 = tcp/23) and to other\n"
                       "ports, ranked by attempts (top 20)",
                       HSR_DEFAULT_TOP, rep_multiport,
                    M(AS_ORG) | M(COUNTRY_NAME) | M(SRC_INFO) | M(SRC_PORT)},
    [REP_OS] = {"os", "source operating systems (p0f), per SYN and per source",
                "source OS (src.os) shares per SYN and per source", 0, rep_os,
                    M(OS) | M(OS_SRC)},
    [REP_EXPLOITS] = {"exploits", "attempts per family and exploit, by grade",
                      "attempts by grade per exploit: rce.exploit, or shellshock.cve\n"
                      "(both families; top 20)",
                      HSR_DEFAULT_TOP, rep_exploits,
                    M(EXPLOIT) | M(EXPLOIT_SRC)},
};

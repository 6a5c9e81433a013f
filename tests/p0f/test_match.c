/*
 * test_match.c - p0f v3's matching rules: specific before generic, exact
 * before fuzzy, what may be fuzzy, TTLs and distances, window relations,
 * IP version wildcards, tools, SYN+ACKs; and Debian's own p0f.fp.
 */
#include "p0f_test.h"

static const uint32_t DFID = P0F_QUIRK_DF | P0F_QUIRK_NZ_ID;

static void test_specific_before_generic(void)
{
    p0f_db_t *db = load_ok(CLASSES "[tcp:request]\n"
                                   "label = g:unix:Gen:eric\n"
                                   "sig = *:64:0:*:*,*:mss::0\n"
                                   "label = s:unix:Spec:ific\n"
                                   "sig = *:64:0:1460:1024,0:mss::0\n",
                           NULL);
    p0f_result_t r;
    p0f_packet_t pk = mkpk(4, 60, 1024, 1460, 0, "mss", 0, 0);
    HS_ASSERT_STR(answer(db, &pk, 0, &r), "Spec ific");
    CU_ASSERT_EQUAL(r.kind, P0F_MATCH_EXACT);
    HS_ASSERT_STR(p0f_match_name(r.kind), "exact");
    CU_ASSERT_EQUAL(r.dist, 4);
    CU_ASSERT_EQUAL(r.line, 6);
    pk.win = 2048;
    HS_ASSERT_STR(answer(db, &pk, 0, &r), "Gen eric");
    CU_ASSERT_EQUAL(r.kind, P0F_MATCH_GENERIC);
    CU_ASSERT(r.generic && !r.fuzzy);
    HS_ASSERT_STR(p0f_match_name(r.kind), "generic");
    p0f_db_free(db);
}

static void test_fuzzy_rules(void)
{
    p0f_db_t *db = load_ok(CLASSES "[tcp:request]\n"
                                   "label = s:unix:A:\n"
                                   "sig = 4:64:0:1460:1024,0:mss:df,id+:0\n",
                           NULL);
    static const struct {
        int ttl;
        uint32_t quirks;
        const char *want;
        p0f_match_kind_t kind;
    } cases[] = {
        {64, P0F_QUIRK_DF | P0F_QUIRK_NZ_ID, "A", P0F_MATCH_EXACT},
        {30, P0F_QUIRK_DF | P0F_QUIRK_NZ_ID, "A", P0F_MATCH_EXACT},   /* distance 34 */
        {28, P0F_QUIRK_DF | P0F_QUIRK_NZ_ID, "A", P0F_MATCH_FUZZY},   /* distance 36 */
        {70, P0F_QUIRK_DF | P0F_QUIRK_NZ_ID, "A", P0F_MATCH_FUZZY},   /* above the initial TTL */
        {64, P0F_QUIRK_DF, "A", P0F_MATCH_FUZZY},                      /* id+ gone */
        {64, 0, "A", P0F_MATCH_FUZZY},                                 /* df and id+ gone */
        {64, P0F_QUIRK_ZERO_ID, "A", P0F_MATCH_FUZZY},                 /* id- appears */
        {64, P0F_QUIRK_DF | P0F_QUIRK_NZ_ID | P0F_QUIRK_ECN, "A", P0F_MATCH_FUZZY},
        {64, P0F_QUIRK_DF | P0F_QUIRK_NZ_ID | P0F_QUIRK_PUSH, "???", P0F_MATCH_NONE},
        {64, P0F_QUIRK_NZ_MBZ, "???", P0F_MATCH_NONE},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        p0f_result_t r;
        p0f_packet_t pk = mkpk(4, cases[i].ttl, 1024, 1460, 0, "mss", cases[i].quirks, 0);
        HS_ASSERT_STR(answer(db, &pk, 0, &r), cases[i].want);
        if (r.kind != cases[i].kind)
            fprintf(stderr, "\n  case %zu: kind %d", i, r.kind);
        CU_ASSERT_EQUAL(r.kind, cases[i].kind);
    }
    /* Distances: from the signature when in range, guessed otherwise. */
    p0f_result_t r;
    p0f_packet_t pk = mkpk(4, 70, 1024, 1460, 0, "mss", DFID, 0);
    answer(db, &pk, 0, &r);
    CU_ASSERT_EQUAL(r.dist, 58); /* 128 - 70 */
    pk.ttl = 64;
    pk.quirks = 0;
    answer(db, &pk, 0, &r);
    CU_ASSERT_EQUAL(r.dist, 0);
    pk.win = 999; /* no match: guessed */
    HS_ASSERT_STR(answer(db, &pk, 0, &r), "???");
    CU_ASSERT_EQUAL(r.dist, 0);
    pk.ttl = 250;
    answer(db, &pk, 0, &r);
    CU_ASSERT_EQUAL(r.dist, 5);
    p0f_db_free(db);
}

static void test_first_fuzzy_and_later_exact(void)
{
    p0f_db_t *db = load_ok(CLASSES "[tcp:request]\n"
                                   "label = s:unix:Fuzzy1:\n"
                                   "sig = 4:64:0:1460:1024,0:mss:df:0\n"
                                   "label = s:unix:Fuzzy2:\n"
                                   "sig = 4:64:0:1460:1024,0:mss:df,id+:0\n"
                                   "label = s:unix:Exact:\n"
                                   "sig = 4:64:0:1460:1024,0:mss::0\n",
                           NULL);
    p0f_result_t r;
    p0f_packet_t pk = mkpk(4, 64, 1024, 1460, 0, "mss", 0, 0);
    HS_ASSERT_STR(answer(db, &pk, 0, &r), "Exact");
    pk.quirks = P0F_QUIRK_ZERO_ID; /* all three fuzzy now: the first */
    HS_ASSERT_STR(answer(db, &pk, 0, &r), "Fuzzy1");
    CU_ASSERT_EQUAL(r.kind, P0F_MATCH_FUZZY);
    p0f_db_free(db);

    /* A fuzzy generic signature is a fuzzy match (p0f: "generic fuzzy"). */
    db = load_ok(CLASSES "[tcp:request]\nlabel = g:unix:G:\nsig = *:64:0:*:*,0:mss:df,id+:0\n",
                 NULL);
    pk = mkpk(4, 60, 1024, 1460, 0, "mss", P0F_QUIRK_ZERO_ID, 0);
    HS_ASSERT_STR(answer(db, &pk, 0, &r), "G");
    CU_ASSERT(r.kind == P0F_MATCH_FUZZY && r.generic && r.fuzzy);
    p0f_db_free(db);
}

static void test_tools(void)
{
    p0f_db_t *db = load_ok(CLASSES "[tcp:request]\n"
                                   "label = s:!:NMap:SYN scan\n"
                                   "sys = @unix,@win\n"
                                   "sig = *:64-:0:1460:1024,0:mss::0\n"
                                   "label = s:unix:p0f:sendsyn utility\n"
                                   "sig = *:192:0:1331:1337,0:mss,nop,eol+18::0\n",
                           NULL);
    p0f_result_t r;
    p0f_packet_t pk = mkpk(4, 40, 1024, 1460, 0, "mss", 0, 0);
    HS_ASSERT_STR(answer(db, &pk, 0, &r), "NMap SYN scan");
    CU_ASSERT(r.app);
    HS_ASSERT_STR(r.os_class, "!");
    CU_ASSERT(r.bad_ttl);
    CU_ASSERT_EQUAL(r.dist, 24);
    pk.ttl = 3; /* any TTL up to 64 */
    HS_ASSERT_STR(answer(db, &pk, 0, &r), "NMap SYN scan");
    CU_ASSERT_EQUAL(r.kind, P0F_MATCH_EXACT);
    pk.ttl = 65; /* above: no match at all */
    HS_ASSERT_STR(answer(db, &pk, 0, &r), "???");
    pk.ttl = 40;
    pk.quirks = P0F_QUIRK_ZERO_ID; /* fuzzy: never for tools */
    HS_ASSERT_STR(answer(db, &pk, 0, &r), "???");
    /* p0f-sendsyn's probe is reported as an application too. */
    pk = mkpk(4, 192, 1337, 1331, 0, "mss,nop,eol+18", 0, 0);
    HS_ASSERT_STR(answer(db, &pk, 0, &r), "p0f sendsyn utility");
    CU_ASSERT(r.app);
    HS_ASSERT_STR(r.os_class, "unix");
    p0f_db_free(db);
}

static void test_ip_version_wildcards(void)
{
    p0f_db_t *db = load_ok(CLASSES "[tcp:request]\n"
                                   "label = s:unix:Both:\n"
                                   "sig = *:64:0:1460:1024,0:mss:df,id+:0\n"
                                   "label = s:unix:Six:\n"
                                   "sig = *:64:0:1440:1024,0:mss:flow:0\n",
                           NULL);
    p0f_result_t r;
    p0f_packet_t pk = mkpk(6, 64, 1024, 1460, 0, "mss", 0, 0);
    HS_ASSERT_STR(answer(db, &pk, 0, &r), "Both");
    CU_ASSERT_EQUAL(r.kind, P0F_MATCH_EXACT);
    pk = mkpk(4, 64, 1024, 1440, 0, "mss", 0, 0);
    HS_ASSERT_STR(answer(db, &pk, 0, &r), "Six"); /* flow ignored on IPv4 */
    pk = mkpk(6, 64, 1024, 1440, 0, "mss", 0, 0);
    HS_ASSERT_STR(answer(db, &pk, 0, &r), "???"); /* flow missing: not fuzzy */
    p0f_db_free(db);
}

static void test_windows(void)
{
    p0f_db_t *db = load_ok(CLASSES "[tcp:request]\n"
                                   "label = s:unix:MSS4:\n"
                                   "sig = *:64:0:*:mss*4,0:mss::0\n"
                                   "label = s:unix:MTU4:\n"
                                   "sig = *:64:0:*:mtu*4,0:mss::0\n"
                                   "label = s:unix:MOD:\n"
                                   "sig = *:64:0:*:%1000,0:mss::0\n"
                                   "label = s:unix:TS:\n"
                                   "sig = *:64:0:*:mss*10,0:mss,ts::0\n"
                                   "[tcp:response]\n"
                                   "label = s:unix:PEER:\n"
                                   "sig = *:64:0:*:mss*3,0:mss::0\n",
                           NULL);
    static const struct {
        int ver, win, mss, synack;
        uint16_t syn_mss;
        const char *layout, *want;
    } cases[] = {
        {4, 1460 * 4, 1460, 0, 0, "mss", "MSS4"},
        {4, 1400 * 4, 1460, 0, 0, "mss", "???"},     /* 5600 = 1400*4: no rule gives 4 */
        {4, 1500 * 4, 1460, 0, 0, "mss", "MTU4"},    /* mss + 40 */
        {4, 1460 * 4, 536, 0, 0, "mss", "MSS4"},     /* 1500-40 (MTU 1500 elsewhere) */
        {4, 1448 * 4, 536, 0, 0, "mss", "MSS4"},     /* 1500-40-12 */
        {6, 1440 * 4, 500, 0, 0, "mss", "MSS4"},     /* 1500-60, IPv6 only */
        {4, 1440 * 4, 500, 0, 0, "mss", "???"},
        {4, 3000, 1460, 0, 0, "mss", "MOD"},
        {4, 3001, 1460, 0, 0, "mss", "???"},
        {4, 1448 * 10, 1460, 0, 0, "mss,ts", "TS"},  /* mss - 12 with timestamps */
        {4, 1500 * 4, 99, 0, 0, "mss", "MOD"},       /* mss < 100: no multiple, not even 1500*4 */
        {4, 1400 * 3, 536, 1, 1400, "mss", "PEER"},  /* SYN+ACK: the SYN's MSS */
        {4, 1400 * 3, 536, 1, 0, "mss", "???"},
        {4, 1388 * 3, 536, 1, 1400, "mss", "PEER"},  /* peer MSS - 12 */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        p0f_packet_t pk = mkpk(cases[i].ver, 64, cases[i].win, cases[i].mss, 0, cases[i].layout,
                               0, cases[i].synack);
        const char *got = answer(db, &pk, cases[i].syn_mss, NULL);
        if (strcmp(got, cases[i].want) != 0)
            fprintf(stderr, "\n  case %zu:", i);
        HS_ASSERT_STR(got, cases[i].want);
    }
    p0f_db_free(db);
}

static void test_directions_and_errors(void)
{
    p0f_db_t *db = load_ok(CLASSES "[tcp:request]\nlabel = s:unix:Req:\n"
                                   "sig = *:64:0:*:1024,0:mss::0\n"
                                   "[tcp:response]\nlabel = s:unix:Resp:\n"
                                   "sig = *:64:0:*:1024,0:mss::0\n",
                           NULL);
    p0f_packet_t pk = mkpk(4, 64, 1024, 1460, 0, "mss", 0, 0);
    HS_ASSERT_STR(answer(db, &pk, 0, NULL), "Req");
    pk.tcp_flags = 0x12;
    HS_ASSERT_STR(answer(db, &pk, 0, NULL), "Resp");
    pk.tcp_flags = 0x12 | 0x08 | 0x40; /* PSH, ECE don't count */
    HS_ASSERT_STR(answer(db, &pk, 0, NULL), "Resp");
    pk.tcp_flags = 0x10;
    p0f_result_t r;
    CU_ASSERT_EQUAL(p0f_match(db, &pk, 0, &r), P0F_ERR_NOT_SYN);
    CU_ASSERT_EQUAL(p0f_match(NULL, &pk, 0, &r), P0F_ERR_ARG);
    /* Layout differs: nothing. */
    pk = mkpk(4, 64, 1024, 1460, 0, "mss,nop", 0, 0);
    HS_ASSERT_STR(answer(db, &pk, 0, NULL), "???");
    p0f_db_free(db);
}

/* Debian's file, when installed: what the end-to-end test also asks of
 * the real p0f (there through tshark). */
static void test_debian_file(void)
{
    p0f_db_t *db;
    if (p0f_db_load_file("/etc/p0f/p0f.fp", &db, NULL) != P0F_OK) {
        fprintf(stderr, "\n  (no /etc/p0f/p0f.fp: skipped) ");
        return;
    }
    static const struct {
        int ver, ttl, win, mss, ws;
        const char *layout;
        uint32_t quirks;
        const char *want, *cls, *kind;
    } cases[] = {
        {4, 64, 29200, 1460, 7, "mss,sok,ts,nop,ws", DFID, "Linux 3.11 and newer", "unix",
         "exact"},
        {4, 51, 14600, 1460, 6, "mss,sok,ts,nop,ws", DFID, "Linux 3.1-3.10", "unix", "exact"},
        {4, 64, 5840, 1460, 7, "mss,sok,ts,nop,ws", DFID, "Linux 2.6.x", "unix", "exact"},
        {6, 64, 28800, 1440, 7, "mss,sok,ts,nop,ws", 0, "Linux 3.11 and newer", "unix", "exact"},
        {4, 128, 8192, 1460, 8, "mss,nop,ws,nop,nop,sok", DFID, "Windows 7 or 8", "win",
         "exact"},
        {4, 128, 65535, 1460, 0, "mss,nop,nop,sok", DFID, "Windows XP", "win", "exact"},
        {4, 128, 12345, 1460, 3, "mss,nop,ws,nop,nop,sok", DFID, "Windows NT kernel", "win",
         "generic"},
        {4, 64, 65535, 1460, 6, "mss,nop,ws,sok,ts", DFID, "FreeBSD 9.x or newer", "unix",
         "exact"},
        {4, 64, 16384, 1460, 3, "mss,nop,nop,sok,nop,ws,nop,nop,ts", DFID, "OpenBSD 4.x-5.x",
         "unix", "exact"},
        {4, 64, 65535, 1460, 4, "mss,nop,ws,nop,nop,ts,sok,eol+1", DFID,
         "MacOS X 10.9 or newer (sometimes iPhone or iPad)", "unix", "exact"},
        {4, 64, 1460 * 34, 1460, 0, "mss,nop,ws,nop,nop,sok", DFID, "Solaris 10", "unix",
         "exact"},
        {4, 64, 32850, 1460, 1, "nop,ws,nop,nop,ts,nop,nop,sok,mss", DFID, "Solaris 8", "unix",
         "exact"},
        {4, 64, 1460 * 12, 1460, 0, "mss", 0, "Linux 2.0", "unix", "exact"},
        {4, 50, 1024, 1460, 0, "mss", 0, "NMap SYN scan", "!", "exact"},
        {4, 64, 1024 * 4, 1024, 0, "mss", 0, "NeXTSTEP", "other", "exact"},
        {4, 60, 1024, 1460, 0, "mss", P0F_QUIRK_ZERO_ID, "Linux 2.2.x-3.x (barebone)", "unix",
         "fuzzy"},
        {4, 50, 1000, 0, 0, "", P0F_QUIRK_ZERO_ID, "???", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        p0f_result_t r;
        p0f_packet_t pk = mkpk(cases[i].ver, cases[i].ttl, cases[i].win, cases[i].mss,
                               cases[i].ws, cases[i].layout, cases[i].quirks, 0);
        HS_ASSERT_STR(answer(db, &pk, 0, &r), cases[i].want);
        if (cases[i].cls) {
            HS_ASSERT_STR(r.os_class, cases[i].cls);
            HS_ASSERT_STR(p0f_match_name(r.kind), cases[i].kind);
        }
    }
    p0f_db_free(db);
}

static void test_peer_mss(void)
{
    p0f_peer_t *peer = p0f_peer_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(peer);
    p0f_packet_t syn = mkpk(4, 64, 8192, 1400, 8, "mss", 0, 0);
    memcpy(syn.src, "\xc0\x00\x02\x01", 4);
    memcpy(syn.dst, "\xc6\x33\x64\x01", 4);
    syn.sport = 40000, syn.dport = 80;
    p0f_packet_t sa = mkpk(4, 64, 14000, 1460, 7, "mss", 0, 1);
    memcpy(sa.src, syn.dst, 4);
    memcpy(sa.dst, syn.src, 4);
    sa.sport = 80, sa.dport = 40000;

    CU_ASSERT_EQUAL(p0f_peer_syn_mss(peer, &sa), 0);
    p0f_peer_note(peer, &syn);
    CU_ASSERT_EQUAL(p0f_peer_syn_mss(peer, &sa), 1400);
    CU_ASSERT_EQUAL(p0f_peer_syn_mss(peer, &syn), 0); /* a SYN asks nothing */
    p0f_packet_t other = sa;
    other.dport = 40001;
    CU_ASSERT_EQUAL(p0f_peer_syn_mss(peer, &other), 0);
    p0f_peer_note(peer, &sa); /* a SYN+ACK is not noted */
    syn.mss = 536;
    p0f_peer_note(peer, &syn); /* a new SYN on the connection */
    CU_ASSERT_EQUAL(p0f_peer_syn_mss(peer, &sa), 536);
    p0f_peer_clear(peer);
    CU_ASSERT_EQUAL(p0f_peer_syn_mss(peer, &sa), 0);
    /* Many SYNs: bounded, most recent ones found. */
    for (unsigned i = 0; i < 200000; i++) {
        syn.sport = (uint16_t)i;
        syn.src[3] = (uint8_t)(i >> 16);
        p0f_peer_note(peer, &syn);
    }
    sa.dport = syn.sport;
    sa.dst[3] = syn.src[3];
    CU_ASSERT_EQUAL(p0f_peer_syn_mss(peer, &sa), 536);
    p0f_peer_free(peer);
    p0f_peer_free(NULL);
}

static CU_TestInfo tests[] = {
    {"specific before generic", test_specific_before_generic},
    {"fuzzy rules and distances", test_fuzzy_rules},
    {"first fuzzy, later exact", test_first_fuzzy_and_later_exact},
    {"tools (class !)", test_tools},
    {"IP version wildcards", test_ip_version_wildcards},
    {"window relations", test_windows},
    {"directions and errors", test_directions_and_errors},
    {"peer MSS table", test_peer_mss},
    {"Debian's p0f.fp", test_debian_file},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN("p0f matcher", tests)

/*
 * test_packet.c - raw IPv4/IPv6 + TCP headers to p0f's packet fields:
 * every quirk, option layouts (absurd ones too), header errors, and the
 * raw_sig text p0f prints.
 */
#include "p0f_test.h"

static uint8_t buf[2048];

static p0f_status_t parse(const raw_t *r, p0f_packet_t *pk)
{
    size_t n = mkraw(r, buf);
    return p0f_packet_parse(buf, n, pk);
}

static raw_t linux_syn(void)
{
    raw_t r = {.ttl = 64, .id = 0x1234, .frag = 0x4000, .flags = 0x02, .seq = 0x10203040,
               .win = 29200, .opts = LINUX_OPTS, .opts_len = sizeof(LINUX_OPTS)};
    return r;
}

static void test_linux_ipv4(void)
{
    raw_t r = linux_syn();
    p0f_packet_t pk;
    CU_ASSERT_EQUAL_FATAL(parse(&r, &pk), P0F_OK);
    CU_ASSERT_EQUAL(pk.ip_ver, 4);
    CU_ASSERT_EQUAL(pk.ttl, 64);
    CU_ASSERT_EQUAL(pk.ip_opt_len, 0);
    CU_ASSERT_EQUAL(pk.quirks, P0F_QUIRK_DF | P0F_QUIRK_NZ_ID);
    CU_ASSERT_EQUAL(pk.mss, 1460);
    CU_ASSERT_EQUAL(pk.wscale, 7);
    CU_ASSERT_EQUAL(pk.win, 29200);
    CU_ASSERT_EQUAL(pk.ts1, 12345);
    CU_ASSERT_EQUAL(pk.opt_cnt, 5);
    CU_ASSERT_EQUAL(pk.tot_hdr, 40 + 20);
    CU_ASSERT_EQUAL(pk.pay_len, 0);
    CU_ASSERT_EQUAL(pk.sport, 0x8000);
    CU_ASSERT_EQUAL(memcmp(pk.src, buf + 12, 4), 0);
    CU_ASSERT_EQUAL(memcmp(pk.dst, buf + 16, 4), 0);
    CU_ASSERT_EQUAL(pk.dport, 23);
    CU_ASSERT_FALSE(pk.truncated);
    char sig[P0F_SIG_TEXT_MAX];
    p0f_packet_format(&pk, 0, sig, sizeof(sig));
    HS_ASSERT_STR(sig, "4:64+0:0:1460:mss*20,7:mss,sok,ts,nop,ws:df,id+:0");
    p0f_dir_t dir;
    CU_ASSERT(p0f_packet_dir(&pk, &dir) && dir == P0F_DIR_SYN);
}

static void test_ipv6(void)
{
    raw_t r = linux_syn();
    r.v6 = 1;
    r.flow = 0x12345;
    r.tos = 0x01; /* ECN CE */
    p0f_packet_t pk;
    CU_ASSERT_EQUAL_FATAL(parse(&r, &pk), P0F_OK);
    CU_ASSERT_EQUAL(pk.ip_ver, 6);
    CU_ASSERT_EQUAL(pk.quirks, P0F_QUIRK_FLOW | P0F_QUIRK_ECN);
    CU_ASSERT_EQUAL(pk.tot_hdr, 60 + 20);
    char sig[P0F_SIG_TEXT_MAX];
    p0f_packet_format(&pk, 0, sig, sizeof(sig));
    HS_ASSERT_STR(sig, "6:64+0:0:1460:mss*20,7:mss,sok,ts,nop,ws:ecn,flow:0");
    r.flow = 0;
    r.tos = 0xb8; /* DSCP only */
    CU_ASSERT_EQUAL(parse(&r, &pk), P0F_OK);
    CU_ASSERT_EQUAL(pk.quirks, 0);
    CU_ASSERT_EQUAL(pk.tos, 0xb8 >> 2);
}

/* One header change and the quirks it gives. */
typedef struct {
    const char *what;
    void (*apply)(raw_t *);
    uint32_t quirks;
} quirk_case_t;

static void q_none(raw_t *r) { (void)r; }
static void q_zero_id(raw_t *r) { r->frag = 0, r->id = 0; }
static void q_nodf_id(raw_t *r) { r->frag = 0; }
static void q_mbz(raw_t *r) { r->frag = 0xc000; }
static void q_ecn_ip(raw_t *r) { r->tos = 0x02; }
static void q_ece(raw_t *r) { r->flags |= 0x40; }
static void q_cwr(raw_t *r) { r->flags |= 0x80; }
static void q_ns(raw_t *r) { r->res = 0x01; }
static void q_seq0(raw_t *r) { r->seq = 0; }
static void q_ack_top(raw_t *r) { r->ack = 0x01000000; }
static void q_ack_one(raw_t *r) { r->ack = 1; }
static void q_synack_ack0(raw_t *r) { r->flags = 0x12, r->ack = 0; }
static void q_uptr(raw_t *r) { r->urg = 5; }
static void q_urg(raw_t *r) { r->flags |= 0x20, r->urg = 5; }
static void q_psh(raw_t *r) { r->flags |= 0x08; }

static void test_quirks(void)
{
    uint32_t base = P0F_QUIRK_DF | P0F_QUIRK_NZ_ID;
    quirk_case_t cases[] = {
        {"linux", q_none, base},
        {"id-", q_zero_id, P0F_QUIRK_ZERO_ID},
        {"no df, id set", q_nodf_id, 0},
        {"0+", q_mbz, base | P0F_QUIRK_NZ_MBZ},
        {"ecn (IP)", q_ecn_ip, base | P0F_QUIRK_ECN},
        {"ecn (ECE)", q_ece, base | P0F_QUIRK_ECN},
        {"ecn (CWR)", q_cwr, base | P0F_QUIRK_ECN},
        {"ecn (NS)", q_ns, base | P0F_QUIRK_ECN},
        {"seq-", q_seq0, base | P0F_QUIRK_ZERO_SEQ},
        {"ack+ (p0f: low bit of the first ack byte)", q_ack_top, base | P0F_QUIRK_NZ_ACK},
        {"no ack+ for ack 1 (as p0f)", q_ack_one, base},
        {"ack-", q_synack_ack0, base | P0F_QUIRK_ZERO_ACK},
        {"uptr+", q_uptr, base | P0F_QUIRK_NZ_URG},
        {"urgf+", q_urg, base | P0F_QUIRK_URG},
        {"pushf+", q_psh, base | P0F_QUIRK_PUSH},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        raw_t r = linux_syn();
        cases[i].apply(&r);
        p0f_packet_t pk;
        CU_ASSERT_EQUAL(parse(&r, &pk), P0F_OK);
        if (pk.quirks != cases[i].quirks)
            fprintf(stderr, "\n  %s: quirks 0x%x, want 0x%x", cases[i].what, pk.quirks,
                    cases[i].quirks);
        CU_ASSERT_EQUAL(pk.quirks, cases[i].quirks);
    }
}

/* TCP options and what p0f makes of them. */
typedef struct {
    const char *what;
    uint8_t opts[40];
    size_t len;
    uint8_t flags;
    const char *sig;   /* raw_sig */
} opt_case_t;

static void test_options(void)
{
    opt_case_t cases[] = {
        {"none", {0}, 0, 0x02, "4:64+0:0:0:29200,0::df,id+:0"},
        {"eol padding", {2, 4, 5, 0xb4, 1, 0, 0, 0}, 8, 0x02,
         "4:64+0:0:1460:mss*20,0:mss,nop,eol+2:df,id+:0"},
        {"opt+ (non-zero after eol)", {2, 4, 5, 0xb4, 0, 7, 0, 0}, 8, 0x02,
         "4:64+0:0:1460:mss*20,0:mss,eol+3:df,id+,opt+:0"},
        {"non-zero last byte after eol: unnoticed, as in p0f", {2, 4, 5, 0xb4, 0, 0, 0, 9}, 8,
         0x02, "4:64+0:0:1460:mss*20,0:mss,eol+3:df,id+:0"},
        {"ts1- and ts2+", {8, 10, 0, 0, 0, 0, 0, 0, 0, 5, 1, 1}, 12, 0x02,
         "4:64+0:0:0:29200,0:ts,nop,nop:df,id+,ts1-,ts2+:0"},
        {"ts2 on SYN+ACK is no quirk", {8, 10, 0, 0, 0, 1, 0, 0, 0, 5, 1, 1}, 12, 0x12,
         "4:64+0:0:0:29200,0:ts,nop,nop:df,id+:0"},
        {"exws", {3, 3, 15, 1}, 4, 0x02, "4:64+0:0:0:29200,15:ws,nop:df,id+,exws:0"},
        {"bad: mss length 5", {2, 5, 5, 0xb4, 1, 1, 1, 1}, 8, 0x02,
         "4:64+0:0:1460:mss*20,0:mss,nop,nop,nop,nop:df,id+,bad:0"},
        {"bad: ws length", {3, 4, 7, 1}, 4, 0x02, "4:64+0:0:0:29200,7:ws,nop:df,id+,bad:0"},
        {"bad: sok length", {4, 3, 1, 1}, 4, 0x02, "4:64+0:0:0:29200,0:sok,nop,nop:df,id+,bad:0"},
        {"bad: ts length", {8, 9, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1}, 12, 0x02,
         "4:64+0:0:0:29200,0:ts,nop,nop:df,id+,bad:0"},
        {"bad: mss cut by the header end", {1, 1, 2, 4}, 4, 0x02,
         "4:64+0:0:0:29200,0:nop,nop,mss:df,id+,bad:0"},
        {"bad: unknown option length 1", {30, 1, 0, 0}, 4, 0x02,
         "4:64+0:0:0:29200,0:?30:df,id+,bad:0"},
        {"bad: unknown option too long", {30, 12, 0, 0}, 4, 0x02,
         "4:64+0:0:0:29200,0:?30:df,id+,bad:0"},
        {"unknown option", {30, 4, 0, 0}, 4, 0x02, "4:64+0:0:0:29200,0:?30:df,id+:0"},
        {"sack", {5, 10, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1}, 12, 0x02,
         "4:64+0:0:0:29200,0:sack,nop,nop:df,id+:0"},
        {"bad: sack length 9", {5, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1}, 12, 0x02,
         "4:64+0:0:0:29200,0:sack:df,id+,bad:0"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        raw_t r = linux_syn();
        r.opts = cases[i].opts;
        r.opts_len = cases[i].len;
        r.flags = cases[i].flags;
        r.ack = cases[i].flags & 0x10 ? 1 : 0;
        p0f_packet_t pk;
        CU_ASSERT_EQUAL(parse(&r, &pk), P0F_OK);
        char sig[P0F_SIG_TEXT_MAX];
        p0f_packet_format(&pk, 0, sig, sizeof(sig));
        if (strcmp(sig, cases[i].sig) != 0)
            fprintf(stderr, "\n  %s:", cases[i].what);
        HS_ASSERT_STR(sig, cases[i].sig);
    }
}

/* Absurd layouts: 40 NOPs, 40 EOLs, 20 empty unknown options: bounded. */
static void test_absurd_layouts(void)
{
    uint8_t opts[40];
    raw_t r = linux_syn();
    r.opts = opts;
    r.opts_len = sizeof(opts);
    p0f_packet_t pk;

    memset(opts, 1, sizeof(opts));
    CU_ASSERT_EQUAL(parse(&r, &pk), P0F_OK);
    CU_ASSERT_EQUAL(pk.opt_cnt, P0F_MAX_TCP_OPT);
    CU_ASSERT(pk.quirks & P0F_QUIRK_OPT_BAD);

    memset(opts, 0, sizeof(opts));
    CU_ASSERT_EQUAL(parse(&r, &pk), P0F_OK);
    CU_ASSERT_EQUAL(pk.opt_cnt, 1);
    CU_ASSERT_EQUAL(pk.opt_eol_pad, 39);
    CU_ASSERT_FALSE(pk.quirks & P0F_QUIRK_OPT_BAD);

    for (size_t i = 0; i < sizeof(opts); i += 2)
        opts[i] = 99, opts[i + 1] = 2;
    CU_ASSERT_EQUAL(parse(&r, &pk), P0F_OK);
    CU_ASSERT_EQUAL(pk.opt_cnt, 20);
    CU_ASSERT_FALSE(pk.quirks & P0F_QUIRK_OPT_BAD);

    for (size_t i = 0; i < sizeof(opts); i++)
        opts[i] = 2; /* MSS, length 2: every option is "bad" */
    CU_ASSERT_EQUAL(parse(&r, &pk), P0F_OK);
    CU_ASSERT(pk.quirks & P0F_QUIRK_OPT_BAD);
    char sig[P0F_SIG_TEXT_MAX];
    size_t need = p0f_packet_format(&pk, 0, sig, sizeof(sig));
    CU_ASSERT(need < sizeof(sig));
    /* A small buffer: cut, terminated, the needed length returned. */
    char small[10];
    CU_ASSERT_EQUAL(p0f_packet_format(&pk, 0, small, sizeof(small)), need);
    CU_ASSERT_EQUAL(strlen(small), sizeof(small) - 1);
}

static void test_errors(void)
{
    p0f_packet_t pk;
    raw_t r = linux_syn();
    size_t n = mkraw(&r, buf);

    CU_ASSERT_EQUAL(p0f_packet_parse(buf, 0, &pk), P0F_ERR_TRUNCATED);
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, 19, &pk), P0F_ERR_TRUNCATED);
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, 30, &pk), P0F_ERR_TRUNCATED); /* TCP header cut */
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, 45, &pk), P0F_ERR_TRUNCATED); /* options cut */
    CU_ASSERT_EQUAL(p0f_packet_parse(NULL, 10, &pk), P0F_ERR_ARG);
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, n, NULL), P0F_ERR_ARG);

    buf[0] = 0x55;
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, n, &pk), P0F_ERR_NOT_IP);
    buf[0] = 0x44; /* IHL 4 */
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, n, &pk), P0F_ERR_HEADER);
    buf[0] = 0x4f; /* IHL 15: no room for TCP */
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, n, &pk), P0F_ERR_HEADER);
    mkraw(&r, buf);
    buf[9] = 17;
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, n, &pk), P0F_ERR_NOT_TCP);
    mkraw(&r, buf);
    buf[6] = 0x20; /* MF */
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, n, &pk), P0F_ERR_FRAGMENT);
    mkraw(&r, buf);
    buf[7] = 0x08; /* offset */
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, n, &pk), P0F_ERR_FRAGMENT);
    mkraw(&r, buf);
    buf[20 + 12] = 0x40; /* doff 4 */
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, n, &pk), P0F_ERR_HEADER);
    buf[20 + 12] = 0xf0; /* doff 15, past the IP length */
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, n, &pk), P0F_ERR_HEADER);
    mkraw(&r, buf);
    buf[2] = 0, buf[3] = 30; /* IP length too short for TCP */
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, n, &pk), P0F_ERR_HEADER);

    static const struct {
        uint8_t flags;
        p0f_status_t st;
    } fl[] = {{0x00, P0F_ERR_FLAGS}, {0x03, P0F_ERR_FLAGS}, {0x06, P0F_ERR_FLAGS},
              {0x05, P0F_ERR_FLAGS}, {0x08, P0F_ERR_FLAGS}, {0x10, P0F_ERR_NOT_SYN},
              {0x04, P0F_ERR_NOT_SYN}, {0x11, P0F_ERR_NOT_SYN}, {0x18, P0F_ERR_NOT_SYN},
              {0x12, P0F_OK}, {0x02 | 0x08 | 0x20 | 0x40 | 0x80, P0F_OK}};
    for (size_t i = 0; i < sizeof(fl) / sizeof(fl[0]); i++) {
        r.flags = fl[i].flags;
        CU_ASSERT_EQUAL(parse(&r, &pk), fl[i].st);
    }

    /* IPv6: extension header, short payload length. */
    r = linux_syn();
    r.v6 = 1;
    n = mkraw(&r, buf);
    buf[6] = 0; /* hop-by-hop */
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, n, &pk), P0F_ERR_NOT_TCP);
    mkraw(&r, buf);
    buf[4] = 0, buf[5] = 10;
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, n, &pk), P0F_ERR_HEADER);
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, 39, &pk), P0F_ERR_TRUNCATED);
}

static void test_payload_truncation_ipopts(void)
{
    raw_t r = linux_syn();
    r.payload = 100;
    p0f_packet_t pk;
    size_t n = mkraw(&r, buf);
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, n, &pk), P0F_OK);
    CU_ASSERT_EQUAL(pk.pay_len, 100);
    CU_ASSERT_FALSE(pk.truncated);
    /* Captured up to the end of the TCP header only (snap length). */
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, 60, &pk), P0F_OK);
    CU_ASSERT_EQUAL(pk.pay_len, 100);
    CU_ASSERT(pk.truncated);
    char sig[P0F_SIG_TEXT_MAX];
    p0f_packet_format(&pk, 0, sig, sizeof(sig));
    HS_ASSERT_STR(sig, "4:64+0:0:1460:mss*20,7:mss,sok,ts,nop,ws:df,id+:+");
    /* Ethernet padding after the IP length is ignored. */
    r.payload = 0;
    n = mkraw(&r, buf);
    memset(buf + n, 0xff, 6);
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, n + 6, &pk), P0F_OK);
    CU_ASSERT_EQUAL(pk.pay_len, 0);
    /* IPv4 options. */
    r.ip_opts = 8;
    n = mkraw(&r, buf);
    CU_ASSERT_EQUAL(p0f_packet_parse(buf, n, &pk), P0F_OK);
    CU_ASSERT_EQUAL(pk.ip_opt_len, 8);
    CU_ASSERT_EQUAL(pk.tot_hdr, 28 + 40);
}

static void test_format_forms(void)
{
    p0f_packet_t pk = mkpk(4, 200, 3000, 1460, 0, "mss,nop,ws", 0, 0);
    char sig[P0F_SIG_TEXT_MAX];
    p0f_packet_format(&pk, 0, sig, sizeof(sig));
    HS_ASSERT_STR(sig, "4:200+?:0:1460:mtu*2,0:mss,nop,ws::0"); /* dist 55 > 35 */
    pk = mkpk(4, 120, 65535, 1460, 0, "mss", 0, 1);
    pk.mss = P0F_SPECIAL_MSS;
    p0f_packet_format(&pk, 0, sig, sizeof(sig));
    HS_ASSERT_STR(sig, "4:120+8:0:*:65535,0:mss::0");
    /* Peer MSS: a SYN+ACK whose window is a multiple of the SYN's MSS. */
    pk = mkpk(4, 64, 1400 * 3, 536, 0, "mss", 0, 1);
    p0f_packet_format(&pk, 1400, sig, sizeof(sig));
    HS_ASSERT_STR(sig, "4:64+0:0:536:mss*3,0:mss::0");
    p0f_packet_format(&pk, 0, sig, sizeof(sig));
    HS_ASSERT_STR(sig, "4:64+0:0:536:4200,0:mss::0");
}

/* Random headers (seeded): no crash, no read past len (ASan builds). */
static void test_random_packets(void)
{
    uint32_t seed = 777;
    for (int round = 0; round < 20000; round++) {
        raw_t r = linux_syn();
        size_t n = mkraw(&r, buf);
        for (int k = 0; k < 6; k++) {
            seed = seed * 1103515245u + 12345u;
            buf[(seed >> 8) % n] = (uint8_t)(seed >> 20);
        }
        seed = seed * 1103515245u + 12345u;
        size_t len = (seed >> 16) % (n + 1);
        uint8_t *copy = malloc(len ? len : 1);
        memcpy(copy, buf, len);
        p0f_packet_t pk;
        p0f_packet_parse(copy, len, &pk);
        CU_ASSERT(pk.opt_cnt <= P0F_MAX_TCP_OPT);
        free(copy);
    }
}

static CU_TestInfo tests[] = {
    {"Linux SYN over IPv4", test_linux_ipv4},
    {"IPv6: flow label, ECN", test_ipv6},
    {"quirks", test_quirks},
    {"options", test_options},
    {"absurd option layouts", test_absurd_layouts},
    {"errors", test_errors},
    {"payload, truncation, IP options", test_payload_truncation_ipopts},
    {"raw_sig forms", test_format_forms},
    {"random packets", test_random_packets},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN("p0f packet", tests)

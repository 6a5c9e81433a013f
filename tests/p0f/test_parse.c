/*
 * test_parse.c - reading p0f.fp: every signature form p0f accepts, the
 * sections, labels, classes and sys lines, and hostile or broken lines
 * (one message naming file and line each, the rest still loaded).
 */
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "p0f_test.h"

#define GOOD_SIG "sig = *:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0\n"
#define HEAD CLASSES "[tcp:request]\nlabel = s:unix:Good:1\n"

/* A packet GOOD_SIG matches. */
static p0f_packet_t good_packet(void)
{
    return mkpk(4, 64, 29200, 1460, 7, "mss,sok,ts,nop,ws", P0F_QUIRK_DF | P0F_QUIRK_NZ_ID, 0);
}

static void test_sections_and_counts(void)
{
    const char *text = "; a comment\n"
                       "classes = win,unix,other\n"
                       "\n"
                       "[mtu]\n"
                       "label = Ethernet or modem\n"
                       "sig   = 1500\n"
                       "[tcp:request]\n"
                       "label = s:unix:Linux:3.11 and newer\n"
                       "sig   = *:64:0:*:mss*20,10:mss,sok,ts,nop,ws:df,id+:0\n"
                       "sig   = *:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0\n"
                       "label = s:win:Windows:7 or 8\n"
                       "sig   = *:128:0:*:8192,8:mss,nop,ws,nop,nop,sok:df,id+:0\n"
                       "[tcp:response]\n"
                       "label = s:unix:Linux:3.x\n"
                       "sig   = *:64:0:*:mss*10,0:mss:df:0\n"
                       "[http:request]\n"
                       "ua_os = Linux,Windows,iOS=[iPad]\n"
                       "label = s:!:Firefox:2.x\n"
                       "sys   = Windows,@unix\n"
                       "sig   = *:Host,User-Agent,Accept=[,*/*;q=],?Accept-Language:Accept-Charset,"
                       "Keep-Alive:Firefox/\n"
                       "[http:response]\n"
                       "label = s:!:Apache:2.x\n"
                       "sig   = 1:Date,Server:Keep-Alive:Apache\n";
    p0f_msgs_t msgs;
    p0f_db_t *db = load_ok(text, &msgs);
    CU_ASSERT_EQUAL(msgs.total, 0);
    CU_ASSERT_EQUAL(p0f_db_sig_count(db, P0F_DIR_SYN), 3);
    CU_ASSERT_EQUAL(p0f_db_sig_count(db, P0F_DIR_SYNACK), 1);
    p0f_packet_t pk = good_packet();
    HS_ASSERT_STR(answer(db, &pk, 0, NULL), "Linux 3.11 and newer");
    p0f_db_free(db);
}

/* One sig line (the value) matched against one packet: the answer. */
typedef struct {
    const char *sig;
    p0f_packet_t pk;
    const char *want; /* "S" (matched) or "???" */
} form_case_t;

static void test_every_sig_form(void)
{
    uint32_t dfid = P0F_QUIRK_DF | P0F_QUIRK_NZ_ID;
    p0f_packet_t lnx = good_packet();
    p0f_packet_t v6 = mkpk(6, 64, 29200, 1440, 7, "mss,sok,ts,nop,ws", 0, 0);
    p0f_packet_t opts4 = lnx;
    opts4.ip_opt_len = 4;
    p0f_packet_t ttl10 = lnx;
    ttl10.ttl = 10;
    p0f_packet_t pay = lnx;
    pay.pay_len = 5;
    p0f_packet_t eol = mkpk(4, 64, 65535, 1460, 3, "mss,nop,ws,nop,nop,ts,sok,eol+1", dfid, 0);
    p0f_packet_t unk = mkpk(4, 64, 1024, 1460, 0, "mss,?30,sack", 0, 0);
    p0f_packet_t mtu = mkpk(4, 64, 2920 + 80, 1460, 0, "mss,nop,ws", 0, 0); /* (1460+40)*2 */

    form_case_t cases[] = {
        /* ver */
        {"4:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0", lnx, "S"},
        {"6:64:0:*:mss*20,7:mss,sok,ts,nop,ws::0", lnx, "???"},
        {"6:64:0:*:%10,7:mss,sok,ts,nop,ws::0", v6, "S"},
        {"*:64:0:*:%10,7:mss,sok,ts,nop,ws:df,id+:0", v6, "S"}, /* df, id+ ignored on IPv6 */
        /* ittl forms */
        {"*:54+10:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0", lnx, "S"},
        {"*:64-:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0", ttl10, "S"},
        {"*:32:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0", lnx, "S"}, /* fuzzy */
        /* olen */
        {"*:64:4:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0", opts4, "S"},
        {"*:64:4:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0", lnx, "???"},
        /* mss */
        {"*:64:0:1460:mss*20,7:mss,sok,ts,nop,ws:df,id+:0", lnx, "S"},
        {"*:64:0:1400:mss*20,7:mss,sok,ts,nop,ws:df,id+:0", lnx, "???"},
        /* window */
        {"*:64:0:*:29200,7:mss,sok,ts,nop,ws:df,id+:0", lnx, "S"},
        {"*:64:0:*:*,7:mss,sok,ts,nop,ws:df,id+:0", lnx, "S"},
        {"*:64:0:*:%7300,7:mss,sok,ts,nop,ws:df,id+:0", lnx, "S"},
        {"*:64:0:*:%7301,7:mss,sok,ts,nop,ws:df,id+:0", lnx, "???"},
        {"*:64:0:*:mss*19,7:mss,sok,ts,nop,ws:df,id+:0", lnx, "???"},
        {"*:64:0:*:mtu*2,0:mss,nop,ws::0", mtu, "S"},
        {"*:64:0:*:mss*2,0:mss,nop,ws::0", mtu, "???"},
        /* scale */
        {"*:64:0:*:mss*20,*:mss,sok,ts,nop,ws:df,id+:0", lnx, "S"},
        {"*:64:0:*:mss*20,8:mss,sok,ts,nop,ws:df,id+:0", lnx, "???"},
        /* layouts */
        {"*:64:0:*:65535,3:mss,nop,ws,nop,nop,ts,sok,eol+1:df,id+:0", eol, "S"},
        {"*:64:0:*:65535,3:mss,nop,ws,nop,nop,ts,sok,eol+2:df,id+:0", eol, "???"},
        {"*:64:0:1460:1024,0:mss,?30,sack:id-:0", unk, "???"}, /* quirks differ: id- added ok */
        {"*:64:0:1460:1024,0:mss,?30,sack::0", unk, "S"},
        {"*:64:0:1460:1024,0:?2,?30,?5::0", unk, "S"}, /* ?N names any kind */
        /* pclass */
        {"*:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:+", pay, "S"},
        {"*:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:+", lnx, "???"},
        {"*:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:*", pay, "S"},
        {"*:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0", pay, "???"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char text[512];
        snprintf(text, sizeof(text), CLASSES "[tcp:request]\nlabel = s:unix:S:\nsig = %s\n",
                 cases[i].sig);
        p0f_msgs_t msgs;
        p0f_db_t *db = load_ok(text, &msgs);
        CU_ASSERT_EQUAL(msgs.total, 0);
        if (msgs.total)
            fprintf(stderr, "\n  %s\n", msgs.text[0]);
        if (!db)
            continue;
        const char *got = answer(db, &cases[i].pk, 0, NULL);
        if (strcmp(got, cases[i].want) != 0)
            fprintf(stderr, "\n  case %zu (%s)", i, cases[i].sig);
        HS_ASSERT_STR(got, cases[i].want);
        p0f_db_free(db);
    }
}

static void test_every_quirk(void)
{
    static const struct {
        const char *name;
        uint32_t bit;
    } q[] = {
        {"df", P0F_QUIRK_DF},          {"id+", P0F_QUIRK_NZ_ID},
        {"id-", P0F_QUIRK_ZERO_ID},    {"ecn", P0F_QUIRK_ECN},
        {"0+", P0F_QUIRK_NZ_MBZ},      {"seq-", P0F_QUIRK_ZERO_SEQ},
        {"ack+", P0F_QUIRK_NZ_ACK},    {"ack-", P0F_QUIRK_ZERO_ACK},
        {"uptr+", P0F_QUIRK_NZ_URG},   {"urgf+", P0F_QUIRK_URG},
        {"pushf+", P0F_QUIRK_PUSH},    {"ts1-", P0F_QUIRK_OPT_ZERO_TS1},
        {"ts2+", P0F_QUIRK_OPT_NZ_TS2}, {"opt+", P0F_QUIRK_OPT_EOL_NZ},
        {"exws", P0F_QUIRK_OPT_EXWS},  {"bad", P0F_QUIRK_OPT_BAD},
    };
    for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
        char text[256];
        snprintf(text, sizeof(text), CLASSES "[tcp:request]\nlabel = s:unix:Q:\n"
                                             "sig = 4:64:0:1460:1024,0:mss:%s:0\n",
                 q[i].name);
        p0f_db_t *db = load_ok(text, NULL);
        p0f_packet_t pk = mkpk(4, 64, 1024, 1460, 0, "mss", q[i].bit, 0);
        HS_ASSERT_STR(answer(db, &pk, 0, NULL), "Q");
        pk.quirks = q[i].bit | P0F_QUIRK_PUSH | P0F_QUIRK_URG;
        if (q[i].bit != P0F_QUIRK_PUSH && q[i].bit != P0F_QUIRK_URG)
            HS_ASSERT_STR(answer(db, &pk, 0, NULL), "???");
        p0f_db_free(db);
    }
    /* flow, IPv6 only; and a list of several */
    p0f_db_t *db = load_ok(CLASSES "[tcp:request]\nlabel = s:unix:Q:\n"
                                   "sig = 6:64:0:1460:1024,0:mss:flow,ecn,seq-:0\n"
                                   "sig = 4:64:0:1460:1024,0:mss:df,id+,ecn,0+,pushf+:0\n",
                           NULL);
    p0f_packet_t pk = mkpk(6, 64, 1024, 1460, 0, "mss",
                           P0F_QUIRK_FLOW | P0F_QUIRK_ECN | P0F_QUIRK_ZERO_SEQ, 0);
    HS_ASSERT_STR(answer(db, &pk, 0, NULL), "Q");
    pk = mkpk(4, 64, 1024, 1460, 0, "mss",
              P0F_QUIRK_DF | P0F_QUIRK_NZ_ID | P0F_QUIRK_ECN | P0F_QUIRK_NZ_MBZ | P0F_QUIRK_PUSH,
              0);
    HS_ASSERT_STR(answer(db, &pk, 0, NULL), "Q");
    p0f_db_free(db);
}

/* Hostile or broken sig values: each one message on its line; the good
 * signature after it still loads. */
static void test_bad_sig_lines(void)
{
    static const struct {
        const char *val;
        const char *why; /* part of the message */
    } bad[] = {
        {"", "IP version"},
        {"5:64:0:*:*,*::0", "IP version"},
        {"4-64:0:*:*,*::0", "malformed"},
        {"4:0:0:*:*,*::0", "TTL"},
        {"4:256:0:*:*,*::0", "TTL"},
        {"4:99999999999999999999999:0:*:*,*::0", "TTL"},
        {"4:64x:0:*:*,*::0", "TTL"},
        {"4:200+60:0:*:*,*::0", "TTL"},
        {"4:64+x:0:*:*,*::0", "distance"},
        {"4:64-5:0:*:*,*::0", "TTL"},
        {"4:64:256:*:*,*::0", "option length"},
        {"4:64:x:*:*,*::0", "option length"},
        {"4:64:0:65536:*,*::0", "MSS"},
        {"4:64:0:1460x:*,*::0", "MSS"},
        {"4:64:0:*:%1,*::0", "'%'"},
        {"4:64:0:*:%70000,*::0", "'%'"},
        {"4:64:0:*:%,*::0", "'%'"},
        {"4:64:0:*:mss*0,*::0", "multiplier"},
        {"4:64:0:*:mtu*1001,*::0", "multiplier"},
        {"4:64:0:*:mss*x,*::0", "window"},
        {"4:64:0:*:70000,*::0", "window size"},
        {"4:64:0:*:1024:*::0", "window"},
        {"4:64:0:*:*,256::0", "scale"},
        {"4:64:0:*:*,7,:0", "scale"},
        {"4:64:0:*:*,*:foo::0", "TCP option"},
        {"4:64:0:*:*,*:eol::0", "EOL"},
        {"4:64:0:*:*,*:eol+1,mss::0", "last"},
        {"4:64:0:*:*,*:eol+256::0", "EOL padding"},
        {"4:64:0:*:*,*:mss,eol+1", "truncated"},
        {"4:64:0:*:*,*:?256::0", "'?'"},
        {"4:64:0:*:*,*:?x::0", "'?'"},
        {"4:64:0:*:*,*:mss;ws::0", "TCP options"},
        {"4:64:0:*:*,*:nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,"
         "nop,nop,nop,nop,nop,nop,nop::0",
         "too many"},
        {"4:64:0:*:*,*::zz:0", "quirk"},
        {"4:64:0:*:*,*::df;id+:0", "quirks"},
        {"6:64:0:*:*,*::df:0", "IPv6"},
        {"6:64:0:*:*,*::id+:0", "IPv6"},
        {"6:64:0:*:*,*::0+:0", "IPv6"},
        {"4:64:0:*:*,*::flow:0", "IPv4"},
        {"4:64:0:*:*,*::df:x", "payload"},
        {"4:64:0:*:*,*::df:00", "payload"},
        {"4:64:0:*:*,*::df:", "payload"},
        {"4:64:0:*:*,*::df", "quirk"},
        {"4:64:0:*:*,*:mss", "TCP option"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char text[1024];
        snprintf(text, sizeof(text), HEAD GOOD_SIG "sig = %s\n"
                 "label = s:unix:After:\nsig = 4:64:0:1460:1024,0:mss::0\n",
                 bad[i].val);
        p0f_msgs_t msgs;
        p0f_db_t *db = load_ok(text, &msgs);
        if (msgs.total != 1)
            fprintf(stderr, "\n  '%s': %u messages (%s)", bad[i].val, msgs.total,
                    msgs.kept ? msgs.text[0] : "");
        CU_ASSERT_EQUAL(msgs.total, 1);
        CU_ASSERT_EQUAL(p0f_db_sig_count(db, P0F_DIR_SYN), 2);
        if (msgs.kept) {
            CU_ASSERT(strncmp(msgs.text[0], "t.fp:5: ", 8) == 0);
            if (!strstr(msgs.text[0], bad[i].why))
                fprintf(stderr, "\n  '%s': message '%s' lacks '%s'", bad[i].val, msgs.text[0],
                        bad[i].why);
            CU_ASSERT_PTR_NOT_NULL(strstr(msgs.text[0], bad[i].why));
        }
        p0f_packet_t pk = good_packet();
        HS_ASSERT_STR(answer(db, &pk, 0, NULL), "Good 1");
        pk = mkpk(4, 64, 1024, 1460, 0, "mss", 0, 0);
        HS_ASSERT_STR(answer(db, &pk, 0, NULL), "After");
        p0f_db_free(db);
    }
}

static void test_bad_labels(void)
{
    static const char *bad[] = {
        "x:unix:Foo:1",  "s:nope:Foo:1", "s:unix::1",  "s:unix:Fo{o:1", "sunix:Foo:1",
        "s::Foo:1",      "s:unix:Foo",   "s:!x:Foo:1", "",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char text[512];
        snprintf(text, sizeof(text),
                 HEAD GOOD_SIG "label = %s\nsig = 4:64:0:1460:1024,0:mss::0\n"
                               "sig = 4:64:0:1460:2048,0:mss::0\n"
                               "label = s:other:After:\nsig = 4:64:0:1460:3072,0:mss::0\n",
                 bad[i]);
        p0f_msgs_t msgs;
        p0f_db_t *db = load_ok(text, &msgs);
        /* One message for the label; its two sigs are skipped silently. */
        CU_ASSERT_EQUAL(msgs.total, 1);
        if (msgs.kept)
            CU_ASSERT(strncmp(msgs.text[0], "t.fp:5: ", 8) == 0);
        CU_ASSERT_EQUAL(p0f_db_sig_count(db, P0F_DIR_SYN), 2);
        p0f_packet_t pk = mkpk(4, 64, 1024, 1460, 0, "mss", 0, 0);
        HS_ASSERT_STR(answer(db, &pk, 0, NULL), "???");
        pk.win = 3072;
        p0f_result_t r;
        HS_ASSERT_STR(answer(db, &pk, 0, &r), "After");
        HS_ASSERT_STR(r.os_class, "other");
        p0f_db_free(db);
    }
}

static void test_misplaced_lines(void)
{
    static const struct {
        const char *text;
        unsigned msgs;
        size_t sigs;
    } cases[] = {
        /* sig before any label */
        {CLASSES "[tcp:request]\nsig = 4:64:0:1460:1024,0:mss::0\n" "label = s:unix:A:\n" GOOD_SIG,
         1, 1},
        /* classes after a section */
        {CLASSES "[tcp:request]\nclasses = foo\nlabel = s:unix:A:\n" GOOD_SIG, 1, 1},
        /* sys after a non-'!' label */
        {HEAD "sys = Linux\n" GOOD_SIG, 1, 1},
        /* sig after a '!' label without sys */
        {HEAD GOOD_SIG "label = s:!:NMap:SYN scan\nsig = *:64-:0:1460:1024,0:mss::0\n", 1, 1},
        /* '!' label with sys: fine */
        {HEAD GOOD_SIG "label = s:!:NMap:SYN scan\nsys = @unix,@win,Linux\n"
                       "sig = *:64-:0:1460:1024,0:mss::0\n",
         0, 2},
        /* sys naming an unknown class: the label's sigs are skipped */
        {HEAD GOOD_SIG "label = s:!:NMap:SYN scan\nsys = @beos\n"
                       "sig = *:64-:0:1460:1024,0:mss::0\n",
         1, 1},
        /* malformed sys */
        {HEAD GOOD_SIG "label = s:!:NMap:SYN scan\nsys = Linux;BSD\n"
                       "sig = *:64-:0:1460:1024,0:mss::0\n",
         1, 1},
        /* unknown field, not 'name = value', unknown section and its content */
        {HEAD GOOD_SIG "foo = bar\njust words\n[tcp:sideways]\nlabel = s:unix:X:\n"
                       "sig = 4:64:0:1460:1024,0:mss::0\n[tcp:request]\nlabel = s:unix:B:\n"
                       "sig = 4:64:0:1460:2048,0:mss::0\n",
         3, 2},
        /* a section name with trailing junk */
        {HEAD GOOD_SIG "[tcp:request] x\nlabel = s:unix:B:\nsig = 4:64:0:1460:2048,0:mss::0\n", 1,
         1},
        /* a label or sig before any section */
        {CLASSES "label = s:unix:A:\nsig = 4:64:0:1460:2048,0:mss::0\n[tcp:request]\n"
                 "label = s:unix:A:\n" GOOD_SIG,
         2, 1},
        /* malformed classes */
        {"classes = win,un-ix\n[tcp:request]\nlabel = s:win:A:\n" GOOD_SIG, 1, 1},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        p0f_msgs_t msgs;
        p0f_db_t *db = load_ok(cases[i].text, &msgs);
        if (msgs.total != cases[i].msgs) {
            fprintf(stderr, "\n  case %zu: %u messages:", i, msgs.total);
            for (unsigned k = 0; k < msgs.kept; k++)
                fprintf(stderr, "\n    %s", msgs.text[k]);
        }
        CU_ASSERT_EQUAL(msgs.total, cases[i].msgs);
        CU_ASSERT_EQUAL(p0f_db_sig_count(db, P0F_DIR_SYN), cases[i].sigs);
        p0f_db_free(db);
    }
}

static void test_duplicates(void)
{
    p0f_msgs_t msgs;
    /* Covered by an earlier specific sig: refused.  Covered by a generic
     * one only: kept (p0f checks against specific matches). */
    p0f_db_t *db = load_ok(CLASSES "[tcp:request]\n"
                                   "label = g:unix:Gen:\n"
                                   "sig = *:64:0:*:*,*:mss::0\n"
                                   "label = s:unix:Spec:\n"
                                   "sig = *:64:0:1460:1024,0:mss::0\n"
                                   "sig = *:64:0:1460:1024,0:mss::0\n"
                                   "sig = *:64:0:1460:%512,0:mss::0\n"
                                   "sig = *:64:0:1460:%512,0:mss::0\n",
                           &msgs);
    CU_ASSERT_EQUAL(msgs.total, 2);
    CU_ASSERT_EQUAL(p0f_db_sig_count(db, P0F_DIR_SYN), 3);
    if (msgs.kept == 2) {
        HS_ASSERT_STR(msgs.text[0], "t.fp:7: signature already covered by line 6");
        HS_ASSERT_STR(msgs.text[1], "t.fp:9: signature already covered by line 8");
    }
    p0f_packet_t pk = mkpk(4, 64, 1024, 1460, 0, "mss", 0, 0);
    HS_ASSERT_STR(answer(db, &pk, 0, NULL), "Spec");
    p0f_db_free(db);

    /* As in p0f: a '*' signature with df or id+ is compared with its IPv6
     * quirks stripped, so its repetition is not noticed (and harmless). */
    db = load_ok(HEAD GOOD_SIG GOOD_SIG, &msgs);
    CU_ASSERT_EQUAL(msgs.total, 0);
    CU_ASSERT_EQUAL(p0f_db_sig_count(db, P0F_DIR_SYN), 2);
    p0f_db_free(db);
    /* ...but a '4' one is. */
    db = load_ok(HEAD "sig = 4:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0\n"
                      "sig = 4:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0\n",
                 &msgs);
    CU_ASSERT_EQUAL(msgs.total, 1);
    p0f_db_free(db);
}

static void test_whitespace_crlf_comments(void)
{
    const char *text = "  ; indented comment\r\n"
                       "classes = win,unix,other  \r\n"
                       "\t[tcp:request]\r\n"
                       "label=s:unix:Linux:3.11 and newer   \r\n"
                       "   sig   =   *:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0 \t\r\n"
                       ";sig = garbage\r\n"
                       "\r\n";
    p0f_msgs_t msgs;
    p0f_db_t *db = load_ok(text, &msgs);
    CU_ASSERT_EQUAL(msgs.total, 0);
    p0f_packet_t pk = good_packet();
    HS_ASSERT_STR(answer(db, &pk, 0, NULL), "Linux 3.11 and newer");
    p0f_db_free(db);
}

static void test_long_line_and_nul(void)
{
    size_t big = P0F_MAX_LINE + 100;
    char *text = malloc(big + 512);
    int n = snprintf(text, 512, HEAD "sig = ");
    memset(text + n, 'x', big);
    n += (int)big;
    n += snprintf(text + n, 512, "\n" GOOD_SIG "sig = 4:64:0:1460:1024,0:mss::0\n");
    /* A NUL inside the last line. */
    char *last = strstr(text + n - 40, "sig = 4:64:0:1460:1024");
    last[8] = '\0';
    p0f_msgs_t msgs;
    p0f_db_t *db = NULL;
    CU_ASSERT_EQUAL(p0f_db_load_text(text, (size_t)n, "t.fp", &db, &msgs), P0F_OK);
    CU_ASSERT_EQUAL(msgs.total, 2);
    if (msgs.kept == 2) {
        CU_ASSERT_PTR_NOT_NULL(strstr(msgs.text[0], "t.fp:4: line longer"));
        CU_ASSERT_PTR_NOT_NULL(strstr(msgs.text[1], "t.fp:6: NUL"));
    }
    CU_ASSERT_EQUAL(p0f_db_sig_count(db, P0F_DIR_SYN), 1);
    p0f_db_free(db);
    free(text);
}

static void test_message_cap(void)
{
    char text[8192];
    int n = snprintf(text, sizeof(text), HEAD);
    for (int i = 0; i < 40; i++)
        n += snprintf(text + n, sizeof(text) - (size_t)n, "sig = junk%d\n", i);
    snprintf(text + n, sizeof(text) - (size_t)n, GOOD_SIG);
    p0f_msgs_t msgs;
    p0f_db_t *db = load_ok(text, &msgs);
    CU_ASSERT_EQUAL(msgs.total, 40);
    CU_ASSERT_EQUAL(msgs.kept, P0F_MAX_MSGS);
    HS_ASSERT_STR(msgs.text[0], "t.fp:4: unrecognized IP version");
    CU_ASSERT_EQUAL(p0f_db_sig_count(db, P0F_DIR_SYN), 1);
    p0f_db_free(db);
}

static void test_names_case_and_flavor(void)
{
    p0f_db_t *db = load_ok(CLASSES "[tcp:request]\n"
                                   "label = s:UNIX:Linux:\n"
                                   "sig = 4:64:0:1460:1024,0:mss::0\n"
                                   "label = s:unix:linux:(Android)\n"
                                   "sig = 4:64:0:1460:2048,0:mss::0\n",
                           NULL);
    p0f_result_t r;
    p0f_packet_t pk = mkpk(4, 64, 1024, 1460, 0, "mss", 0, 0);
    HS_ASSERT_STR(answer(db, &pk, 0, &r), "Linux");
    CU_ASSERT_PTR_NULL(r.flavor);
    HS_ASSERT_STR(r.os_class, "unix"); /* the classes line's spelling */
    pk.win = 2048;
    HS_ASSERT_STR(answer(db, &pk, 0, &r), "Linux (Android)");
    HS_ASSERT_STR(r.name, "Linux");
    HS_ASSERT_STR(r.flavor, "(Android)");
    CU_ASSERT_EQUAL(r.line, 6);
    p0f_db_free(db);
}

static void test_files(void)
{
    p0f_db_t *db = (p0f_db_t *)1;
    p0f_msgs_t msgs;
    CU_ASSERT_EQUAL(p0f_db_load_file("/nonexistent/p0f.fp", &db, &msgs), P0F_ERR_OPEN);
    CU_ASSERT_PTR_NULL(db);
    CU_ASSERT_EQUAL(p0f_db_load_file("/", &db, &msgs), P0F_ERR_READ);
    CU_ASSERT_EQUAL(p0f_db_load_file(NULL, &db, &msgs), P0F_ERR_ARG);

    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char path[512];
    snprintf(path, sizeof(path), "%s/p0f-test-%d.fp", tmp, (int)getpid());
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fclose(f);
    CU_ASSERT_EQUAL(p0f_db_load_file(path, &db, &msgs), P0F_ERR_NO_SIGS);

    f = fopen(path, "w");
    fputs("garbage\n[tcp:request]\nsig = x\n", f);
    fclose(f);
    CU_ASSERT_EQUAL(p0f_db_load_file(path, &db, &msgs), P0F_ERR_NO_SIGS);
    CU_ASSERT_EQUAL(msgs.total, 2);
    char want[600];
    snprintf(want, sizeof(want), "%s:1: ", path);
    CU_ASSERT(strncmp(msgs.text[0], want, strlen(want)) == 0);

    f = fopen(path, "w");
    fputs(HEAD GOOD_SIG, f);
    fclose(f);
    CU_ASSERT_EQUAL(p0f_db_load_file(path, &db, &msgs), P0F_OK);
    CU_ASSERT_EQUAL(p0f_db_sig_count(db, P0F_DIR_SYN), 1);
    p0f_db_free(db);

    /* Unreadable (meaningless as root, who reads everything). */
    if (geteuid() != 0) {
        chmod(path, 0);
        CU_ASSERT_EQUAL(p0f_db_load_file(path, &db, &msgs), P0F_ERR_OPEN);
    }
    unlink(path);

    CU_ASSERT_EQUAL(p0f_db_load_text("x", P0F_MAX_FILE_SIZE + 1, "big", &db, NULL),
                    P0F_ERR_TOO_BIG);
    CU_ASSERT(strlen(p0f_strerror(P0F_ERR_OPEN)) > 0);
    CU_ASSERT(strlen(p0f_strerror((p0f_status_t)999)) > 0);
}

/* Debian's own file, when the p0f package is installed: loads cleanly. */
static void test_debian_file(void)
{
    p0f_db_t *db;
    p0f_msgs_t msgs;
    p0f_status_t st = p0f_db_load_file("/etc/p0f/p0f.fp", &db, &msgs);
    if (st == P0F_ERR_OPEN) {
        fprintf(stderr, "\n  (no /etc/p0f/p0f.fp: skipped) ");
        return;
    }
    CU_ASSERT_EQUAL_FATAL(st, P0F_OK);
    for (unsigned i = 0; i < msgs.kept; i++)
        fprintf(stderr, "\n  %s", msgs.text[i]);
    CU_ASSERT_EQUAL(msgs.total, 0);
    CU_ASSERT(p0f_db_sig_count(db, P0F_DIR_SYN) > 80);
    CU_ASSERT(p0f_db_sig_count(db, P0F_DIR_SYNACK) > 80);
    p0f_db_free(db);
}

/* Random lines (seeded): no crash, bounded, every line accounted for. */
static void test_random_lines(void)
{
    static const char alphabet[] = "0123456789*:,+-%?eolnopmsswktsacdfi!=[]\n ";
    uint32_t seed = 12345;
    char text[4096];
    for (int round = 0; round < 500; round++) {
        int n = snprintf(text, sizeof(text), CLASSES "[tcp:request]\nlabel = s:unix:R:\n");
        for (int i = 0; i < 300 && n < (int)sizeof(text) - 8; i++) {
            seed = seed * 1103515245u + 12345u;
            text[n++] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
            if (i % 60 == 0) {
                memcpy(text + n, "\nsig = ", 7);
                n += 7;
            }
        }
        p0f_db_t *db = NULL;
        p0f_msgs_t msgs;
        p0f_status_t st = p0f_db_load_text(text, (size_t)n, "r.fp", &db, &msgs);
        CU_ASSERT(st == P0F_OK || st == P0F_ERR_NO_SIGS);
        p0f_db_free(db);
    }
}

static CU_TestInfo tests[] = {
    {"sections and counts", test_sections_and_counts},
    {"every sig form", test_every_sig_form},
    {"every quirk", test_every_quirk},
    {"bad sig lines", test_bad_sig_lines},
    {"bad labels", test_bad_labels},
    {"misplaced lines", test_misplaced_lines},
    {"duplicates", test_duplicates},
    {"whitespace, CRLF, comments", test_whitespace_crlf_comments},
    {"long line and NUL", test_long_line_and_nul},
    {"message cap", test_message_cap},
    {"names: case and flavor", test_names_case_and_flavor},
    {"files", test_files},
    {"Debian's p0f.fp", test_debian_file},
    {"random lines", test_random_lines},
    CU_TEST_INFO_NULL,
};

HS_UNIT_MAIN("p0f parser", tests)

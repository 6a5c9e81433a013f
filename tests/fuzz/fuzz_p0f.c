/*
 * fuzz_p0f.c - the p0f module on arbitrary bytes.
 *
 * The first byte chooses: even, the rest is a fingerprint file (read,
 * then every packet of a small fixed set matched against it); odd, the
 * rest is a raw IP packet (parsed, formatted, matched against a fixed
 * file).  Besides "no crash, no out-of-bounds read" (ASan/UBSan) it checks
 * that the option layout stays bounded and that raw_sig fits its buffer.
 * Built as a libFuzzer target with HONEYSHARK_FUZZ, else as a program that
 * runs the corpus files (tests/p0f/corpus) as a test.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "p0f.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fixed_fp[] =
    "classes = win,unix,other\n"
    "[tcp:request]\n"
    "label = s:unix:Linux:3.11 and newer\n"
    "sig = *:64:0:*:mss*20,10:mss,sok,ts,nop,ws:df,id+:0\n"
    "sig = *:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0\n"
    "label = g:unix:Linux:2.2.x-3.x (barebone)\n"
    "sig = *:64:0:*:*,0:mss:df,id+:0\n"
    "label = s:win:Windows:7 or 8\n"
    "sig = *:128:0:*:8192,8:mss,nop,ws,nop,nop,sok:df,id+:0\n"
    "label = s:!:NMap:SYN scan\n"
    "sys = @unix,@win\n"
    "sig = *:64-:0:1460:1024,0:mss::0\n"
    "label = s:unix:OpenVMS:8.x\n"
    "sig = 4:128:0:1460:mtu*2,0:mss,nop,ws::0\n"
    "[tcp:response]\n"
    "label = s:unix:Linux:3.x\n"
    "sig = *:64:0:*:mss*10,*:mss,sok,ts,nop,ws:df:0\n"
    "sig = *:64:0:*:%1000,0:mss,eol+3:ecn:+\n";

static void check(const p0f_db_t *db, const p0f_packet_t *pk)
{
    char sig[P0F_SIG_TEXT_MAX];
    if (pk->opt_cnt > P0F_MAX_TCP_OPT)
        abort();
    if (p0f_packet_format(pk, 1400, sig, sizeof(sig)) >= sizeof(sig))
        abort();
    p0f_result_t r;
    if (p0f_match(db, pk, 1400, &r) == P0F_OK && r.kind != P0F_MATCH_NONE &&
        (!r.label || !r.os_class || !r.name))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static p0f_db_t *fixed;
    if (!fixed && p0f_db_load_text(fixed_fp, sizeof(fixed_fp) - 1, "fixed", &fixed, NULL) != P0F_OK)
        abort();
    if (size < 1)
        return 0;

    if (data[0] % 2 == 0) {
        p0f_db_t *db = NULL;
        p0f_msgs_t msgs;
        p0f_status_t st =
            p0f_db_load_text((const char *)data + 1, size - 1, "fuzz.fp", &db, &msgs);
        if (msgs.kept > P0F_MAX_MSGS || msgs.kept > msgs.total)
            abort();
        if (st == P0F_OK) {
            static const char *const layouts[] = {"", "\x02", "\x02\x04\x08\x01\x03",
                                                  "\x02\x01\x03\x01\x01\x04"};
            for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
                for (int ttl = 1; ttl < 256; ttl += 63) {
                    p0f_packet_t pk;
                    memset(&pk, 0, sizeof(pk));
                    pk.ip_ver = ttl % 2 ? 4 : 6;
                    pk.ttl = (uint8_t)ttl;
                    pk.tcp_flags = ttl > 128 ? 0x12 : 0x02;
                    pk.mss = 1460;
                    pk.win = (uint16_t)(1460 * (ttl % 40 + 1));
                    pk.opt_cnt = (uint8_t)strlen(layouts[i]);
                    memcpy(pk.opt_layout, layouts[i], pk.opt_cnt);
                    pk.quirks = (uint32_t)ttl * 2654435761u & 0x1ffff;
                    check(db, &pk);
                }
            }
        } else if (db) {
            abort();
        }
        p0f_db_free(db);
    } else {
        /* A copy of exactly size - 1 bytes, so ASan sees any overread. */
        uint8_t *copy = malloc(size - 1 ? size - 1 : 1);
        if (!copy)
            return 0;
        memcpy(copy, data + 1, size - 1);
        p0f_packet_t pk;
        p0f_status_t st = p0f_packet_parse(copy, size - 1, &pk);
        if (st == P0F_OK || st == P0F_ERR_NOT_SYN)
            check(fixed, &pk);
        free(copy);
    }
    return 0;
}

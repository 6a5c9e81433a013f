/*
 * p0f_pcap.c - runs the p0f module over a classic pcap file (Ethernet, raw
 * IP or Linux cooked), printing one line per SYN / SYN+ACK:
 *
 *   frame <TAB> src/port <TAB> syn|syn+ack <TAB> os|app|??? <TAB> label <TAB> match <TAB> dist <TAB> raw_sig
 *
 *   p0f_pcap [-f p0f.fp] capture.pcap
 *
 * A test tool: it lets the end-to-end test compare the library with the
 * real p0f without tshark, and helps to look at one capture by hand.
 * SYN+ACKs get the MSS of their SYN (p0f_peer.c), as in p0f.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "p0f.h"

int main(int argc, char **argv)
{
    const char *fp = "/etc/p0f/p0f.fp", *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-f") == 0 && i + 1 < argc)
            fp = argv[++i];
        else
            path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: p0f_pcap [-f p0f.fp] capture.pcap\n");
        return 2;
    }
    p0f_msgs_t msgs;
    p0f_db_t *db;
    p0f_status_t st = p0f_db_load_file(fp, &db, &msgs);
    for (unsigned i = 0; i < msgs.kept; i++)
        fprintf(stderr, "%s\n", msgs.text[i]);
    if (st != P0F_OK) {
        fprintf(stderr, "%s: %s\n", fp, p0f_strerror(st));
        return 2;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 2;
    }
    uint32_t gh[6];
    if (fread(gh, 4, 6, f) != 6 || (gh[0] != 0xa1b2c3d4 && gh[0] != 0xa1b23c4d)) {
        fprintf(stderr, "%s: not a native-order classic pcap file\n", path);
        return 2;
    }
    uint32_t link = gh[5];
    size_t link_off = link == 1 ? 14 : link == 113 ? 16 : link == 101 ? 0 : 14;
    static uint8_t frame[262144];
    p0f_peer_t *peer = p0f_peer_new();
    uint32_t rh[4];
    unsigned long num = 0;
    while (fread(rh, 4, 4, f) == 4) {
        num++;
        if (rh[2] > sizeof(frame) || fread(frame, 1, rh[2], f) != rh[2])
            break;
        if (rh[2] <= link_off)
            continue;
        const uint8_t *ip = frame + link_off;
        p0f_packet_t pk;
        if (p0f_packet_parse(ip, rh[2] - link_off, &pk) != P0F_OK)
            continue;
        p0f_dir_t dir;
        p0f_packet_dir(&pk, &dir);
        p0f_peer_note(peer, &pk);
        uint16_t syn_mss = p0f_peer_syn_mss(peer, &pk);
        p0f_result_t r;
        p0f_match(db, &pk, syn_mss, &r);
        char sig[P0F_SIG_TEXT_MAX], addr[INET6_ADDRSTRLEN];
        p0f_packet_format(&pk, syn_mss, sig, sizeof(sig));
        inet_ntop(pk.ip_ver == 4 ? AF_INET : AF_INET6, pk.src, addr, sizeof(addr));
        printf("%lu\t%s/%u\t%s\t%s\t%s\t%s\t%u\t%s\n", num, addr, pk.sport,
               dir == P0F_DIR_SYN ? "syn" : "syn+ack",
               r.kind == P0F_MATCH_NONE ? "???" : r.app ? "app" : "os",
               r.label ? r.label : "???", p0f_match_name(r.kind), r.dist, sig);
    }
    fclose(f);
    p0f_peer_free(peer);
    p0f_db_free(db);
    return 0;
}

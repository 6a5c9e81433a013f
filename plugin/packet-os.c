/*
 * packet-os.c - passive OS fingerprinting: src.os, src.os_class and
 * src.os_match on TCP SYN and SYN+ACK packets, from p0f v3 signatures.
 *
 * A postdissector (the transum pattern) whose fields live under the `src`
 * protocol of packet-src.c.  It asks for ip.src and ipv6.src, the fields
 * packet-src.c wants too (so wanting them costs nothing more), and finds
 * the outermost IP header from the source address's place in it.  On a
 * SYN or SYN+ACK (anything else costs a look at one flags byte) it hands
 * the raw bytes of that header and the TCP header after it to the pure-C
 * p0f module (p0f/p0f.h), which answers as p0f 3.09b would.
 *
 * The fingerprint file is the src.p0f_file preference (Debian's p0f
 * package installs /etc/p0f/p0f.fp).  It is read when a SYN first wants the
 * fields, and again only after the preference changes.  A file that cannot
 * be used is one warning (report_warning: stderr in tshark, a dialog in the
 * GUI) plus expert info on the frame where it was noticed; lines of the
 * file that cannot be used are one summary warning naming the first few.
 */
#define WS_LOG_DOMAIN "honeyshark"

#include <errno.h>

#include <wireshark.h>

#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto_data.h>
#include <wsutil/report_message.h>

#include "hs_postdissector.h"
#include "hs_protocols.h"
#include "p0f.h"

/* The `src` protocol (or, without packet-src.c, a stand-in "srcos"). */
static int proto_os = -1;

static int hf_os = -1;
static int hf_os_class = -1;
static int hf_os_match = -1;
static int hf_os_dist = -1;
static int hf_os_sig = -1;

static gint ett_os = -1;

static expert_field ei_os_no_file = EI_INIT;


/* Fields of other dissectors, looked up by name in the handoff. */
static int proto_ip = -1;
static int proto_ipv6 = -1;

/* How far into a frame the IP header is looked for (link-layer headers). */
#define OS_MAX_LINK_HEADER 256

/* Frame data key: a SYN+ACK's peer MSS, found on the first pass (+1). */
#define OS_PDATA_SYN_MSS 0x70f0

#define DEFAULT_P0F_FILE "/etc/p0f/p0f.fp"

/* How many messages about bad lines the summary warning quotes. */
#define OS_QUOTED_MSGS 3

static const char *pref_p0f_file = DEFAULT_P0F_FILE;

static struct {
    p0f_db_t *db;
    char *loaded;         /* the preference value db (or its failure) is for */
    gboolean dirty;       /* (re)load before the next use */
    char *problem;        /* why the file cannot be used, g_malloc'd */
    guint32 problem_frame; /* the frame that shows it as expert info; 0 = not yet */
    p0f_peer_t *peer;     /* SYNs' MSS for their SYN+ACKs, per capture file */
} os = {.dirty = TRUE};

void proto_register_os(void);
void proto_reg_handoff_os(void);

/* ---- the fingerprint file ---- */

static void load_file(void)
{
    p0f_msgs_t *msgs = g_new0(p0f_msgs_t, 1);
    const char *path = pref_p0f_file ? pref_p0f_file : "";

    p0f_db_free(os.db);
    os.db = NULL;
    g_free(os.problem);
    os.problem = NULL;
    os.problem_frame = 0;
    g_free(os.loaded);
    os.loaded = g_strdup(path);
    os.dirty = FALSE;

    if (!*path) {
        g_free(msgs);
        return; /* fingerprinting switched off: nothing to say */
    }
    errno = 0;
    p0f_status_t st = p0f_db_load_file(path, &os.db, msgs);
    int why = st == P0F_ERR_OPEN || st == P0F_ERR_READ ? errno : 0; /* fopen's, fread's */
    if (st != P0F_OK) {
        os.problem = g_strdup_printf(
            "p0f fingerprint file \"%s\": %s%s%s; src.os fields are left out (install p0f, "
            "or set the src.p0f_file preference: tshark -o src.p0f_file:FILE)",
            path, p0f_strerror(st), why ? ": " : "", why ? g_strerror(why) : "");
        report_warning("honeyshark: %s", os.problem);
    } else {
        ws_info("p0f: %zu SYN and %zu SYN+ACK signatures from %s",
                p0f_db_sig_count(os.db, P0F_DIR_SYN), p0f_db_sig_count(os.db, P0F_DIR_SYNACK),
                path);
    }
    if (msgs->total) {
        GString *s = g_string_new(NULL);
        g_string_printf(s, "%u line%s of the p0f fingerprint file \"%s\" could not be used and "
                        "%s skipped",
                        msgs->total, msgs->total == 1 ? "" : "s", path,
                        msgs->total == 1 ? "was" : "were");
        for (unsigned i = 0; i < msgs->kept && i < OS_QUOTED_MSGS; i++)
            g_string_append_printf(s, "%s %s", i ? ";" : ":", msgs->text[i]);
        if (msgs->total > OS_QUOTED_MSGS)
            g_string_append(s, "; ...");
        report_warning("honeyshark: %s", s->str);
        g_string_free(s, TRUE);
    }
    g_free(msgs);
}

/* ---- per packet ---- */

/* The IP header: its tvb and offset, found from its source address (12
 * bytes into an IPv4 header, 8 into IPv6); FALSE when there is none, or
 * several (a tunnel). */
static gboolean outermost_ip(packet_info *pinfo, tvbuff_t *frame, tvbuff_t **tvb, gint *start)
{
    /* Wanting ip.src would make Wireshark build it on every packet.  With
     * one IP header (no tunnel: p0f, too, reads the outermost only),
     * pinfo->net_src, the source address, leads to the header. */
    guint n_ip = 0;
    for (wmem_list_frame_t *f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(f));
        n_ip += id == proto_ip || id == proto_ipv6;
    }
    const address *src = &pinfo->net_src;
    gint off;
    if (n_ip != 1 || !src->data)
        return FALSE;
    if (src->type == AT_IPv4 && src->len == 4)
        off = 12;
    else if (src->type == AT_IPv6 && src->len == 16)
        off = 8;
    else
        return FALSE;
    guint len = tvb_captured_length(frame);
    const guint8 *base = tvb_get_ptr(frame, 0, (gint)len);
    const guint8 *a = src->data;
    *tvb = frame;
    /* IPv4 points into the packet's bytes (one buffer only: a reassembled
     * datagram lives elsewhere)... */
    if ((guintptr)a >= (guintptr)base + (guintptr)off && (guintptr)a - (guintptr)base < len) {
        *start = (gint)((guintptr)a - (guintptr)base) - off;
        return TRUE;
    }
    /* ...IPv6 keeps a copy: find the header behind the link layer by its
     * version and source address. */
    guint8 version = src->type == AT_IPv4 ? 4 : 6;
    for (guint o = 0; o < OS_MAX_LINK_HEADER && o + (guint)off + (guint)src->len <= len; o++) {
        if ((base[o] >> 4) == version && memcmp(base + o + off, a, (size_t)src->len) == 0) {
            *start = (gint)o;
            return TRUE;
        }
    }
    return FALSE;
}

/* Whether the IP header at p (n bytes) carries a TCP SYN or SYN+ACK, by
 * its flags byte (of SYN, ACK, FIN and RST, as p0f looks). */
static gboolean is_syn(const guint8 *p, gint n)
{
    gint tcp;
    if ((p[0] >> 4) == 4) {
        if (n < 20 || p[9] != 6)
            return FALSE;
        tcp = (p[0] & 0x0f) * 4;
    } else if ((p[0] >> 4) == 6) {
        if (n < 40 || p[6] != 6)
            return FALSE;
        tcp = 40;
    } else {
        return FALSE;
    }
    if (n <= tcp + 13)
        return FALSE;
    guint8 f = p[tcp + 13] & 0x17;
    return f == 0x02 || f == 0x12;
}

/* For a SYN+ACK, the MSS of the SYN it answers (p0f's peer MSS): SYNs are
 * noted on the first pass (a fixed table, p0f_peer.c), and the answer is
 * kept with the SYN+ACK's frame for later passes. */
static guint16 peer_mss(packet_info *pinfo, const p0f_packet_t *pk, p0f_dir_t dir)
{
    if (PINFO_FD_VISITED(pinfo)) {
        if (dir != P0F_DIR_SYNACK)
            return 0;
        return (guint16)(GPOINTER_TO_UINT(
                             p_get_proto_data(wmem_file_scope(), pinfo, proto_os, OS_PDATA_SYN_MSS)) -
                         1);
    }
    if (!os.peer && !(os.peer = p0f_peer_new()))
        return 0;
    if (dir == P0F_DIR_SYN) {
        p0f_peer_note(os.peer, pk);
        return 0;
    }
    guint16 mss = p0f_peer_syn_mss(os.peer, pk);
    p_add_proto_data(wmem_file_scope(), pinfo, proto_os, OS_PDATA_SYN_MSS,
                     GUINT_TO_POINTER((guint)mss + 1));
    return mss;
}

/* The `src` item packet-src.c added to this tree, if any. */
static proto_item *existing_src_item(proto_tree *tree)
{
    for (proto_node *n = tree->first_child; n; n = n->next) {
        field_info *fi = PNODE_FINFO(n);
        if (fi && fi->hfinfo && fi->hfinfo->id == proto_os)
            return (proto_item *)n;
    }
    return NULL;
}

static gboolean fields_wanted(proto_tree *tree)
{
    return proto_field_is_referenced(tree, hf_os) || proto_field_is_referenced(tree, hf_os_class) ||
           proto_field_is_referenced(tree, hf_os_match) ||
           proto_field_is_referenced(tree, hf_os_dist) ||
           proto_field_is_referenced(tree, hf_os_sig);
}

static int dissect_os(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    tvbuff_t *at;
    gint start;

    if (!tree)
        return 0;
    gboolean later = PINFO_FD_VISITED(pinfo);
    if (!outermost_ip(pinfo, tvb, &at, &start))
        return 0;
    gint avail = tvb_captured_length_remaining(at, start);
    if (avail < 20)
        return 0;
    /* The headers only: p0f_packet_parse reads no further. */
    gint hdrs = MIN(avail, P0F_MAX_HDR_BYTES);
    const guint8 *bytes = tvb_get_ptr(at, start, hdrs);
    if (!is_syn(bytes, hdrs))
        return 0;
    /* While the file is loaded, the first pass notes every SYN for the
     * SYN+ACKs' peer MSS even when no field is wanted (tshark -2, the GUI's
     * first read); it is not loaded for that alone (no warning for users
     * who never ask for src.os). */
    gboolean wanted = fields_wanted(tree);
    if (!wanted && (later || os.dirty || !os.db))
        return 0;

    if (os.dirty)
        load_file();
    if (!os.db) {
        /* The problem as expert info on the first SYN that wanted the fields. */
        if (os.problem && ((os.problem_frame == 0 && !PINFO_FD_VISITED(pinfo)) ||
                           os.problem_frame == pinfo->num)) {
            os.problem_frame = pinfo->num;
            proto_item *ti = proto_tree_add_item(tree, proto_os, tvb, 0, 0, ENC_NA);
            expert_add_info_format(pinfo, ti, &ei_os_no_file, "%s", os.problem);
        }
        return 0;
    }

    p0f_packet_t pk;
    if (p0f_packet_parse(bytes, (size_t)avail, &pk) != P0F_OK)
        return 0;
    p0f_dir_t dir;
    p0f_packet_dir(&pk, &dir);
    guint16 syn_mss = peer_mss(pinfo, &pk, dir);
    if (!wanted)
        return 0;
    p0f_result_t res;
    if (p0f_match(os.db, &pk, syn_mss, &res) != P0F_OK)
        return 0;

    /* Under the src item when packet-src.c made one, else a new one; the
     * items point at the IP and TCP headers that were fingerprinted. */
    gint len = MIN((gint)pk.tot_hdr, avail);
    proto_item *ti = existing_src_item(tree);
    if (!ti) {
        ti = proto_tree_add_item(tree, proto_os, at, start, len, ENC_NA);
        proto_item_set_generated(ti);
    }
    proto_tree *st = proto_item_get_subtree(ti);
    if (!st)
        st = proto_item_add_subtree(ti, ett_os);
    proto_item *it;
    if (res.kind != P0F_MATCH_NONE) {
        it = proto_tree_add_string(st, hf_os, at, start, len, res.label);
        proto_item_set_generated(it);
        it = proto_tree_add_string(st, hf_os_class, at, start, len,
                                   res.app ? "app" : res.os_class);
        proto_item_set_generated(it);
        it = proto_tree_add_string(st, hf_os_match, at, start, len, p0f_match_name(res.kind));
        proto_item_set_generated(it);
        proto_item_append_text(ti, ", %s: %s", res.app ? "App" : "OS", res.label);
    }
    it = proto_tree_add_uint(st, hf_os_dist, at, start, len, res.dist);
    proto_item_set_generated(it);
    if (proto_field_is_referenced(tree, hf_os_sig)) {
        char sig[P0F_SIG_TEXT_MAX];
        p0f_packet_format(&pk, syn_mss, sig, sizeof(sig));
        it = proto_tree_add_string(st, hf_os_sig, at, start, len, sig);
        proto_item_set_generated(it);
    }
    return tvb_captured_length(tvb);
}

/* ---- lifetime ---- */

static void os_init(void)
{
    /* The preference changed since the file was read: read it again, when
     * first wanted. */
    if (g_strcmp0(pref_p0f_file ? pref_p0f_file : "", os.loaded) != 0)
        os.dirty = TRUE;
    /* A problem is shown again in the next file, on its first SYN. */
    os.problem_frame = 0;
    p0f_peer_clear(os.peer);
}

static void os_shutdown(void)
{
    p0f_peer_free(os.peer);
    os.peer = NULL;
    p0f_db_free(os.db);
    os.db = NULL;
    g_free(os.loaded);
    os.loaded = NULL;
    g_free(os.problem);
    os.problem = NULL;
}

void proto_register_os(void)
{
    static hf_register_info hf[] = {
        {&hf_os,
         {"OS", "src.os", FT_STRING, BASE_NONE, NULL, 0x0,
          "Operating system (or tool) of the source, from its TCP SYN or SYN+ACK and a p0f v3 "
          "signature: p0f's name and flavor",
          HFILL}},
        {&hf_os_class, {"OS class", "src.os_class", FT_STRING, BASE_NONE, NULL, 0x0,
                        "Class of the matching p0f signature: unix, win, other (as the file's "
                        "classes line names them), or app for a tool such as NMap",
                        HFILL}},
        {&hf_os_match, {"OS match", "src.os_match", FT_STRING, BASE_NONE, NULL, 0x0,
                        "How the p0f signature matched: exact, fuzzy (TTL or quirks differ) or "
                        "generic (a last-resort signature)",
                        HFILL}},
        {&hf_os_dist, {"OS distance", "src.os_dist", FT_UINT8, BASE_DEC, NULL, 0x0,
                       "Hops from the source, from the TTL (p0f's dist)", HFILL}},
        {&hf_os_sig, {"OS signature", "src.os_sig", FT_STRING, BASE_NONE, NULL, 0x0,
                      "The packet's p0f signature (p0f's raw_sig), to add unknown systems to "
                      "p0f.fp",
                      HFILL}},
    };
    static gint *ett[] = {&ett_os};
    static ei_register_info ei[] = {
        {&ei_os_no_file,
         {"src.os_no_file", PI_UNDECODED, PI_WARN, "The p0f fingerprint file cannot be used",
          EXPFILL}},
    };

    proto_os = proto_get_id_by_filter_name("src");
    if (proto_os < 0) /* no packet-src.c in this build */
        proto_os = proto_register_protocol("Source OS (honeyshark)", "SrcOS", "srcos");
    proto_register_field_array(proto_os, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_module_t *expert_os = expert_register_protocol(proto_os);
    expert_register_field_array(expert_os, ei, array_length(ei));

    /* The preference sits with src's others; its change is noticed in the
     * init routine that the redissection after a change runs. */
    module_t *module = prefs_find_module("src");
    if (!module)
        module = prefs_register_protocol(proto_os, NULL);
    prefs_register_filename_preference(
        module, "p0f_file", "p0f fingerprint file",
        "p0f v3 fingerprint file (p0f.fp) whose [tcp:request] and [tcp:response] signatures "
        "give src.os on SYN and SYN+ACK packets; Debian's p0f package installs "
        DEFAULT_P0F_FILE ". Empty: no OS fingerprinting.",
        &pref_p0f_file, FALSE);

    hs_postdissector_add(HS_PART_OS, proto_os, dissect_os);
    register_init_routine(os_init);
    register_shutdown_routine(os_shutdown);
}

void proto_reg_handoff_os(void)
{
    proto_ip = proto_get_id_by_filter_name("ip");
    proto_ipv6 = proto_get_id_by_filter_name("ipv6");
}

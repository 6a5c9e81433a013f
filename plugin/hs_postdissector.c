/*
 * hs_postdissector.c - the one postdissector that runs honeyshark's parts.
 * See hs_postdissector.h.
 */
#include <wireshark.h>

#include <epan/packet.h>
#include <epan/proto.h>

#include "hs_postdissector.h"

typedef struct {
    int proto;
    protocol_t *protocol; /* looked up once, at handoff */
    dissector_t dissect;
    GArray *wanted; /* int hfids, or NULL */
} part_t;

static part_t parts[HS_PART_COUNT];
static int proto_honeyshark = -1;
static dissector_handle_t handle;

void hs_postdissector_add(hs_part_t part, int proto, dissector_t dissect)
{
    parts[part].proto = proto;
    parts[part].dissect = dissect;
}

static gboolean registered;

/* Tells Wireshark the union of what the parts want. */
static void ask_wireshark(void)
{
    if (!registered)
        return; /* not yet a postdissector: asked again at handoff */
    GArray *all = NULL;
    for (int i = 0; i < HS_PART_COUNT; i++) {
        if (!parts[i].wanted || parts[i].wanted->len == 0)
            continue;
        if (!all)
            all = g_array_new(FALSE, FALSE, (guint)sizeof(int));
        g_array_append_vals(all, parts[i].wanted->data, parts[i].wanted->len);
    }
    set_postdissector_wanted_hfids(handle, all); /* takes all */
}

void hs_postdissector_want(hs_part_t part, GArray *wanted)
{
    if (parts[part].wanted)
        g_array_free(parts[part].wanted, TRUE);
    parts[part].wanted = wanted;
    ask_wireshark();
}

static int dissect_honeyshark(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    for (int i = 0; i < HS_PART_COUNT; i++) {
        const part_t *p = &parts[i];
        if (p->dissect && p->protocol && proto_is_protocol_enabled(p->protocol))
            p->dissect(tvb, pinfo, tree, data);
    }
    return 0;
}

void proto_register_honeyshark(void)
{
    proto_honeyshark = proto_register_protocol("honeyshark plugin", "honeyshark", "honeyshark");
    handle = create_dissector_handle(dissect_honeyshark, proto_honeyshark);
}

void proto_reg_handoff_honeyshark(void)
{
    for (int i = 0; i < HS_PART_COUNT; i++)
        parts[i].protocol = parts[i].dissect ? find_protocol_by_id(parts[i].proto) : NULL;
    register_postdissector(handle);
    registered = TRUE;
    ask_wireshark();
}

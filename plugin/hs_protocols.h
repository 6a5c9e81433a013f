/*
 * hs_protocols.h - register/handoff pairs of honeyshark's protocols.
 */
#ifndef HS_PROTOCOLS_H
#define HS_PROTOCOLS_H

void proto_register_shellshock(void);
void proto_reg_handoff_shellshock(void);

void proto_register_login(void);
void proto_reg_handoff_login(void);

void proto_register_src(void);
void proto_reg_handoff_src(void);

void proto_register_os(void);
void proto_reg_handoff_os(void);

#endif /* HS_PROTOCOLS_H */

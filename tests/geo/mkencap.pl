#!/usr/bin/perl
#
# mkencap.pl - a small capture of packets with more than one IP header, for
# the "outermost source" rule: IPv4 in IPv4, IPv6 in IPv4 (6in4), IPv4 in
# IPv6, and ICMP errors quoting another packet's IP header.  hs-gencap makes
# single-header packets only.
#
# Usage: mkencap.pl OUT.pcap
# Each packet's outer source, inner source and purpose are listed below.

use strict;
use warnings;

use Socket qw(AF_INET AF_INET6 inet_pton);

die "usage: mkencap.pl OUT.pcap\n" unless @ARGV == 1;

sub v4 { inet_pton( AF_INET,  $_[0] ) // die "bad IPv4 $_[0]\n" }
sub v6 { inet_pton( AF_INET6, $_[0] ) // die "bad IPv6 $_[0]\n" }

sub csum {
    my $sum = 0;
    $sum += $_ for unpack 'n*', $_[0] . ( length( $_[0] ) % 2 ? "\0" : '' );
    $sum = ( $sum & 0xffff ) + ( $sum >> 16 ) while $sum >> 16;
    return ~$sum & 0xffff;
}

sub ipv4 {
    my ( $src, $dst, $proto, $payload ) = @_;
    my $h = pack 'CCnnnCCna4a4', 0x45, 0, 20 + length $payload, 0x1234, 0x4000, 64, $proto, 0,
      v4($src), v4($dst);
    substr( $h, 10, 2 ) = pack 'n', csum($h);
    return $h . $payload;
}

sub ipv6 {
    my ( $src, $dst, $nh, $payload ) = @_;
    return pack( 'NnCCa16a16', 0x60000000, length $payload, $nh, 64, v6($src), v6($dst) ) . $payload;
}

sub syn { pack 'nnNNCCnnn', $_[0], $_[1], 1000, 0, 0x50, 0x02, 8192, 0, 0 }

# ICMP destination unreachable (port) quoting a packet.
sub icmp_unreach {
    my ($quoted) = @_;
    my $m = pack( 'CCnN', 3, 3, 0, 0 ) . $quoted;
    substr( $m, 2, 2 ) = pack 'n', csum($m);
    return $m;
}

my @packets = (
    # IPv4 in IPv4: outer 5.6.7.8, inner 1.2.3.4
    [ 0x0800, ipv4( '5.6.7.8', '192.0.2.1', 4, ipv4( '1.2.3.4', '192.0.2.9', 6, syn( 1000, 23 ) ) ) ],
    # IPv4 in IPv4: outer in no network, inner in one: no attribution
    [ 0x0800, ipv4( '10.0.0.1', '192.0.2.1', 4, ipv4( '1.2.3.4', '192.0.2.9', 6, syn( 1000, 23 ) ) ) ],
    # 6in4: outer 6.6.1.1, inner 2001:db8:1::1
    [ 0x0800, ipv4( '6.6.1.1', '192.0.2.1', 41,
        ipv6( '2001:db8:1::1', '2001:db8::9', 6, syn( 1001, 80 ) ) ) ],
    # IPv4 in IPv6: outer 2a00:1450::1, inner 1.2.3.130
    [ 0x86dd, ipv6( '2a00:1450::1', '2001:db8::9', 4, ipv4( '1.2.3.130', '192.0.2.9', 6, syn( 1002, 22 ) ) ) ],
    # ICMP error from 7.7.7.100 quoting a packet from the sensor 192.0.2.1
    [ 0x0800, ipv4( '7.7.7.100', '192.0.2.1', 1,
        icmp_unreach( ipv4( '192.0.2.1', '7.7.7.100', 17, pack( 'nnnn', 53, 5353, 8, 0 ) ) ) ) ],
    # ICMP error from the sensor quoting a packet from 1.2.3.4: the sensor is the source
    [ 0x0800, ipv4( '192.0.2.1', '1.2.3.4', 1,
        icmp_unreach( ipv4( '1.2.3.4', '192.0.2.1', 17, pack( 'nnnn', 5353, 53, 8, 0 ) ) ) ) ],
);

open my $out, '>:raw', $ARGV[0] or die "cannot write $ARGV[0]: $!\n";
print $out pack( 'LSSlLLL', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1 );
my $t = 1411776000;
for my $p (@packets) {
    my ( $type, $ip ) = @{$p};
    my $frame = pack( 'H12H12n', '020000000002', '020000000001', $type ) . $ip;
    print $out pack( 'LLLL', $t++, 0, length $frame, length $frame ), $frame;
}
close $out or die "cannot write $ARGV[0]: $!\n";

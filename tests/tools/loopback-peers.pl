#!/usr/bin/perl
# loopback-peers.pl - the peers of the live end-to-end test, on 127.0.0.1
# only (nothing leaves this machine):
#
#   serve PORTFILE SECONDS     an HTTP server and a Telnet-like login listener
#                              on free high ports (written to PORTFILE as
#                              "HTTP-PORT TELNET-PORT"), one connection at a
#                              time, each bounded to 5 s, until SECONDS pass
#   http PORT USER-AGENT       one GET with that User-Agent; prints the status
#   telnet PORT USER PASS      a login at the prompts; prints what the server said
#
# Only Perl's core modules: a clean Debian has them wherever tshark is.
use strict;
use warnings;
use IO::Select;
use IO::Socket::INET;

my $LOOP = '127.0.0.1';

sub listener {
    my $l = IO::Socket::INET->new(LocalAddr => $LOOP, LocalPort => 0, Listen => 16,
                                  ReuseAddr => 1, Proto => 'tcp')
        or die "loopback-peers: cannot listen on $LOOP: $!\n";
    return $l;
}

# Reads from $s until $want matches what came, EOF, or $secs pass.
sub read_until {
    my ($s, $want, $secs) = @_;
    my ($got, $end) = ('', time + $secs);
    my $sel = IO::Select->new($s);
    while (time < $end && $got !~ $want) {
        last unless $sel->can_read($end - time);
        my $n = sysread($s, my $buf, 4096);
        last unless $n;
        $got .= $buf;
    }
    return $got;
}

sub serve_http {
    my ($c) = @_;
    read_until($c, qr/\r\n\r\n/, 5);
    print $c "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n"
        . "Connection: close\r\n\r\nok\n";
}

sub serve_telnet {
    my ($c) = @_;
    print $c "honeypot login: ";
    read_until($c, qr/\n/, 5);
    print $c "Password: ";
    read_until($c, qr/\n/, 5);
    print $c "\r\nLogin incorrect\r\n";
}

sub serve {
    my ($portfile, $secs) = @_;
    my ($http, $telnet) = (listener(), listener());
    open(my $pf, '>', "$portfile.tmp") or die "loopback-peers: $portfile: $!\n";
    print $pf $http->sockport, ' ', $telnet->sockport, "\n";
    close($pf);
    rename("$portfile.tmp", $portfile) or die "loopback-peers: $portfile: $!\n";
    my $sel = IO::Select->new($http, $telnet);
    my $end = time + $secs;
    while (time < $end) {
        for my $l ($sel->can_read(1)) {
            my $c = $l->accept or next;
            $c->autoflush(1);
            if ($l == $http) { serve_http($c) } else { serve_telnet($c) }
            close($c);
        }
    }
}

sub connect_to {
    my ($port) = @_;
    my $s = IO::Socket::INET->new(PeerAddr => $LOOP, PeerPort => $port, Proto => 'tcp',
                                  Timeout => 5)
        or die "loopback-peers: cannot connect to $LOOP:$port: $!\n";
    $s->autoflush(1);
    return $s;
}

sub http {
    my ($port, $ua) = @_;
    my $s = connect_to($port);
    print $s "GET /cgi-bin/status HTTP/1.1\r\nHost: $LOOP:$port\r\nUser-Agent: $ua\r\n"
        . "Accept: */*\r\nConnection: close\r\n\r\n";
    my $reply = read_until($s, qr/ok\n/, 5);
    close($s);
    print +(split /\r\n/, $reply)[0] // 'no reply', "\n";
}

sub telnet {
    my ($port, $user, $pass) = @_;
    my $s = connect_to($port);
    my $said = read_until($s, qr/login: $/, 5);
    print $s "$user\r\n";
    $said .= read_until($s, qr/Password: $/, 5);
    print $s "$pass\r\n";
    $said .= read_until($s, qr/incorrect\r\n/, 5);
    close($s);
    $said =~ s/\r?\n/ /g;
    print "$said\n";
}

my $cmd = shift(@ARGV) // '';
if ($cmd eq 'serve' && @ARGV == 2) { serve(@ARGV) }
elsif ($cmd eq 'http' && @ARGV == 2) { http(@ARGV) }
elsif ($cmd eq 'telnet' && @ARGV == 3) { telnet(@ARGV) }
else { die "usage: loopback-peers.pl serve PORTFILE SECONDS | http PORT UA | telnet PORT USER PASS\n" }

#!/usr/bin/perl
#
# check_mmdb.pl - checks every frame's src.* fields against mmdblookup on the
# same databases (the reference reader shipped with libmaxminddb).
#
# Usage: check_mmdb.pl SCHEMA ASN_DB COUNTRY_DB TABLE
#
#   SCHEMA     maxmind or ipinfo (which keys to ask mmdblookup for)
#   TABLE      tshark -T fields output (tab-separated, -E occurrence=a,
#              aggregator ","), columns: frame.number frame.protocols
#              ip.src ipv6.src src.asn src.as_org src.country
#              src.country_name src.net
#
# The source address is the outermost IP header's: the first "ip" or "ipv6"
# in frame.protocols says which list, and its first element is taken.  An
# IPv4-mapped IPv6 source is looked up as IPv4.  For each frame the expected
# values are what mmdblookup prints for that address (strings with control
# characters turned to spaces and cut to 255 bytes, as the plugin does), and
# src.net must contain the address.  Exit status: 0 all frames agree, 1 not.

use strict;
use warnings;

use Net::Works::Address;
use Net::Works::Network;

die "usage: check_mmdb.pl maxmind|ipinfo ASN_DB COUNTRY_DB TABLE\n" unless @ARGV == 4;
my ( $schema, $asn_db, $country_db, $table ) = @ARGV;

my %schemas = (
    maxmind => {
        asn          => [ $asn_db,     'autonomous_system_number' ],
        as_org       => [ $asn_db,     'autonomous_system_organization' ],
        country      => [ $country_db, 'country', 'iso_code' ],
        country_name => [ $country_db, 'country', 'names', 'en' ],
    },
    ipinfo => {
        asn          => [ $asn_db,     'asn' ],
        as_org       => [ $asn_db,     'as_name' ],
        country      => [ $country_db, 'country_code' ],
        country_name => [ $country_db, 'country' ],
    },
);
my $paths = $schemas{$schema} or die "unknown schema $schema\n";

my %memo;

# The value mmdblookup prints for addr at path, or "" when there is none.
sub mmdb {
    my ( $db, $addr, @path ) = @_;
    my $key = join "\0", $db, $addr, @path;
    return $memo{$key} if exists $memo{$key};
    open my $fh, '-|', 'sh', '-c', 'db=$1 a=$2; shift 2; exec mmdblookup -f "$db" -i "$a" "$@" 2>/dev/null',
      'sh', $db, $addr, @path
      or die "cannot run mmdblookup: $!\n";
    my $out = do { local $/; <$fh> } // '';
    close $fh;    # non-zero exit: not found, or no such key
    my $v = '';
    if ( $? == 0 ) {
        if ( $out =~ /^\s*"(.*)" <utf8_string>\s*$/s ) { $v = $1; }
        elsif ( $out =~ /^\s*(\d+) <uint\d+>\s*$/s ) { $v = $1; }
        else { die "unexpected mmdblookup output for $addr @path:\n$out\n"; }
    }
    return $memo{$key} = $v;
}

# What the plugin does with database text: control characters become spaces,
# and at most 255 bytes are kept, cut at a character boundary.
sub clean {
    my ($s) = @_;
    $s =~ s/[\x00-\x1f\x7f]/ /g;
    return $s if length $s <= 255;
    $s = substr $s, 0, 255;
    $s =~ s/[\x80-\xbf]*[\xc0-\xff]?$// if $s =~ /[\x80-\xff]$/;
    return $s;
}

# Whether addr is in a network of db at all.
sub found {
    my ( $db, $addr ) = @_;
    my $key = "found\0$db\0$addr";
    return $memo{$key} if exists $memo{$key};
    system( 'sh', '-c', 'mmdblookup -f "$1" -i "$2" >/dev/null 2>&1', 'sh', $db, $addr );
    return $memo{$key} = ( $? == 0 ? 1 : 0 );
}

sub expected {
    my ( $field, $addr ) = @_;
    my ( $db, @path ) = @{ $paths->{$field} };
    my $v = mmdb( $db, $addr, @path );
    if ( $field eq 'asn' ) {
        $v =~ s/^AS//i;
    }
    elsif ( $field eq 'country' ) {
        $v = '' unless $v =~ /^[A-Za-z]{2}$/;
        $v = uc $v;
    }
    else {
        $v = clean($v);
    }
    return $v;
}

open my $in, '<:raw', $table or die "cannot read $table: $!\n";
my ( $frames, $with_data, $bad ) = ( 0, 0, 0 );
while ( my $line = <$in> ) {
    chomp $line;
    my ( $frame, $protos, $v4, $v6, %got );
    ( $frame, $protos, $v4, $v6, @got{qw(asn as_org country country_name net)} ) =
      ( split /\t/, $line, -1 );
    next unless defined $frame && $frame =~ /^\d+$/;
    $_ //= '' for values %got;
    my ($first) = grep { $_ eq 'ip' || $_ eq 'ipv6' } split /:/, $protos // '';
    next unless $first;
    $frames++;
    my ($addr) = split /,/, ( $first eq 'ip' ? $v4 : $v6 ) // '';
    die "frame $frame: no $first.src\n" unless $addr;
    $addr = $1 if $addr =~ /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

    my @problems;
    for my $f (qw(asn as_org country country_name)) {
        my $want = expected( $f, $addr );
        push @problems, "src.$f is \"$got{$f}\", mmdblookup says \"$want\""
          if $got{$f} ne $want;
    }
    my $any = grep { $got{$_} ne '' } qw(asn as_org country country_name);
    if ( $got{net} ne '' ) {
        my $net = eval { Net::Works::Network->new_from_string( string => $got{net} ) };
        my $a = Net::Works::Address->new_from_string( string => $addr );
        if ( !$net ) {
            push @problems, "src.net \"$got{net}\" is not a network";
        }
        elsif ( $net->version != $a->version || !$net->contains($a) ) {
            push @problems, "src.net $got{net} does not contain $addr";
        }
    }
    elsif ( found( $asn_db, $addr ) || found( $country_db, $addr ) ) {
        push @problems, "src.net is missing, but the address is in the database";
    }
    if ( $got{net} ne '' && !found( $asn_db, $addr ) && !found( $country_db, $addr ) ) {
        push @problems, "src.net is $got{net}, but the address is in no database";
    }
    $with_data++ if $any;
    if (@problems) {
        $bad++;
        print "frame $frame ($addr): $_\n" for @problems;
    }
}
print "$frames frames checked against mmdblookup, $with_data with attribution, $bad disagree\n";
exit( $bad || $frames == 0 ? 1 : 0 );

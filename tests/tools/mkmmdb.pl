#!/usr/bin/perl
#
# mkmmdb.pl - build a MaxMind DB (.mmdb) file from a readable JSON source,
# with MaxMind's own writer (MaxMind::DB::Writer, Debian package
# libmaxmind-db-writer-perl).  The tests build every fixture database with it.
#
# Usage: mkmmdb.pl SOURCE.json OUT.mmdb
#
# SOURCE is one JSON object:
#
#   {
#     "database_type": "honeyshark-Test-ASN",   required, copied to the metadata
#     "description":   "what this is for",      optional
#     "ip_version":    6,                       optional, 4 or 6 (default 6)
#     "record_size":   28,                      optional, 24, 28 or 32 (default 28)
#     "alias_ipv6_to_ipv4": true,               optional (default true for
#                                               ip_version 6): ::ffff:0:0/96,
#                                               2001::/32 and 2002::/16 lead to
#                                               the IPv4 networks, as in
#                                               MaxMind's databases
#     "languages":     ["en"],                  optional
#     "build_date":    "2014-09-01",            optional: the build_epoch
#                                               (that day, 00:00 UTC); the
#                                               default is now
#     "types": { "autonomous_system_number": "uint32" },
#                                               optional: MMDB type of a map key,
#                                               overriding the inferred one
#     "networks": { "192.0.2.0/24": { ...record... }, "2001:db8::/32": {...} }
#   }
#
# "networks" may also be a list of such one-key objects, which is the layout
# of MaxMind's own source-data/*.json files, so those are accepted as they are
# (pass them with --maxmind-list, see below).  Networks are inserted from the
# widest to the narrowest prefix, so a narrower network overrides the part of
# a wider one it covers whatever the order in the file.  Reserved networks
# (RFC 1918, documentation ranges, ...) are kept: tests use them.
#
# Types are inferred from the JSON values: a JSON number without fraction is
# "uint32" (or "uint64" above 2^32-1, "int32" if negative), with a fraction
# "double", a string "utf8_string", true/false "boolean", an object "map", an
# array ["array", element type].  A key must have one type across the file;
# "types" settles conflicts and forces odd types on purpose (the tests use it
# to store an AS number as a string).
#
#   mkmmdb.pl --maxmind-list GeoLite2-ASN-Test.json OUT.mmdb TYPE
#       reads a bare list of { "cidr": record } objects (MaxMind's layout),
#       database_type TYPE.
#
# Exit status: 0 written, 1 bad source, 2 usage or I/O error.

use strict;
use warnings;

use B ();
use JSON::PP ();
use MaxMind::DB::Writer::Tree;

sub usage {
    print STDERR "usage: mkmmdb.pl SOURCE.json OUT.mmdb\n"
      . "       mkmmdb.pl --maxmind-list LIST.json OUT.mmdb DATABASE_TYPE\n";
    exit 2;
}

sub fail { print STDERR "mkmmdb.pl: $_[0]\n"; exit 1; }

my $list_mode = 0;
if ( @ARGV && $ARGV[0] eq '--maxmind-list' ) { $list_mode = 1; shift @ARGV; }
usage() unless @ARGV == ( $list_mode ? 3 : 2 );
my ( $src_path, $out_path, $list_type ) = @ARGV;

my $text = do {
    open my $fh, '<:raw', $src_path or do {
        print STDERR "mkmmdb.pl: cannot read $src_path: $!\n";
        exit 2;
    };
    local $/;
    <$fh>;
};
my $src = eval { JSON::PP->new->utf8->decode($text) };
fail("$src_path: not valid JSON: $@") unless defined $src;

if ($list_mode) {
    $src = { database_type => $list_type, networks => $src };
}
fail("$src_path: the top level must be an object") unless ref $src eq 'HASH';
fail("$src_path: \"database_type\" is required") unless defined $src->{database_type};

# (cidr, record, input position) triples.
my @nets;
my $networks = $src->{networks};
if ( ref $networks eq 'HASH' ) {
    my $i = 0;
    push @nets, [ $_, $networks->{$_}, $i++ ] for sort keys %{$networks};
}
elsif ( ref $networks eq 'ARRAY' ) {
    my $i = 0;
    for my $item ( @{$networks} ) {
        fail("$src_path: network list item $i is not a one-key object")
          unless ref $item eq 'HASH' && keys %{$item} == 1;
        my ($cidr) = keys %{$item};
        push @nets, [ $cidr, $item->{$cidr}, $i++ ];
    }
}
else {
    fail("$src_path: \"networks\" must be an object or a list");
}

# --- type inference -------------------------------------------------------

my %types = %{ $src->{types} // {} };
my %inferred;    # key -> type (string, or "array:<elem type>")

sub scalar_type {
    my ($v) = @_;
    return 'boolean' if JSON::PP::is_bool($v);
    return 'map'     if ref $v eq 'HASH';
    return 'array'   if ref $v eq 'ARRAY';
    my $flags = B::svref_2object( \$v )->FLAGS;
    if ( $flags & ( B::SVp_IOK | B::SVp_NOK ) and !( $flags & B::SVp_POK ) ) {
        return 'double' if $v != int $v;
        return $v < 0 ? 'int32' : $v > 4294967295 ? 'uint64' : 'uint32';
    }
    return 'utf8_string';
}

# A number type widened to fit both (uint32 and uint64 -> uint64, int and
# fraction -> double); undef when they do not mix.
sub merge_type {
    my ( $a, $b ) = @_;
    return $a if $a eq $b;
    my %num = ( int32 => 1, uint32 => 1, uint64 => 1, double => 1 );
    return undef unless $num{$a} && $num{$b};
    return 'double' if $a eq 'double' || $b eq 'double';
    return 'uint64' if $a eq 'uint64' || $b eq 'uint64';
    return 'int32';    # int32 with uint32: the values seen fit int32 or are small
}

sub infer {
    my ( $key, $v, $where ) = @_;
    my $t = scalar_type($v);
    if ( $t eq 'map' ) {
        infer( $_, $v->{$_}, "$where/$_" ) for keys %{$v};
    }
    elsif ( $t eq 'array' ) {
        my $elem;
        for my $e ( @{$v} ) {
            my $et = scalar_type($e);
            infer( $_, $e->{$_}, "$where\[]/$_" ) for $et eq 'map' ? keys %{$e} : ();
            $elem = defined $elem ? merge_type( $elem, $et ) : $et;
            fail("$where: array elements of mixed types") unless defined $elem;
        }
        $t = 'array:' . ( $elem // 'utf8_string' );
    }
    return if !defined $key || exists $types{$key};
    if ( exists $inferred{$key} ) {
        my $m = merge_type( $inferred{$key}, $t );
        fail("$where: key \"$key\" is $t here but $inferred{$key} elsewhere; set it in \"types\"")
          unless defined $m;
        $inferred{$key} = $m;
    }
    else {
        $inferred{$key} = $t;
    }
}

for my $n (@nets) {
    fail("$src_path: the record of $n->[0] is not an object") unless ref $n->[1] eq 'HASH';
    infer( undef, $n->[1], $n->[0] );
}

sub key_type {
    my ($key) = @_;
    my $t = $types{$key} // $inferred{$key};
    die "mkmmdb.pl: no type for key \"$key\"\n" unless defined $t;
    return $t =~ /^array:(.*)$/ ? [ 'array', $1 ] : $t;
}

# --- write ----------------------------------------------------------------

my $ip_version = $src->{ip_version} // 6;
fail("ip_version must be 4 or 6") unless $ip_version == 4 || $ip_version == 6;

my $tree = MaxMind::DB::Writer::Tree->new(
    ip_version               => $ip_version,
    record_size              => $src->{record_size} // 28,
    database_type            => $src->{database_type},
    languages                => $src->{languages} // ['en'],
    description              => { en => $src->{description} // 'honeyshark test database' },
    map_key_type_callback    => \&key_type,
    alias_ipv6_to_ipv4       => $src->{alias_ipv6_to_ipv4} // ( $ip_version == 6 ? 1 : 0 ),
    remove_reserved_networks => 0,
);

if ( defined $src->{build_date} ) {
    fail("$src_path: \"build_date\" must be YYYY-MM-DD")
      unless $src->{build_date} =~ /^(\d{4})-(\d{2})-(\d{2})$/;
    require Time::Local;
    my $epoch = eval { Time::Local::timegm( 0, 0, 0, $3, $2 - 1, $1 ) };
    fail("$src_path: \"build_date\" $src->{build_date} is not a date") unless defined $epoch;
    $tree->_set_build_epoch($epoch);    # the writer's own setter (it defaults to now)
}

sub prefix_len {
    my ($cidr) = @_;
    fail("$src_path: \"$cidr\" is not a network in CIDR notation")
      unless $cidr =~ m{^([0-9A-Fa-f:.]+)/(\d+)$};
    my ( $addr, $len ) = ( $1, $2 );
    # IPv4 networks live at ::a.b.c.d/(96+len) in an IPv6 tree: sort them so.
    return $addr =~ /:/ ? $len : 96 + $len;
}

for my $n ( sort { prefix_len( $a->[0] ) <=> prefix_len( $b->[0] ) || $a->[2] <=> $b->[2] } @nets ) {
    eval { $tree->insert_network( $n->[0], $n->[1] ); 1 }
      or fail("$src_path: cannot insert $n->[0]: $@");
}

my $tmp = "$out_path.tmp.$$";
open my $out, '>:raw', $tmp or do { print STDERR "mkmmdb.pl: cannot write $tmp: $!\n"; exit 2; };
eval { $tree->write_tree($out); 1 } or do { unlink $tmp; fail("cannot write the tree: $@"); };
close $out or do { unlink $tmp; print STDERR "mkmmdb.pl: cannot write $tmp: $!\n"; exit 2; };
rename $tmp, $out_path or do { unlink $tmp; print STDERR "mkmmdb.pl: cannot rename to $out_path: $!\n"; exit 2; };
exit 0;

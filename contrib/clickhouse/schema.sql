-- honeyshark's tables in ClickHouse (18.16 or newer): run on EVERY shard of
-- the cluster (honeyshark-ch-report --init does).  The cluster is named by
-- the Distributed engines' first argument, `honeyshark`; rename it here for
-- another cluster.  Times are seconds since the epoch, UTC; the report
-- command buckets them in any time zone at query time.

CREATE DATABASE IF NOT EXISTS honeyshark;

-- One row per frame towards a sensor, as `honeyshark-report --rows` writes
-- it (the same column order): the facts the reports count, decided by
-- honeyshark-report's own rules (postproc/agg_state.c, agg_frame_facts).
-- asn 18446744073709551615 is unknown; port is protocol << 20 | port;
-- strings are '' when unknown.
CREATE TABLE IF NOT EXISTS honeyshark.frames_local (
    input_id UInt64,      -- the ingested input (honeyshark.inputs)
    seq UInt64,           -- the frame's position in it, from 1
    sensor String,
    has_time UInt8,
    time Int64,
    src String,
    asn UInt64,
    port UInt64,
    ss_grade UInt8,       -- shellshock.grade 1..3, 0 none
    rce_grade UInt8,      -- rce.grade
    attempt UInt8,        -- a SYN, UDP datagram or echo request
    os_counted UInt8,     -- counts in the os report
    as_org String,
    country String,
    country_name String,
    os String,
    os_class String,
    db_date String,
    ss_cve String,
    rce_exploit String
) ENGINE = MergeTree()
PARTITION BY toYYYYMM(toDateTime(toUInt32(least(greatest(time, 0), 4294967295))))
ORDER BY (sensor, time, src);

CREATE TABLE IF NOT EXISTS honeyshark.frames AS honeyshark.frames_local
ENGINE = Distributed(honeyshark, honeyshark, frames_local, cityHash64(src));

-- One row per ingested input, written after its frames: what was read
-- (honeyshark-report's summary) and how to recognise the input again.
CREATE TABLE IF NOT EXISTS honeyshark.inputs_local (
    input_id UInt64,
    sensor String,
    name String,          -- as given to honeyshark-ingest
    sha256 String,        -- of the capture or ek file
    ingested DateTime,
    rows UInt64,          -- frames written to honeyshark.frames
    inputs UInt64, lines UInt64, frames_read UInt64, frames_counted UInt64,
    frames_not_towards UInt64, index_lines UInt64, malformed_lines UInt64,
    bad_values UInt64, time_unknown UInt64, with_asn UInt64, with_country UInt64,
    with_os UInt64, with_grade UInt64, truncated_inputs UInt64, sensor_overflow UInt64
) ENGINE = MergeTree()
PARTITION BY toYYYYMM(ingested)
ORDER BY (sensor, input_id);

CREATE TABLE IF NOT EXISTS honeyshark.inputs AS honeyshark.inputs_local
ENGINE = Distributed(honeyshark, honeyshark, inputs_local, input_id);

#!/bin/sh
# The standby: on first start, copy the primary with pg_basebackup (-R writes standby.signal and the
# primary_conninfo), then run PostgreSQL as a hot standby streaming from it.
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_basebackup --host=db --username=replicator --pgdata="$PGDATA" --wal-method=stream --write-recovery-conf --progress; do
    echo "waiting for the primary..."; sleep 2
  done
  chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on

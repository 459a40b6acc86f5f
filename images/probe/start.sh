#!/bin/sh
# The probe unit: serves /www on $UNIT_PORT in the foreground, logging requests to stdout.
: "${UNIT_PORT:?UNIT_PORT is not set}"
echo "berth probe serving on port $UNIT_PORT"
exec httpd -f -v -p "$UNIT_PORT" -h /www

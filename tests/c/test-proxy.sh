# shellcheck shell=bash
# Sourced by tests/c/run.sh and scripts/stress.sh: starts tinyproxy on a free loopback port for
# the C proxy tests (credentials alice:pr0xy-s3cret), waits until it accepts connections and
# names it in SL_TEST_PROXY_URL. The caller stops it with `stop_test_proxy` (in its EXIT trap).
PROXY_DIR=$(mktemp -d)
PROXY_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'Port %s\nListen 127.0.0.1\nTimeout 30\nMaxClients 32\nLogLevel Info\nAllow 127.0.0.1\nBasicAuth alice pr0xy-s3cret\n' \
  "$PROXY_PORT" > "$PROXY_DIR/tinyproxy.conf"
tinyproxy -d -c "$PROXY_DIR/tinyproxy.conf" > "$PROXY_DIR/log" 2>&1 &
PROXY_PID=$!
stop_test_proxy() { kill "$PROXY_PID" 2>/dev/null || true; rm -rf "$PROXY_DIR"; }
# Ready when it says so (its log is line-buffered).
timeout 30 bash -c "until grep -q 'Accepting connections' '$PROXY_DIR/log'; do sleep 0.1; done"
export SL_TEST_PROXY_URL="http://127.0.0.1:$PROXY_PORT"

#!/usr/bin/env bash
# Serve the atlas to a room: N Streamlit replicas on loopback behind HAProxy (Debian's package).
#
#   bash scripts/serve.sh [--replicas N] [--port P] [--bind ADDR] [--server HOST:PORT ...]
#
#   --replicas N      Streamlit processes started here, on free loopback ports (default: the
#                     number of cores; 0 with --server serves from other hosts only)
#   --port P          where HAProxy listens (default 8501)
#   --bind ADDR       the address HAProxy listens on (default 127.0.0.1; 0.0.0.0 for a room)
#   --server H:P      one more replica running elsewhere (another host), balanced and
#                     health-checked like the local ones; repeat for several
#   --check-interval  seconds between health checks of each replica (default 2)
#   --no-setup        do not run scripts/setup_venv.sh first (the tests' servers)
#
# HAProxy routes each browser by a cookie (SRV) to the replica that owns its session,
# checks every replica's /_stcore/health, moves the sessions of a dead replica to a live
# one, and keeps static files (the basemap pictures, Streamlit's own scripts) in its
# memory cache with caching headers. A replica started here that dies is started again and
# rejoins once healthy. Runs in the foreground; each part's output is prefixed with its
# name; Ctrl-C or SIGTERM stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

replicas="$(nproc)"
port=8501
bind=127.0.0.1
check_interval=2
remote=()
setup=1

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) replicas="${2:-}"; shift 2 ;;
    --port) port="${2:-}"; shift 2 ;;
    --bind) bind="${2:-}"; shift 2 ;;
    --server) remote+=("${2:-}"); shift 2 ;;
    --check-interval) check_interval="${2:-}"; shift 2 ;;
    --no-setup) setup=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "serve.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

is_number() { [[ "$1" =~ ^[0-9]+$ ]]; }
if ! is_number "$replicas"; then
  echo "serve.sh: --replicas takes a whole number, not '$replicas'" >&2; exit 2
fi
if ! is_number "$port" || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
  echo "serve.sh: --port takes a port number (1-65535), not '$port'" >&2; exit 2
fi
if ! is_number "$check_interval" || [ "$check_interval" -lt 1 ]; then
  echo "serve.sh: --check-interval takes a whole number of seconds, not '$check_interval'" >&2; exit 2
fi
for server in ${remote[@]+"${remote[@]}"}; do
  if ! [[ "$server" =~ ^[A-Za-z0-9.:_-]+:[0-9]+$ ]]; then
    echo "serve.sh: --server takes HOST:PORT, not '$server'" >&2; exit 2
  fi
done
if [ "$replicas" -eq 0 ] && [ ${#remote[@]} -eq 0 ]; then
  echo "serve.sh: nothing to serve: --replicas 0 and no --server" >&2; exit 2
fi

log() { printf '[serve] %s\n' "$*"; }

# The balancer: Debian's haproxy, installed here when missing and we are root.
haproxy_bin="$(command -v haproxy || true)"
[ -n "$haproxy_bin" ] || [ ! -x /usr/sbin/haproxy ] || haproxy_bin=/usr/sbin/haproxy
if [ -z "$haproxy_bin" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing Debian's haproxy (apt-get install haproxy)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
    haproxy_bin=/usr/sbin/haproxy
  else
    echo "serve.sh: HAProxy is missing. Install it with: sudo apt-get install haproxy" >&2
    exit 1
  fi
fi

if [ "$replicas" -gt 0 ] && [ "$setup" = 1 ]; then
  bash scripts/setup_venv.sh requirements.txt
fi
python_bin=.venv/bin/python
if [ ! -x "$python_bin" ]; then python_bin="$(command -v python3)"; fi

# Free loopback ports for the replicas, asked from the kernel (never fixed ones).
ports=()
if [ "$replicas" -gt 0 ]; then
  mapfile -t ports < <("$python_bin" - "$replicas" <<'PY'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print("\n".join(str(s.getsockname()[1]) for s in socks))
PY
  )
fi

workdir="$(mktemp -d -t atlas-serve.XXXXXX)"
pids=() started_at=() retry_at=()
lb_pid=""
loggers=()
stopping=0

stop_all() {
  stopping=1
  trap - INT TERM EXIT
  log "stopping"
  local pid
  for pid in ${pids[@]+"${pids[@]}"} $lb_pid; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    local alive=0
    for pid in ${pids[@]+"${pids[@]}"} $lb_pid; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in ${pids[@]+"${pids[@]}"} $lb_pid; do kill -KILL "$pid" 2>/dev/null || true; done
  # The prefixers end when their part's output closes; wait for them too (no zombie left).
  for pid in ${loggers[@]+"${loggers[@]}"}; do wait "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$workdir"
  log "stopped"
}
on_signal() {
  stop_all
  exit 0
}
trap on_signal INT TERM
trap stop_all EXIT

prefixed() {  # $1: a name, $2: sed commands run first; opens a pipe (fd $pipe_fd) printed as "[name] line"
  local fifo="$workdir/$1.$RANDOM.fifo"
  mkfifo "$fifo"
  sed -u "${2:-}s/^/[$1] /" < "$fifo" &
  loggers+=($!)
  exec {pipe_fd}>"$fifo"
  rm -f "$fifo"
}

start_replica() {  # $1: index
  local i="$1"
  prefixed "app$((i + 1))"
  "$python_bin" -m streamlit run dashboard.py \
    --server.headless true --server.address 127.0.0.1 --server.port "${ports[$i]}" \
    >&"$pipe_fd" 2>&1 &
  pids[$i]=$!
  started_at[$i]=$SECONDS
  exec {pipe_fd}>&-
  log "replica app$((i + 1)) on 127.0.0.1:${ports[$i]} (pid ${pids[$i]})"
}

# HAProxy's configuration: one line per replica, local or on another host.
config="$workdir/haproxy.cfg"
names=() addresses=()
for i in "${!ports[@]}"; do names+=("app$((i + 1))"); addresses+=("127.0.0.1:${ports[$i]}"); done
n=0
for server in ${remote[@]+"${remote[@]}"}; do
  n=$((n + 1)); names+=("host$n"); addresses+=("$server")
done
replica_lines="" static_lines=""
for i in "${!names[@]}"; do
  replica_lines+="    server ${names[$i]} ${addresses[$i]} cookie ${names[$i]}"$'\n'
  static_lines+="    server ${names[$i]} ${addresses[$i]} track replicas/${names[$i]}"$'\n'
done
REPLICAS="$replica_lines" STATIC="$static_lines" awk \
  -v bind="$bind" -v port="$port" -v inter="${check_interval}s" -v socket="$workdir/haproxy.sock" '
  /^@REPLICAS@$/ { printf "%s", ENVIRON["REPLICAS"]; next }
  /^@STATIC@$/ { printf "%s", ENVIRON["STATIC"]; next }
  { gsub(/@BIND@/, bind); gsub(/@PORT@/, port); gsub(/@INTER@/, inter); gsub(/@SOCKET@/, socket); print }
' scripts/haproxy.cfg.tmpl > "$config"
"$haproxy_bin" -c -q -f "$config" || { echo "serve.sh: HAProxy refused its configuration ($config)" >&2; exit 1; }

healthy() {  # $1: a local replica's port; true once its /_stcore/health answers 200
  local fd reply=""
  { exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /_stcore/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&"$fd"
  IFS= read -r -t 5 reply <&"$fd" || true
  exec {fd}>&-
  [[ "$reply" == *" 200"* ]]
}

for i in "${!ports[@]}"; do start_replica "$i"; done
# HAProxy starts once the local replicas answer (up to 2 minutes), so the first visitors
# are not sent to a replica still importing its modules.
for _ in $(seq 1 240); do
  waiting=0
  for i in "${!ports[@]}"; do healthy "${ports[$i]}" || waiting=1; done
  [ "$waiting" = 0 ] && break
  sleep 0.5
done
[ "$waiting" = 0 ] || log "some replicas are not healthy yet; HAProxy starts anyway and checks them"
# HAProxy prints each state change twice (a warning or alert, and a log line): keep the log line.
prefixed haproxy '/^\[\(WARNING\|ALERT\)\] *([0-9]*) : \(Server\|backend\) /d;'
"$haproxy_bin" -db -f "$config" >&"$pipe_fd" 2>&1 &
lb_pid=$!
exec {pipe_fd}>&-
log "HAProxy (pid $lb_pid) balancing ${#ports[@]} local replica(s) and ${#remote[@]} other host(s)"
probe=127.0.0.1
[ "$bind" = 0.0.0.0 ] || [ "$bind" = "*" ] || probe="$bind"
for _ in $(seq 1 100); do
  { exec {fd}<>"/dev/tcp/$probe/$port"; } 2>/dev/null && { exec {fd}>&-; break; }
  kill -0 "$lb_pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$lb_pid" 2>/dev/null; then
  log "HAProxy's runtime API: $workdir/haproxy.sock"
  log "serving http://$bind:$port/"
fi

# Watch: a replica that exits is started again (HAProxy lets it rejoin once its health
# check passes); if HAProxy itself exits, everything stops.
while [ "$stopping" = 0 ]; do
  if ! kill -0 "$lb_pid" 2>/dev/null; then
    log "HAProxy exited; stopping the replicas"
    exit 1
  fi
  for i in "${!ports[@]}"; do
    if [ -n "${pids[$i]}" ] && ! kill -0 "${pids[$i]}" 2>/dev/null; then
      wait "${pids[$i]}" 2>/dev/null && status=0 || status=$?
      pids[$i]=""
      # One that dies within 5 s of its start (it cannot start) waits 10 s before the next try.
      if [ $((SECONDS - started_at[$i])) -lt 5 ]; then retry_at[$i]=$((SECONDS + 10)); else retry_at[$i]=$SECONDS; fi
      log "replica app$((i + 1)) exited (status $status); starting it again$([ "${retry_at[$i]}" -gt "$SECONDS" ] && echo " in 10 s")"
    fi
    if [ -z "${pids[$i]}" ] && [ "$SECONDS" -ge "${retry_at[$i]}" ]; then start_replica "$i"; fi
  done
  sleep 1 &
  wait $! 2>/dev/null || true
done

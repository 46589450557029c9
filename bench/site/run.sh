#!/usr/bin/env bash
# wrk against the public pages next to a static asset of the same app, side by side in one run.
#   bench/site/run.sh [--postgres "Host=...;Database=...;Username=..."] [--duration 10s] [--connections 32]
# Prints each page's req/s, its ratio to the static asset's req/s, and p99 latency.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=10s; connections=32; postgres=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --postgres) postgres="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

out=$(mktemp -d)
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; rm -rf "$out"' EXIT
dotnet build Site -c Release -v q -nologo >"$out/build.log" || { cat "$out/build.log"; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production Seed__Demo=true Scheduling__Enabled=false Logging__LogLevel__Default=Warning
if [[ -n "$postgres" ]]; then
  export Database__Provider=Postgres ConnectionStrings__Lounge="$postgres"; db=PostgreSQL
else
  export Database__Provider=Sqlite ConnectionStrings__Lounge="Data Source=$out/bench.db"; db=SQLite
fi
(cd Site/bin/Release/net10.0 && exec dotnet HookahLounge.Site.dll) >"$out/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$port/health" >/dev/null || { echo "the app did not start:"; cat "$out/app.log"; exit 1; }

tomorrow=$(date -u -d tomorrow +%F)
pages=("/css/site.css" "/" "/menu" "/booking?date=$tomorrow&party=2" "/promos")
echo "$(nproc) cores, $db, wrk -t2 -c$connections -d$duration, $(date -u '+%F %H:%M') UTC"
printf '%-36s %10s %10s %10s\n' page "req/s" "÷ static" "p99"
static=""
for page in "${pages[@]}"; do
  url="http://127.0.0.1:$port$page"
  curl -fs -o /dev/null "$url" || { echo "$page does not answer 200" >&2; exit 1; }
  result=$(wrk -t2 -c"$connections" -d"$duration" --latency "$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$result")
  p99=$(awk '$1=="99%" {print $2}' <<<"$result")
  errors=$(awk '/Non-2xx/ {print $4}' <<<"$result")
  [[ -z "$static" ]] && static=$rps
  ratio=$(awk -v a="$rps" -v b="$static" 'BEGIN {printf "%.3f", a/b}')
  printf '%-36s %10.0f %10s %10s%s\n' "$page" "$rps" "$ratio" "$p99" "${errors:+  ($errors non-2xx)}"
done

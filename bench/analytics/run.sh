#!/usr/bin/env bash
# Render times of the analytics pages over a seeded year, on a throwaway PostgreSQL cluster (or --postgres).
#   bench/analytics/run.sh [--orders 50000] [--runs 10] [--postgres "Host=...;Database=...;Username=..."]
# Seeds the history with `seed-history`, signs in as an owner, requests each page for the whole year
# (once to warm up, then --runs times) and prints min / median / max milliseconds per page, and the CPU
# time per request spent by the app and (for the throwaway cluster) by PostgreSQL, which a busy shared
# machine inflates far less than the wall-clock times.
set -euo pipefail
cd "$(dirname "$0")/../.."
orders=50000; runs=10; postgres=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --orders) orders="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --postgres) postgres="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

out=$(mktemp -d); chmod 755 "$out"
pg=""; app=""
cleanup() {
  [[ -n "$app" ]] && { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }
  [[ -n "$pg" ]] && runuser -u postgres -- "$pg/pg_ctl" -D "$out/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$out"
}
trap cleanup EXIT

if [[ -z "$postgres" ]]; then
  pg=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  mkdir "$out/pg"; chown postgres: "$out/pg"
  runuser -u postgres -- "$pg/initdb" -D "$out/pg" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$pg/pg_ctl" -D "$out/pg" -l "$out/pg/log" -w start -o "-p $port -k $out/pg -c listen_addresses=127.0.0.1" >/dev/null
  postgres="Host=127.0.0.1;Port=$port;Database=bench;Username=postgres"
fi

dotnet build Site -c Release -v q -nologo >"$out/build.log" || { cat "$out/build.log"; exit 1; }
# Development: demo menu and tables, and the admin cookie over plain HTTP on localhost.
export ASPNETCORE_ENVIRONMENT=Development Database__Provider=Postgres ConnectionStrings__Lounge="$postgres"
export Scheduling__Enabled=false Notifications__DispatcherEnabled=false Telegram__BotToken="" Logging__LogLevel__Default=Warning
cd Site/bin/Release/net10.0
site=HookahLounge.Site.dll
started=$(date +%s)
dotnet "$site" seed-history --orders "$orders" | tail -1
echo "seed-history took $(( $(date +%s) - started )) s"
HOOKAH_ADMIN_PASSWORD=bench-password dotnet "$site" create-admin --login bench --role Owner >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$site" >"$out/app.log" 2>&1 &
app=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do curl -fs "$base/health" >/dev/null && break; sleep 0.5; done
jar="$out/cookies"
token=$(curl -fs -c "$jar" -b "$jar" "$base/admin/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Login=bench" --data-urlencode "Input.Password=bench-password" \
  --data-urlencode "__RequestVerificationToken=$token" "$base/admin/account/login"

to=$(date -u +%F); from=$(date -u -d "-366 days" +%F)
tick=$(getconf CLK_TCK)
app_ticks() { awk '{print $14+$15}' "/proc/$app/stat"; }
db_ticks() {
  [[ -n "$pg" ]] || { echo 0; return; }
  local pm total
  pm=$(head -1 "$out/pg/postmaster.pid")
  total=$(awk '{print $14+$15+$16+$17}' "/proc/$pm/stat")
  for child in $(pgrep -P "$pm"); do total=$((total + $(awk '{print $14+$15}' "/proc/$child/stat" 2>/dev/null || echo 0))); done
  echo "$total"
}
echo "PostgreSQL, $orders orders, range $from..$to, $runs runs after one warm-up (ms; CPU = per request):"
printf '%-40s %8s %8s %8s %8s %8s\n' page min median max "app CPU" "db CPU"
for page in /admin/analytics /admin/analytics/guests /admin/analytics/bookings "/admin/analytics?handler=Csv&table=days"; do
  url="$base$page$([[ $page == *\?* ]] && echo '&' || echo '?')from=$from&to=$to"
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$url")
  [[ "$code" == 200 ]] || { echo "$page answered $code" >&2; tail -20 "$out/app.log" >&2; exit 1; }
  app_before=$(app_ticks); db_before=$(db_ticks)
  times=$(for _ in $(seq 1 "$runs"); do curl -s -o /dev/null -w '%{time_total}\n' -b "$jar" "$url"; done | sort -n)
  app_cpu=$(( ($(app_ticks) - app_before) * 1000 / tick / runs )); db_cpu=$(( ($(db_ticks) - db_before) * 1000 / tick / runs ))
  python3 - "$page" "$app_cpu" "$db_cpu" $times <<'PY'
import sys, statistics
t = [float(x) * 1000 for x in sys.argv[4:]]
print(f"{sys.argv[1]:<40} {min(t):8.0f} {statistics.median(t):8.0f} {max(t):8.0f} {sys.argv[2]:>8} {sys.argv[3]:>8}")
PY
done

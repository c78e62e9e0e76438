# sh converge.sh SERVICE=ROWS ...
# Waits, printing nothing, until each SERVICE shows exactly ROWS task rows in `service ps` and
# every row is at rest: desired Running and running, or desired Shutdown and finished (Shutdown,
# Complete, Failed). ROWS=0 waits until the service and its task containers are gone.
# The real engine takes a few seconds for that (task start-up, restart delay, shutdown, reaping);
# tsecret converges at once, so there this returns after one look. The row count matters: right
# after `service create`/`update`/`scale` the orchestrator may not have created the new tasks yet.
# After 30 s it names what is still moving on stderr and exits 1 (the recording then shows it).
i=0
while :; do
  moving=
  for arg in "$@"; do
    svc=${arg%%=*}
    rows=${arg#*=}
    if [ "$rows" = 0 ]; then
      if docker service inspect "$svc" >/dev/null 2>&1 ||
        [ -n "$(docker ps -aq --filter "label=com.docker.swarm.service.name=$svc")" ]; then
        moving="$moving $svc"
      fi
      continue
    fi
    states=$(docker service ps "$svc" --format '{{.DesiredState}} {{.CurrentState}}' 2>/dev/null)
    n=$(printf '%s\n' "$states" | grep -c .)
    rest=$(printf '%s\n' "$states" | grep -c -e '^Running Running ' -e '^Shutdown Shutdown ' -e '^Shutdown Complete ' -e '^Shutdown Failed ')
    if [ "$n" != "$rows" ] || [ "$rest" != "$rows" ]; then moving="$moving $svc"; fi
  done
  [ -z "$moving" ] && exit 0
  i=$((i + 1))
  if [ "$i" -ge 150 ]; then
    echo "not at rest after 30 s:$moving" >&2
    exit 1
  fi
  sleep 0.2
done

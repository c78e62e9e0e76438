# sh until.sh EXPECTED COMMAND
# Waits, printing nothing, until COMMAND (run with sh -c) prints exactly EXPECTED on stdout
# (trailing newlines ignored on both). For states converge.sh cannot wait for: tasks that stay
# Pending on a drained node, job tasks that end Complete, a task that fails by design, an
# endpoint the allocator fills in a moment after the update. tsecret is already there, so it
# returns after one look. After 30 s of wall-clock time (not a count of tries: each try spawns
# the CLI) it prints the last output on stderr and exits 1 (the recording then shows it).
want=$1
end=$(($(date +%s) + 30))
while :; do
  got=$(sh -c "$2" 2>/dev/null)
  [ "$got" = "$want" ] && exit 0
  if [ "$(date +%s)" -ge "$end" ]; then
    printf 'not there after 30 s: %s\n' "$got" >&2
    exit 1
  fi
  sleep 0.2
done

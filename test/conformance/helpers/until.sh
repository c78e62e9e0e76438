# sh until.sh EXPECTED COMMAND
# Waits, printing nothing, until COMMAND (run with sh -c) prints exactly EXPECTED on stdout
# (trailing newlines ignored on both). For states converge.sh cannot wait for: tasks that stay
# Pending on a drained node, job tasks that end Complete, a network the daemon removes a moment
# after saying so. tsecret is already there, so it returns after one look. After 30 s it prints
# the last output on stderr and exits 1 (the recording then shows it).
want=$1
i=0
while :; do
  got=$(sh -c "$2" 2>/dev/null)
  [ "$got" = "$want" ] && exit 0
  i=$((i + 1))
  if [ "$i" -ge 150 ]; then
    printf 'not there after 30 s: %s\n' "$got" >&2
    exit 1
  fi
  sleep 0.2
done

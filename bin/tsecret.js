#!/usr/bin/env -S node --
// `--` ends node's own options: Node 20 otherwise reads an `--env-file` anywhere on the command
// line as its own, so `tsecret service create --env-file f` would load f into tsecret's
// environment (or kill node when f is missing) before tsecret runs.
import '../dist/tsecret.js';

#!/usr/bin/env node
import '../dist/tsecret.js';

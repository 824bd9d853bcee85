#!/usr/bin/env node
// Self time per function from a .cpuprofile (node --cpu-prof): node bench/profile.mjs FILE [top]
import { readFileSync } from 'node:fs';
const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const top = Number(process.argv[3] ?? 25);
const byNode = new Map();
profile.samples.forEach((id, i) => {
  byNode.set(id, (byNode.get(id) ?? 0) + profile.timeDeltas[i]);
});
const self = new Map();
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + (byNode.get(node.id) ?? 0));
}
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  process.stdout.write(`${(us / 1000).toFixed(0).padStart(6)} ms  ${key}\n`);
}

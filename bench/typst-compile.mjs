#!/usr/bin/env node
// A minimal `typst compile` for the benchmark: Typst 0.14 (the typst.ts
// node compiler pinned in bench/package.json), since the npm registry has no
// Typst 0.14 CLI binary.
//
//   node bench/typst-compile.mjs [--font-path DIR]... [--times] IN.typ OUT.pdf [IN.typ OUT.pdf]...
//
// Several IN/OUT pairs compile one after the other in one process (the
// "many briefs in one process" case); --times prints each compile's
// milliseconds (compile + PDF export + write) on stderr.
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const fontPaths = [];
const files = [];
let times = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--font-path') fontPaths.push(resolve(args[++i]));
  else if (args[i] === '--times') times = true;
  else files.push(args[i]);
}
if (files.length === 0 || files.length % 2) {
  console.error('usage: typst-compile.mjs [--font-path DIR]... [--times] IN.typ OUT.pdf [IN.typ OUT.pdf]...');
  process.exit(2);
}
const t0 = performance.now();
const compiler = NodeCompiler.create({ workspace: '/', fontArgs: [{ fontPaths }] });
if (times) console.error(`startup ${(performance.now() - t0).toFixed(1)} ms`);
for (let i = 0; i < files.length; i += 2) {
  const t = performance.now();
  const result = compiler.compile({ mainFilePath: resolve(files[i]) });
  const doc = result.result;
  if (!doc) {
    result.printDiagnostics();
    process.exit(1);
  }
  writeFileSync(files[i + 1], compiler.pdf(doc));
  if (times) console.error(`${files[i]} ${(performance.now() - t).toFixed(1)} ms`);
}

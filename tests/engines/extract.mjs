// Text as the browsers' PDF engines give it, for tests/tools/engines_check.py.
//   node extract.mjs FILE.pdf...
// prints one JSON object: {FILE: {"pdfjs": [page text...], "pdfium": [...]}}
// pdfjs:  pdf.js (Firefox): page.getTextContent() items joined, hasEOL as a
//         line break: the text Firefox's text layer copies from.
// pdfium: PDFium (Chrome, Edge) through @hyzyla/pdfium: page.getText().
import { readFileSync } from "node:fs";

// pdf.js 6 asks for Promise.withResolvers, which node 20 lacks.
if (!Promise.withResolvers) {
  Promise.withResolvers = function () {
    let resolve, reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}

const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
const { PDFiumLibrary } = await import("@hyzyla/pdfium");

async function pdfjsText(bytes) {
  const task = pdfjs.getDocument({ data: bytes, verbosity: 0, useSystemFonts: false });
  const doc = await task.promise;
  const pages = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    pages.push(content.items.map((it) => (it.str ?? "") + (it.hasEOL ? "\n" : "")).join(""));
  }
  await task.destroy();
  return pages;
}

function pdfiumText(library, bytes) {
  const doc = library.loadDocument(bytes);
  return doc.then((d) => {
    const pages = [];
    for (const page of d.pages()) pages.push(page.getText());
    d.destroy();
    return pages;
  });
}

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write("usage: node extract.mjs FILE.pdf...\n");
  process.exit(2);
}
const library = await PDFiumLibrary.init();
const result = {};
for (const file of files) {
  const bytes = readFileSync(file);
  result[file] = {
    pdfjs: await pdfjsText(new Uint8Array(bytes)),
    pdfium: await pdfiumText(library, new Uint8Array(bytes)),
  };
}
library.destroy();
process.stdout.write(JSON.stringify(result) + "\n");

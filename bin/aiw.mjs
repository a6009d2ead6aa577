#!/usr/bin/env node
// The `aiw` command. It runs the TypeScript sources directly, which needs Node ≥ 22.18
// (type stripping). `npm install` brings Node 24 into node_modules/.bin, which npm
// scripts and npx put first on PATH; a bare older `node` gets a clear message instead.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `aiw needs Node.js 22.18 or newer (this is ${process.versions.node}).\n` +
      'Run it through npm (npx aiw …, npm run …), which uses the Node 24 installed in node_modules.\n',
  );
  process.exit(2);
}
const { main } = await import('../src/main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

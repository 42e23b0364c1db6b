// npm run build: src/ compiled to dist/, file for file, so production runs JavaScript rather than
// tsx (faster to start, about 70 MiB less). Plain JavaScript itself, so it runs before anything is
// compiled. dist/ mirrors src/: paths that reach out of src (migrations/, public/, node_modules)
// resolve the same from either.
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');
const dist = join(root, 'dist');

function sources(dir, keep = (name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path, keep);
    return keep(entry.name) ? [path] : [];
  });
}

// Files read at run time next to the code that reads them (new URL('./x', import.meta.url)):
// Typst templates, the PDF fonts and their licence.
const ASSET = /\.(typ|ttf|otf)$|^OFL\.txt$/;

const started = performance.now();
const entryPoints = sources(src);
rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints,
  outdir: dist,
  outbase: src,
  // Bundling only to rewrite relative imports: each stays its own file, `./x.ts` becomes `./x.js`,
  // and packages stay imports of node_modules.
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [
    {
      name: 'relative-imports-stay-files',
      setup(b) {
        b.onResolve({ filter: /^\.\.?\// }, (args) => ({ path: args.path.replace(/\.tsx?$/, '.js'), external: true }));
      },
    },
  ],
});
const assets = sources(src, (name) => ASSET.test(name));
for (const asset of assets) {
  const target = join(dist, relative(src, asset));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(asset, target);
}
const files = entryPoints.length;
const bytes = entryPoints.reduce((sum, f) => sum + statSync(join(dist, relative(src, f)).replace(/\.tsx?$/, '.js')).size, 0);
console.log(`dist/: ${files} files and ${assets.length} assets, ${(bytes / 1024).toFixed(0)} KiB, in ${((performance.now() - started) / 1000).toFixed(2)} s`);

// Renders docs/screenshots/element-template-experiment.png: the "Send message to buyer" element
// template's properties panel for the order journey's payment reminder, with its Experiment group
// open, in headless Chromium. Usage (from this folder): npm ci && npm run screenshot
// Environment: CHROMIUM (default /usr/bin/chromium).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const dist = join(here, 'dist');
const out = join(repo, 'docs', 'screenshots', 'element-template-experiment.png');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';

const templatesDir = join(repo, 'bpmn', '.camunda', 'element-templates');
const templates = readdirSync(templatesDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((f) => {
    const t = JSON.parse(readFileSync(join(templatesDir, f), 'utf8'));
    return Array.isArray(t) ? t : [t];
  });
const diagram = readFileSync(join(repo, 'bpmn', 'order-journey.bpmn'), 'utf8');

mkdirSync(dist, { recursive: true });
writeFileSync(
  join(dist, 'data.js'),
  'export const diagram = ' + JSON.stringify(diagram) + ';\n' +
    'export const templates = ' + JSON.stringify(templates) + ';\n' +
    "export const elementId = 'Activity_SendPaymentReminder';\n" +
    "export const group = 'Experiment (holdout, A/B variants)';\n"
);
await build({
  entryPoints: [join(here, 'app.js')],
  bundle: true,
  outfile: join(dist, 'app.bundle.js'),
  format: 'iife',
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.eot': 'dataurl', '.svg': 'dataurl' },
  logLevel: 'warning'
});
writeFileSync(
  join(dist, 'index.html'),
  `<!doctype html>
<html><head><meta charset="utf-8"><title>rendering</title>
<link rel="stylesheet" href="app.bundle.css">
<style>
  html, body { margin: 0; height: 100%; font-family: 'IBM Plex Sans', 'DejaVu Sans', sans-serif; }
  #row { display: flex; height: 100%; }
  #canvas { flex: 1; height: 100%; background: #fff; }
  #panel { width: 420px; height: 100%; overflow: auto; border-left: 1px solid #ccc; background: #f8f8f8; }
</style></head>
<body><div id="row"><div id="canvas"></div><div id="panel"></div></div>
<script src="app.bundle.js"></script></body></html>
`
);
mkdirSync(dirname(out), { recursive: true });
const shot = join(dist, 'shot.png');
const url = pathToFileURL(join(dist, 'index.html')).href;
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--hide-scrollbars',
  '--allow-file-access-from-files',
  '--window-size=1100,760',
  '--virtual-time-budget=15000'
];
const dom = execFileSync(chromium, [...flags, '--dump-dom', url], { encoding: 'utf8', maxBuffer: 64 << 20 });
const title = (dom.match(/<title>([^<]*)<\/title>/) || [])[1];
if (!title || !title.startsWith('ready')) {
  const error = (dom.match(/data-error="([^"]*)"/) || [])[1];
  throw new Error('the page did not render: ' + title + ' ' + (error || ''));
}
for (const field of ['Experiment id', 'Holdout share (%)', 'Variant templates', 'Variant shares']) {
  if (!dom.includes(field)) {
    throw new Error('the panel does not show the field ' + field);
  }
}
execFileSync(chromium, [...flags, '--screenshot=' + shot, url], { stdio: 'ignore' });
copyFileSync(shot, out);
console.log('wrote ' + out + ' (' + title + ')');

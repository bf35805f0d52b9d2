// Renders the README and ops-guide pictures in docs/diagrams/ from the models, in headless Chromium:
//   bpmn/<name>.bpmn -> docs/diagrams/<name>.svg  (bpmn-js viewer, saveSVG: what Camunda Modeler draws)
//   dmn/<name>.dmn   -> docs/diagrams/<name>.png  (dmn-js decision table viewer, one table per decision;
//                                                 dmn-js draws tables as HTML, so the picture is a screenshot)
// Each picture records the SHA-256 of its model and the renderer (this package's version and the viewer's)
// in an SVG <metadata> element or PNG tEXt chunks; DiagramsTest compares them with the models, so the
// normal test run needs no browser. Bump "version" in package.json when this file changes the output.
// A picture whose recorded model hash and renderer are current is left alone (after a merge that changed one
// model only that picture is redrawn); --all redraws every picture.
// Usage: tools/diagrams/render.sh [--all] (npm ci, then this). Environment: CHROMIUM (default /usr/bin/chromium).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32 } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const dist = join(here, 'dist');
const out = join(repo, 'docs', 'diagrams');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';

const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const renderer = (viewer) => {
  const installed = JSON.parse(readFileSync(join(here, 'node_modules', viewer, 'package.json'), 'utf8')).version;
  if (installed !== pkg.devDependencies[viewer]) {
    throw new Error(`${viewer} ${installed} is installed, package.json pins ${pkg.devDependencies[viewer]}: run npm ci`);
  }
  // DiagramsTest builds the same string from package.json.
  return `tools/diagrams ${pkg.version}; ${viewer} ${installed}`;
};

/** The models of one folder: name, path relative to the repository, text and SHA-256 (line endings as LF). */
const models = (folder, extension) =>
  readdirSync(join(repo, folder))
    .filter((f) => f.endsWith(extension))
    .sort()
    .map((f) => {
      const text = readFileSync(join(repo, folder, f), 'utf8').replace(/\r\n/g, '\n');
      return {
        name: f.slice(0, -extension.length),
        path: `${folder}/${f}`,
        text,
        sha256: createHash('sha256').update(text, 'utf8').digest('hex')
      };
    });

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
  '--virtual-time-budget=20000'
];

/** Loads a page and returns its DOM once its script has set the title to "ready ..." (or fails with its error). */
const dumpDom = (page, extra = []) => {
  const dom = execFileSync(chromium, [...flags, ...extra, '--dump-dom', pathToFileURL(page).href], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    stdio: ['ignore', 'pipe', 'ignore']
  });
  const title = (dom.match(/<title>([^<]*)<\/title>/) || [])[1] || '';
  if (!title.startsWith('ready')) {
    throw new Error(`${relative(repo, page)} did not render: ${title || 'no title'}`);
  }
  return { dom, title };
};

const vendor = (from, to) => copyFileSync(join(here, 'node_modules', from), join(dist, to));
const page = (name, head, script) =>
  writeFileSync(
    join(dist, name),
    `<!doctype html>
<html><head><meta charset="utf-8"><title>rendering</title>
${head}
<style>
  html, body { margin: 0; background: #fff; font-family: Arial, 'DejaVu Sans', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif; }
</style></head>
<body>
<script>
window.addEventListener('error', (e) => { document.title = 'error: ' + e.message; });
(async () => {
  try {
${script}
  } catch (e) {
    document.title = 'error: ' + (e && e.message || e);
  }
})();
</script></body></html>
`
  );

const pngText = (keyword, value) => {
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(value, 'latin1')]);
  const type = Buffer.from('tEXt', 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  type.copy(chunk, 4);
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([type, data])), 8 + data.length);
  return chunk;
};

/** The PNG with tEXt chunks right after its header chunk (IHDR: 8 bytes signature + 25 bytes chunk). */
const withText = (png, entries) =>
  Buffer.concat([png.subarray(0, 33), ...entries.map(([k, v]) => pngText(k, v)), png.subarray(33)]);

/** The provenance a picture records (SVG metadata or PNG tEXt chunks), or null when there is no picture. */
const recorded = (file) => {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  if (file.endsWith('.svg')) {
    const m = bytes.toString('utf8').match(/<careflow:picture [^>]*sha256="([0-9a-f]{64})" renderer="([^"]*)"/);
    return m && { sha256: m[1], renderer: m[2] };
  }
  const text = {};
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'tEXt') {
      const [k, v] = bytes.toString('latin1', at + 8, at + 8 + length).split('\0');
      text[k] = v;
    }
    at += 12 + length;
  }
  return { sha256: text['careflow:sha256'], renderer: text['careflow:renderer'] };
};
/** Whether the picture must be drawn: always with --all, else when missing or drawn from another model or renderer. */
const due = (model, file, by) => {
  const was = process.argv.includes('--all') ? null : recorded(file);
  const current = was && was.sha256 === model.sha256 && was.renderer === by;
  if (current) console.log(`current ${relative(repo, file)}`);
  return !current;
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
mkdirSync(out, { recursive: true });

// Journeys: one page draws every BPMN model and leaves each SVG, base64 of UTF-8, in a <pre>.
const bpmnRenderer = renderer('bpmn-js');
const journeys = models('bpmn', '.bpmn').filter((m) => due(m, join(out, m.name + '.svg'), bpmnRenderer));
vendor('bpmn-js/dist/bpmn-viewer.production.min.js', 'bpmn-viewer.js');
writeFileSync(join(dist, 'journeys.js'), 'window.models = ' + JSON.stringify(journeys.map((m) => [m.name, m.text])) + ';\n');
page(
  'journeys.html',
  '<script src="bpmn-viewer.js"></script><script src="journeys.js"></script>',
  `    for (const [name, xml] of window.models) {
      const container = document.createElement('div');
      container.style.cssText = 'width: 1600px; height: 900px';
      document.body.appendChild(container);
      const viewer = new BpmnJS({ container });
      const { warnings } = await viewer.importXML(xml);
      if (warnings.length) throw new Error(name + ': ' + warnings.map((w) => w.message).join('; '));
      const { svg } = await viewer.saveSVG();
      viewer.destroy();
      container.remove();
      const pre = document.createElement('pre');
      pre.id = name;
      const bytes = new TextEncoder().encode(svg);
      let binary = '';
      for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode(...bytes.subarray(i, i + 8192));
      pre.textContent = btoa(binary);
      document.body.appendChild(pre);
    }
    document.title = 'ready';`
);
const { dom } = journeys.length ? dumpDom(join(dist, 'journeys.html')) : { dom: '' };
for (const model of journeys) {
  const encoded = (dom.match(new RegExp(`<pre id="${model.name}">([^<]*)</pre>`)) || [])[1];
  if (!encoded) throw new Error(`no picture of ${model.path}`);
  // bpmn-js names arrow-head markers at random; number them in order so the same model gives the same file
  const markers = new Map();
  const cropped = Buffer.from(encoded, 'base64')
    .toString('utf8')
    .replace(/marker-[a-z0-9]{20,}/g, (id) => markers.get(id) || markers.set(id, `marker-${markers.size + 1}`).get(id));
  // saveSVG crops at the outermost label; a margin keeps labels at the edge from touching it
  const margin = 12;
  const svg = cropped.replace(
    /width="([\d.]+)" height="([\d.]+)" viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/,
    (_, w, h, x, y, vw, vh) =>
      `width="${+w + 2 * margin}" height="${+h + 2 * margin}" ` +
      `viewBox="${x - margin} ${y - margin} ${+vw + 2 * margin} ${+vh + 2 * margin}"`
  );
  const open = svg.indexOf('>', svg.indexOf('<svg')) + 1;
  const metadata =
    `<metadata><careflow:picture xmlns:careflow="urn:careflow:diagrams" model="${model.path}" ` +
    `sha256="${model.sha256}" renderer="${bpmnRenderer}"/></metadata>`;
  const target = join(out, model.name + '.svg');
  writeFileSync(
    target,
    `<?xml version="1.0" encoding="utf-8"?>\n` +
      `<!-- Rendered from ${model.path} by bpmn-js (tools/diagrams/render.sh); do not edit. -->\n` +
      svg.slice(svg.indexOf('<svg'), open) + metadata + svg.slice(open) + '\n'
  );
  console.log(`wrote ${relative(repo, target)}`);
}

// Decision tables: one page per DMN file, every decision's table below the other, measured, then screenshot.
const dmnRenderer = renderer('dmn-js');
const decisions = models('dmn', '.dmn').filter((m) => due(m, join(out, m.name + '.png'), dmnRenderer));
vendor('dmn-js/dist/dmn-viewer.production.min.js', 'dmn-viewer.js');
for (const css of ['dmn-js-shared.css', 'dmn-js-decision-table.css', 'dmn-font/css/dmn-embedded.css']) {
  vendor('dmn-js/dist/assets/' + css, css.replace(/.*\//, ''));
}
for (const model of decisions) {
  writeFileSync(join(dist, model.name + '.js'), 'window.xml = ' + JSON.stringify(model.text) + ';\n');
  page(
    model.name + '.html',
    `<link rel="stylesheet" href="dmn-js-shared.css"><link rel="stylesheet" href="dmn-js-decision-table.css">
<link rel="stylesheet" href="dmn-embedded.css">
<style>
  body { display: inline-block; padding: 8px; }
  .table { width: max-content; margin-bottom: 8px; }
  /* room below the table for the bpmn.io watermark, which sits 15px above the container's bottom edge */
  .table .dmn-decision-table-container { padding-bottom: 44px; }
  .table .dmn-decision-table-container .view-drd { display: none; }
  .table .dmn-decision-table-container thead * { -webkit-line-clamp: unset; }
</style>
<script src="dmn-viewer.js"></script><script src="${model.name}.js"></script>`,
    `    const probe = new DmnJS({ container: document.createElement('div') });
    await probe.importXML(window.xml);
    const tables = probe.getViews().filter((v) => v.type === 'decisionTable').map((v) => v.element.id);
    probe.destroy();
    if (!tables.length) throw new Error('no decision table');
    for (const id of tables) {
      const container = document.createElement('div');
      container.className = 'table';
      document.body.appendChild(container);
      const viewer = new DmnJS({ container });
      await viewer.importXML(window.xml);
      await viewer.open(viewer.getViews().find((v) => v.element.id === id));
    }
    await document.fonts.ready;
    const box = document.body.getBoundingClientRect();
    document.title = 'ready ' + Math.ceil(box.width) + ' ' + Math.ceil(box.height);`
  );
  const html = join(dist, model.name + '.html');
  const [, width, height] = dumpDom(html).title.split(' ').map(Number);
  const shot = join(dist, model.name + '.png');
  execFileSync(
    chromium,
    [...flags, `--window-size=${width},${height}`, '--force-device-scale-factor=1.5', `--screenshot=${shot}`, pathToFileURL(html).href],
    { stdio: 'ignore' }
  );
  const target = join(out, model.name + '.png');
  writeFileSync(
    target,
    withText(readFileSync(shot), [
      ['Title', `Decision tables of ${model.path}`],
      ['Software', `${dmnRenderer} (tools/diagrams/render.sh)`],
      ['careflow:model', model.path],
      ['careflow:sha256', model.sha256],
      ['careflow:renderer', dmnRenderer]
    ])
  );
  console.log(`wrote ${relative(repo, target)} (${width}x${height} CSS px)`);
}

// Copies the browser bundles the dashboard serves from /vendor/ into the jar's static files.
// Run by ./mvnw (generate-resources) after `npm ci`; the page never loads anything from the internet.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = process.env.CAREFLOW_VENDOR_DIR ?? join(here, '..', '..', '..', 'target', 'classes', 'static', 'vendor');
const files = {
  'echarts/dist/echarts.min.js': 'echarts.min.js',
  'bpmn-js/dist/bpmn-navigated-viewer.production.min.js': 'bpmn-navigated-viewer.production.min.js',
  'bpmn-js/dist/assets/diagram-js.css': 'diagram-js.css',
  'bpmn-js/dist/assets/bpmn-js.css': 'bpmn-js.css',
};
mkdirSync(target, { recursive: true });
for (const [from, to] of Object.entries(files)) {
  copyFileSync(join(here, 'node_modules', from), join(target, to));
  console.log(`vendor: ${from} -> ${join(target, to)}`);
}

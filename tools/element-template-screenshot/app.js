// The properties panel Camunda Modeler shows for a "Send message to buyer" step, in a browser page:
// bpmn-js Modeler + bpmn-js-properties-panel + bpmn-js-element-templates (Camunda 8 templates).
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule
} from 'bpmn-js-properties-panel';
import { CloudElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';

import { diagram, templates, elementId, group } from './dist/data.js';

const modeler = new BpmnModeler({
  container: '#canvas',
  additionalModules: [
    BpmnPropertiesPanelModule,
    BpmnPropertiesProviderModule,
    ZeebePropertiesProviderModule,
    CloudElementTemplatesPropertiesProviderModule,
    ZeebeBehaviorsModule
  ],
  moddleExtensions: { zeebe: zeebeModdle },
  elementTemplates: templates
});

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function render() {
  const { warnings } = await modeler.importXML(diagram);
  if (warnings.length) {
    console.warn('import warnings', warnings.length);
  }
  const registry = modeler.get('elementRegistry');
  const element = registry.get(elementId);
  if (!element) {
    throw new Error('no element ' + elementId);
  }
  const canvas = modeler.get('canvas');
  // the step sits in the "Collect payment" sub-process, which Modeler shows on its own plane
  const root = canvas.findRoot(element);
  if (root && root !== canvas.getRootElement()) {
    canvas.setRootElement(root);
  }
  canvas.zoom(1);
  canvas.scrollToElement(element, { top: 120, left: 160, right: 160, bottom: 120 });
  // the panel follows the selection once attached (attached later, it keeps showing the process)
  modeler.get('propertiesPanel').attachTo('#panel');
  await wait(300);
  modeler.get('selection').select(element);
  await wait(500);
  // open the experiment group, close the others, as an operator looking at the experiment would
  for (const header of document.querySelectorAll('.bio-properties-panel-group-header')) {
    const title = header.querySelector('.bio-properties-panel-group-header-title');
    const wanted = title && title.textContent.trim() === group;
    const open = header.classList.contains('open');
    if (wanted !== open) {
      header.click();
    }
  }
  await wait(500);
  const shown = document.querySelector('.bio-properties-panel-header-type');
  document.title =
    'ready ' + (shown ? shown.textContent : '') + ' root=' + canvas.getRootElement().id +
    ' selected=' + modeler.get('selection').get().map((e) => e.id).join(',');
}

render().catch((error) => {
  document.title = 'failed';
  document.body.setAttribute('data-error', String(error && error.stack || error));
});

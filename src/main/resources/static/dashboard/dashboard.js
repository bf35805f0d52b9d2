// Careflow dashboard: draws the charts from the options the server built (ChartOptions.java) and the
// journey diagram with each send step's figures as overlays. The pages read without it.
(function () {
  'use strict';

  function json(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function percent(value) {
    return Math.round(value * 1000) / 10 + '%';
  }

  // the server writes "percent" where a label is a rate (a fraction)
  function withFormatters(option) {
    (option.yAxis || []).forEach(function (axis) {
      if (axis.axisLabel && axis.axisLabel.formatter === 'percent') {
        axis.axisLabel.formatter = percent;
      }
    });
    return option;
  }

  window.careflowCharts = {};
  if (window.echarts) {
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      var option = json(el.id + '-option');
      if (!option) {
        return;
      }
      var chart = echarts.init(el, null, { renderer: 'canvas' });
      chart.setOption(withFormatters(option));
      window.careflowCharts[el.dataset.chart] = chart;
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  var diagram = document.getElementById('diagram');
  if (diagram && window.BpmnJS) {
    var overlays = json('overlays') || [];
    var labels = json('overlay-labels') || {};
    var viewer = new BpmnJS({ container: diagram });
    window.careflowViewer = viewer;
    fetch(diagram.dataset.bpmnUrl, { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('BPMN ' + response.status);
        }
        return response.text();
      })
      .then(function (xml) { return viewer.importXML(xml); })
      .then(function () {
        viewer.get('canvas').zoom('fit-viewport', 'auto');
        var byStep = {};
        overlays.forEach(function (o) {
          byStep[o.stepId] = o;
          var html = document.createElement('a');
          html.className = 'step-overlay' + (o.sent === 0 ? ' empty' : '');
          html.href = o.href;
          html.dataset.step = o.stepId;
          html.dataset.sent = o.sent;
          [[labels.sent, o.sentText, 'sent'], [labels.conversion, o.conversionText, 'conversion'], [labels.roi, o.roiText, 'roi']]
            .forEach(function (part) {
              var span = document.createElement('span');
              span.className = 'ov-' + part[2];
              span.textContent = part[0] + ' ' + part[1];
              html.appendChild(span);
            });
          // readable at any zoom (at least 100 %), drawn just above the step
          viewer.get('overlays').add(o.stepId, 'careflow-figures', {
            position: { top: -4, left: 0 },
            scale: { min: 1 },
            html: html
          });
        });
        var selected = new URLSearchParams(window.location.search).get('step');
        if (selected && byStep[selected]) {
          viewer.get('canvas').addMarker(selected, 'careflow-selected');
        }
        viewer.get('eventBus').on('element.click', function (event) {
          var o = byStep[event.element.id];
          if (o) {
            window.location.href = o.href;
          }
        });
        diagram.dataset.ready = 'true';
      })
      .catch(function (error) {
        diagram.dataset.ready = 'error';
        console.error('journey diagram: ' + error.message);
      });
  }
})();

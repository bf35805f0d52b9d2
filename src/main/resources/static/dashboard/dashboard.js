// Careflow dashboard: draws the charts from the options the server built (ChartOptions.java) and the
// journey diagram with each send step's figures as overlays. The pages read without it.
(function () {
  'use strict';

  function json(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  // numbers, money and days as the page's language writes them (<html lang>: zh-CN or en)
  var lang = document.documentElement.lang || 'en';
  function none(value) {
    return value === null || value === undefined || value === '' || isNaN(Number(value));
  }
  function formats(currency) {
    var number = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
    var percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
    var money = new Intl.NumberFormat(lang, { style: 'currency', currency: currency || 'CNY' });
    var day = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    var f = {
      number: function (v) { return none(v) ? '—' : number.format(Number(v)); },
      percent: function (v) { return none(v) ? '—' : percent.format(Number(v)); },
      money: function (v) { return none(v) ? '—' : money.format(Number(v)); },
      // a shop day (ISO yyyy-MM-dd, the API's) as the locale's short date: "Nov 11", "11月11日"
      date: function (v) {
        var text = v && typeof v === 'object' ? v.value : v;
        var p = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text));
        return p ? day.format(new Date(Date.UTC(+p[1], +p[2] - 1, +p[3]))) : String(text);
      }
    };
    // a funnel's label: "name: value"
    f.nameNumber = function (params) { return params.name + ': ' + f.number(params.value); };
    return f;
  }
  window.careflowFormats = formats;

  // the server names a formatter where a label or value needs the locale (ChartOptions.java)
  function withFormatters(option) {
    var meta = option.careflow || {};
    delete option.careflow;
    var f = formats(meta.currency);
    function use(holder, key) {
      if (holder && typeof holder[key] === 'string' && f[holder[key]]) {
        holder[key] = f[holder[key]];
      }
    }
    [].concat(option.xAxis || [], option.yAxis || []).forEach(function (axis) {
      use(axis.axisLabel, 'formatter');
      use(axis.axisPointer && axis.axisPointer.label, 'formatter');
    });
    use(option.tooltip, 'valueFormatter');
    (option.series || []).forEach(function (series) {
      use(series.tooltip, 'valueFormatter');
      use(series.label, 'formatter');
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
          // the step's name in the page's language (the badge's figures carry their definitions)
          html.title = o.name || '';
          [[labels.sent, o.sentText, 'sent'], [labels.conversion, o.conversionText, 'conversion'], [labels.roi, o.roiText, 'roi']]
            .forEach(function (part) {
              var span = document.createElement('span');
              span.className = 'ov-' + part[2];
              span.textContent = part[0] + ' ' + part[1];
              // the figure's definition and the page's context on hover (the server's, in its language)
              span.title = (labels.titles || {})[part[2]] || '';
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

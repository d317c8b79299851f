// Small helpers the app calls over JS interop.
window.dashboard = {
  copyText: async (text) => { await navigator.clipboard.writeText(text); return true; },
  // Saves text as a file (CSV exports): a temporary object URL clicked through a hidden link.
  downloadText: (fileName, text, mimeType) => {
    const url = URL.createObjectURL(new Blob([text], { type: mimeType || 'text/plain' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: fileName, style: 'display:none' });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    return true;
  },
};

// Plotly.Blazor 7.2.0 queues a chart's first draw until plotly.js has loaded, then replays it without checking that the chart
// is still on the page: a chart replaced or navigated away from meanwhile made plotly.js throw "No DOM element with id ...
// exists on the page" (seen by the load test, Dashboard.Tests/Load). The interop draws by element id, so a draw for an id
// that is no longer on the page is skipped.
(() => {
  let plotly;
  Object.defineProperty(window, 'Plotly', {
    configurable: true,
    get: () => plotly,
    set: value => {
      plotly = value;
      for (const name of ['newPlot', 'react']) {
        const draw = value?.[name];
        if (typeof draw === 'function') {
          value[name] = (target, ...rest) =>
            typeof target === 'string' && !document.getElementById(target) ? Promise.resolve() : draw.call(value, target, ...rest);
        }
      }
    },
  });
})();

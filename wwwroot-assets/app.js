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
  // Loads plotly.js through Plotly.Blazor's own module (the same URL, so the same module instance and its ready flag) and
  // resolves once the script has run; PlotlyLoader.cs says why charts wait for it.
  loadPlotly: (interopUrl, scriptUrl) => window.dashboard.plotly ??= import(new URL(interopUrl, document.baseURI).href)
    .then(module => module.importScript('plotly-import', scriptUrl)),
};

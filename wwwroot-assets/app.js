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

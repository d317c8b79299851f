// Small helpers the app calls over JS interop.
window.dashboard = {
  copyText: async (text) => { await navigator.clipboard.writeText(text); return true; },
};
